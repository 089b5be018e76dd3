import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '@/lib/db';
import { componentLog, errorFields } from '@/lib/log';
import { clientIp } from './client-ip';
import { safeCallbackPath } from './callback-url';
import { SESSION_IDLE_SECONDS, endAllSessions, isSessionCurrent } from './session-epoch';
import { normaliseIdentifier, signInWithPassword, type SignedInUser } from './sign-in';
import type { Role } from '@/lib/cases/workflow';

export { normaliseIdentifier };

const authLog = componentLog('auth');

/** Thrown to the sign-in form as `?error=` codes. */
export const SIGN_IN_ERRORS = { failed: 'failed', throttled: 'throttled' } as const;

/** Thrown by the jwt callback for a session that has ended: next-auth then clears the cookie. */
class SessionEnded extends Error {
  constructor() {
    super('session ended');
    this.name = 'SessionEnded';
  }
}

/**
 * Sessions (issue 8 item 6): JWT with an idle timeout (maxAge, renewed on use) and an absolute lifetime
 * (authTime); the epoch check ends every session of a user after sign-out, password change, deactivation,
 * role change or "sign out everywhere" (lib/auth/session-epoch.ts).
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_IDLE_SECONDS },
  jwt: { maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { identifier: { type: 'text' }, password: { type: 'password' } },
      async authorize(credentials, req) {
        const outcome = await signInWithPassword({
          identifier: String(credentials?.identifier ?? ''),
          password: String(credentials?.password ?? ''),
          address: clientIp((req?.headers ?? {}) as Record<string, string>),
        });
        if (outcome.status === 'throttled') throw new Error(SIGN_IN_ERRORS.throttled);
        if (outcome.status !== 'ok') throw new Error(SIGN_IN_ERRORS.failed);
        return outcome.user;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as SignedInUser;
        token.uid = u.id;
        token.role = u.role;
        token.orgId = u.orgId;
        token.orgPath = u.orgPath;
        token.epoch = u.sessionEpoch;
        token.authTime = Math.floor(Date.now() / 1000);
        return token;
      }
      if (!(await isSessionCurrent(token as { uid?: unknown; epoch?: unknown; authTime?: unknown }))) throw new SessionEnded();
      return token;
    },
    async session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.uid as string,
        role: token.role as Role,
        orgId: (token.orgId as number | null) ?? null,
        epoch: token.epoch as number,
      };
      return session;
    },
    // Only places on this site (issue 8 item 3).
    async redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
    },
  },
  events: {
    // Signing out ends every session of the user, not only this browser's cookie.
    async signOut({ token }) {
      const uid = (token as { uid?: unknown } | null)?.uid;
      if (typeof uid === 'string') {
        await endAllSessions(uid);
        await db.auditEvent.create({ data: { actorId: uid, type: 'auth.sign_out', data: {} } });
      }
    },
  },
  logger: {
    error(code, metadata) {
      // An ended session is an expected outcome, not an error worth a stack trace.
      const err = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
      if (code === 'JWT_SESSION_ERROR' && err instanceof Error && err.name === 'SessionEnded') return;
      // The error only (type, message, stack: lib/log.ts), never the rest of the metadata (it may hold the
      // submitted credentials or the token).
      authLog.error({ code, ...errorFields(err) }, `[next-auth] ${code}`);
    },
    warn(code) {
      if (code !== 'DEBUG_ENABLED') authLog.warn({ code }, `[next-auth] ${code}`);
    },
    debug() {},
  },
};
