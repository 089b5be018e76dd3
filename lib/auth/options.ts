import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '@/lib/db';
import { userByIdentifierWhere } from '@/lib/privacy/personal-data';
import { hit, clear, LIMITS } from '@/lib/rate-limit';
import { dummyHash, verifyPassword } from './password';
import { clientIp } from './client-ip';
import type { Role } from '@/lib/cases/workflow';

/** Session lifetime in hours (GONGKAI_SESSION_HOURS, default 8: one working day). */
const SESSION_HOURS = Number(process.env.GONGKAI_SESSION_HOURS ?? 8);

export function normaliseIdentifier(raw: string): string {
  const v = raw.trim();
  return v.includes('@') ? v.toLowerCase() : v.replace(/[\s-]/g, '').replace(/^\+?86/, '');
}

/** Thrown to the sign-in form as `?error=` codes. */
export const SIGN_IN_ERRORS = { failed: 'failed', throttled: 'throttled' } as const;

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_HOURS * 3600 },
  jwt: { maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { identifier: { type: 'text' }, password: { type: 'password' } },
      async authorize(credentials, req) {
        const identifier = normaliseIdentifier(String(credentials?.identifier ?? ''));
        const password = String(credentials?.password ?? '');
        if (!identifier || !password) throw new Error(SIGN_IN_ERRORS.failed);
        // Throttle per account and per IP before looking at the password (no oracle for a locked account).
        const ip = clientIp((req?.headers ?? {}) as Record<string, string>);
        const perIp = await hit(`signin:ip:${ip}`, LIMITS.signInPerIp.limit, LIMITS.signInPerIp.windowSeconds);
        const perAccount = await hit(
          `signin:acct:${identifier}`,
          LIMITS.signInPerAccount.limit,
          LIMITS.signInPerAccount.windowSeconds,
        );
        if (!perIp.allowed || !perAccount.allowed) throw new Error(SIGN_IN_ERRORS.throttled);
        const user = await db.user.findFirst({
          where: userByIdentifierWhere(identifier),
          omit: { passwordHash: false },
          include: { org: { select: { path: true } } },
        });
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
        if (!user || !ok || !user.isActive) throw new Error(SIGN_IN_ERRORS.failed);
        await clear(`signin:acct:${identifier}`);
        // No e-mail in the session token: the identifier is personal data the pages do not need.
        return { id: user.id, name: user.name, email: null, role: user.role, orgId: user.orgId, orgPath: user.org?.path ?? null };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; role: Role; orgId: number | null; orgPath: string | null };
        token.uid = u.id;
        token.role = u.role;
        token.orgId = u.orgId;
        token.orgPath = u.orgPath;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.uid as string,
        role: token.role as Role,
        orgId: (token.orgId as number | null) ?? null,
      };
      return session;
    },
  },
};
