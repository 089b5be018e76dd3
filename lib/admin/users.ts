/**
 * Admin use cases for accounts: list staff and admin accounts, create them (clerk, reviewer, admin), change
 * role or organisation, deactivate and reactivate. Applicants register themselves (lib/accounts) and are only
 * listed here, read-only, with their contact masked.
 *
 * Every change writes an audit_events row in the same transaction. Safety rules:
 * - an admin cannot deactivate or demote their own account (no self lock-out);
 * - the last active admin cannot be deactivated or demoted;
 * - clerks and reviewers must belong to an organisation (their case scope is its subtree, lib/cases/actor.ts).
 * A deactivated user loses access at once: lib/auth/session.ts reads isActive on every request. A role or
 * organisation change and a deactivation also end every session of the user (session epoch), so the user
 * signs in again under the new role; "sign out everywhere" does only that. A password reset by an admin
 * ends every session of the account too.
 */
import 'server-only';
import { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { passwordField } from '@/lib/auth/password-policy';
import { endAllSessions } from '@/lib/auth/session-epoch';
import { normaliseIdentifier } from '@/lib/auth/options';
import { isMainlandMobile } from '@/lib/validation/contact';
import { maskMobile } from '@/lib/validation/mask';
import { maskEmail } from '@/lib/privacy/normalise';
import { openUserIdentifiers, userIdentifierData, userIdentifierSearchWhere } from '@/lib/privacy/personal-data';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/cases/actor';

export const STAFF_ACCOUNT_ROLES = ['clerk', 'reviewer', 'admin'] as const;
export type StaffAccountRole = (typeof STAFF_ACCOUNT_ROLES)[number];

export const USERS_PAGE_SIZE = 50;

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
}

const orgIdField = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : Number(v)),
  z.number().int().positive().nullable(),
);

/** Clerks and reviewers need an organisation; admins may have one (their own office) or none. */
const orgRequiredForStaff = <T extends { role: StaffAccountRole; orgId: number | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.role !== 'admin' && v.orgId === null) ctx.addIssue({ code: 'custom', path: ['orgId'], message: 'admin.users.errors.orgRequired' });
};

export const createStaffUserSchema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(100, 'admin.errors.tooLong'),
    identifier: z
      .string()
      .trim()
      .min(1, 'validation.required')
      .transform(normaliseIdentifier)
      .refine((v) => (v.includes('@') ? z.email().safeParse(v).success : isMainlandMobile(v)), 'validation.identifier.invalid'),
    role: z.enum(STAFF_ACCOUNT_ROLES, { message: 'validation.required' }),
    orgId: orgIdField,
    password: passwordField(),
  })
  .superRefine(orgRequiredForStaff);
export type CreateStaffUserInput = z.infer<typeof createStaffUserSchema>;

export const changeUserSchema = z
  .object({
    userId: z.uuid(),
    role: z.enum(STAFF_ACCOUNT_ROLES, { message: 'validation.required' }),
    orgId: orgIdField,
  })
  .superRefine(orgRequiredForStaff);
export type ChangeUserInput = z.infer<typeof changeUserSchema>;

export const setUserActiveSchema = z.object({
  userId: z.uuid(),
  isActive: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

export interface StaffUserRow {
  id: string;
  name: string;
  role: StaffAccountRole;
  /** The work account's sign-in identifier in full (admins tell staff their login); applicants' are masked. */
  email: string | null;
  mobile: string | null;
  orgId: number | null;
  orgCode: string | null;
  orgName: string | null;
  isActive: boolean;
  createdAt: Date;
}

export interface ApplicantRow {
  id: string;
  name: string;
  /** Masked mobile or the e-mail address (the account identifier). */
  contact: string;
  isActive: boolean;
  createdAt: Date;
  caseCount: number;
}

/**
 * A user search: part of the name, or a whole e-mail address / mobile number (the identifiers are encrypted:
 * only a full value can be matched, through its blind index).
 */
function userSearchOr(q: string): Prisma.UserWhereInput[] {
  const byIdentifier = userIdentifierSearchWhere(q);
  return [{ name: { contains: q } }, ...(byIdentifier ? [byIdentifier] : [])];
}

function maskedContact(ids: { email: string | null; mobile: string | null }): string {
  if (ids.email) return maskEmail(ids.email);
  return ids.mobile ? maskMobile(ids.mobile) : '';
}

/** Staff and admin accounts, optionally filtered by role, organisation and a name / e-mail / mobile search. */
export async function listStaffUsers(
  admin: Actor,
  filter: { role?: StaffAccountRole; orgId?: number; q?: string } = {},
): Promise<StaffUserRow[]> {
  assertAdmin(admin);
  const q = filter.q?.trim();
  const users = await db.user.findMany({
    where: {
      role: filter.role ? filter.role : { in: [...STAFF_ACCOUNT_ROLES] },
      // API tokens' service accounts are managed on /admin/api-tokens, not as people.
      apiToken: { is: null },
      ...(filter.orgId ? { orgId: filter.orgId } : {}),
      ...(q ? { OR: userSearchOr(q) } : {}),
    },
    select: {
      id: true,
      name: true,
      role: true,
      emailEnc: true,
      mobileEnc: true,
      orgId: true,
      isActive: true,
      createdAt: true,
      org: { select: { code: true, name: true } },
    },
    orderBy: [{ isActive: 'desc' }, { role: 'asc' }, { name: 'asc' }],
    take: 500,
  });
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    role: u.role as StaffAccountRole,
    ...openUserIdentifiers(u),
    orgId: u.orgId,
    orgCode: u.org?.code ?? null,
    orgName: u.org?.name ?? null,
    isActive: u.isActive,
    createdAt: u.createdAt,
  }));
}

/** Applicant accounts, newest first, paginated by page number; read-only, contact masked. */
export async function listApplicants(
  admin: Actor,
  params: { q?: string; page?: number } = {},
): Promise<{ items: ApplicantRow[]; total: number; page: number; pageCount: number }> {
  assertAdmin(admin);
  const q = params.q?.trim();
  const where = {
    role: 'applicant' as const,
    ...(q ? { OR: userSearchOr(q) } : {}),
  };
  const total = await db.user.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(params.page ?? 1)), pageCount);
  const users = await db.user.findMany({
    where,
    select: { id: true, name: true, emailEnc: true, mobileEnc: true, isActive: true, createdAt: true, _count: { select: { casesApplied: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
  });
  return {
    items: users.map((u) => ({
      id: u.id,
      name: u.name,
      contact: maskedContact(openUserIdentifiers(u)),
      isActive: u.isActive,
      createdAt: u.createdAt,
      caseCount: u._count.casesApplied,
    })),
    total,
    page,
    pageCount,
  };
}

async function assertOrgExists(tx: Tx, orgId: number | null): Promise<void> {
  if (orgId === null) return;
  const org = await tx.organisation.findUnique({ where: { id: orgId }, select: { id: true, retiredAt: true } });
  if (!org) throw new DomainError('VALIDATION', 'admin.users.errors.orgNotFound');
  if (org.retiredAt) throw new DomainError('VALIDATION', 'admin.users.errors.orgRetired');
}

/** Creates a staff or admin account with an initial password (Argon2id). Audited `user.created`. */
export async function createStaffUser(admin: Actor, input: CreateStaffUserInput): Promise<{ id: string }> {
  assertAdmin(admin);
  const isEmail = input.identifier.includes('@');
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      await assertOrgExists(tx, input.orgId);
      const user = await tx.user.create({
        data: {
          role: input.role,
          name: input.name,
          ...userIdentifierData(input.identifier),
          passwordHash,
          orgId: input.orgId,
        },
        select: { id: true },
      });
      await tx.auditEvent.create({
        data: {
          actorId: admin.id,
          type: 'user.created',
          data: { userId: user.id, role: input.role, orgId: input.orgId, identifier: isEmail ? maskEmail(input.identifier) : maskMobile(input.identifier) },
        },
      });
      return user;
    });
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002') throw new DomainError('VALIDATION', 'admin.users.errors.identifierTaken');
    throw e;
  }
}

async function loadStaffUser(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, orgId: true, isActive: true } });
  // Applicant accounts are not managed here: they look like missing ones.
  if (!user || user.role === 'applicant') throw new DomainError('NOT_FOUND', 'errors.notFound');
  return user;
}

/** Refuses a change that would leave no active admin. Runs inside the transaction that makes the change. */
async function assertAnotherActiveAdmin(tx: Tx, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: 'admin', isActive: true, id: { not: userId } } });
  if (others === 0) throw new DomainError('CONFLICT', 'admin.users.errors.lastAdmin');
}

/** Changes the role and organisation of a staff account. Audited `user.changed` with before/after. */
export async function changeStaffUser(admin: Actor, input: ChangeUserInput): Promise<void> {
  assertAdmin(admin);
  if (input.userId === admin.id && input.role !== 'admin') throw new DomainError('CONFLICT', 'admin.users.errors.self');
  await db.$transaction(async (tx) => {
    const user = await loadStaffUser(tx, input.userId);
    await assertOrgExists(tx, input.orgId);
    if (user.role === 'admin' && input.role !== 'admin' && user.isActive) await assertAnotherActiveAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { role: input.role, orgId: input.orgId } });
    if (user.role !== input.role || user.orgId !== input.orgId) await endAllSessions(user.id, tx);
    await tx.auditEvent.create({
      data: {
        actorId: admin.id,
        type: 'user.changed',
        data: { userId: user.id, before: { role: user.role, orgId: user.orgId }, after: { role: input.role, orgId: input.orgId } },
      },
    });
  });
}

/** Deactivates or reactivates a staff account. Audited `user.deactivated` / `user.reactivated`. */
export async function setStaffUserActive(admin: Actor, userId: string, isActive: boolean): Promise<void> {
  assertAdmin(admin);
  if (userId === admin.id && !isActive) throw new DomainError('CONFLICT', 'admin.users.errors.self');
  await db.$transaction(async (tx) => {
    const user = await loadStaffUser(tx, userId);
    if (user.isActive === isActive) return;
    if (!isActive && user.role === 'admin') await assertAnotherActiveAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { isActive } });
    if (!isActive) await endAllSessions(user.id, tx);
    await tx.auditEvent.create({
      data: { actorId: admin.id, type: isActive ? 'user.reactivated' : 'user.deactivated', data: { userId: user.id } },
    });
  });
}

/** Ends every session of any account (staff or applicant) at its next request. Audited `user.sessions_ended`. */
export async function signOutEverywhere(admin: Actor, userId: string): Promise<void> {
  assertAdmin(admin);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new DomainError('NOT_FOUND', 'errors.notFound');
    await endAllSessions(user.id, tx);
    await tx.auditEvent.create({ data: { actorId: admin.id, type: 'user.sessions_ended', data: { userId: user.id } } });
  });
}

export const resetPasswordSchema = z.object({ userId: z.uuid(), password: passwordField() });

/**
 * Sets a new password for a staff or admin account (a colleague who forgot theirs; the admin tells it to
 * them in person), and ends every session of that account. Not for the admin's own account (they change it
 * with the current one: lib/accounts/change-password.ts) nor for applicants (they register themselves).
 * Audited `user.password_reset` (never the password).
 */
export async function resetStaffUserPassword(admin: Actor, input: z.infer<typeof resetPasswordSchema>): Promise<void> {
  assertAdmin(admin);
  if (input.userId === admin.id) throw new DomainError('CONFLICT', 'admin.users.errors.selfPassword');
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const user = await loadStaffUser(tx, input.userId);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await endAllSessions(user.id, tx);
    await tx.auditEvent.create({ data: { actorId: admin.id, type: 'user.password_reset', data: { userId: user.id } } });
  });
}
