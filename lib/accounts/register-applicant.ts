import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { normaliseIdentifier } from '@/lib/auth/options';
import { isMainlandMobile } from '@/lib/validation/contact';
import { textIssue, zLine } from '@/lib/validation/text';

/** Applicants register themselves with a mobile number or an e-mail address and a password. */
export const registerApplicantSchema = z.object({
  name: zLine().min(1, 'validation.required').max(100, 'validation.too_long'),
  identifier: zLine()
    .min(1, 'validation.required')
    .max(254, 'validation.too_long')
    .transform(normaliseIdentifier)
    .refine((v) => (v.includes('@') ? z.email().safeParse(v).success : isMainlandMobile(v)), 'validation.identifier.invalid'),
  password: z
    .string()
    .refine((v) => textIssue(v) === null, { message: 'validation.text.invalid_characters', abort: true })
    .min(8, 'validation.password.too_short')
    .max(200, 'validation.too_long'),
});
export type RegisterApplicantInput = z.infer<typeof registerApplicantSchema>;

export async function registerApplicant(input: RegisterApplicantInput): Promise<{ id: string }> {
  const isEmail = input.identifier.includes('@');
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: {
        role: 'applicant',
        name: input.name,
        ...(isEmail ? { email: input.identifier } : { mobile: input.identifier }),
        passwordHash,
      },
      select: { id: true },
    });
    return user;
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002') throw new DomainError('VALIDATION', 'auth.identifierTaken');
    throw e;
  }
}
