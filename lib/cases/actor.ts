/**
 * Who is acting, and which cases they may see (STYLE §5 "scope in where"). Every case query of lib/cases,
 * lib/documents and lib/attachments puts `caseScopeWhere(actor)` into its `where`, so a case outside the
 * actor's scope is indistinguishable from a missing one: NOT_FOUND, never FORBIDDEN.
 *
 * - applicant: own applications (`Case.applicantUserId`); without an account, the one case whose access
 *   code was verified (AnonymousApplicant);
 * - clerk / reviewer: cases of their organisation's subtree (materialised path prefix, `Organisation.path`);
 * - admin: every case (admins only route cases: assign, transfer — lib/cases/workflow.ts).
 * A staff account without an organisation sees nothing.
 */
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor as WorkflowActor, Role } from '@/lib/cases/workflow';

export interface Actor {
  id: string;
  role: Role;
  orgId: number | null;
  /** Materialised path of the actor's organisation, e.g. "/1/4/"; null for applicants and org-less accounts. */
  orgPath: string | null;
}
/**
 * An applicant without an account who proved, with the tracking number and access code
 * (lib/cases/access-code.ts verifyAccessCode), to be the applicant of one case. Built only by
 * anonymousApplicantFor() after a successful verification (lib/cases/withdraw-by-access-code.ts). Its scope is
 * that one case, so the workflow sees `isOwnApplicant` there and nowhere else; its events carry no user
 * (CaseEvent.actorRole `applicant_anonymous`).
 */
export interface AnonymousApplicant extends Actor {
  id: typeof ANONYMOUS_APPLICANT_ID;
  role: 'applicant';
  orgId: null;
  orgPath: null;
  /** The case whose access code was verified. */
  verifiedCaseId: string;
}

export const ANONYMOUS_APPLICANT_ID = 'anonymous';

export function anonymousApplicantFor(verifiedCaseId: string): AnonymousApplicant {
  return { id: ANONYMOUS_APPLICANT_ID, role: 'applicant', orgId: null, orgPath: null, verifiedCaseId };
}

export function isAnonymousApplicant(actor: Actor): actor is AnonymousApplicant {
  return actor.role === 'applicant' && actor.id === ANONYMOUS_APPLICANT_ID && typeof (actor as Partial<AnonymousApplicant>).verifiedCaseId === 'string';
}

/** The identity written on events: the account, or null for an anonymous applicant. */
export function eventActorOf(actor: Actor): Pick<Actor, 'id' | 'role'> | null {
  return isAnonymousApplicant(actor) ? null : { id: actor.id, role: actor.role };
}

/** Alias used inside lib/cases, where `Actor` of workflow.ts (the pure role/scope triple) is also in play. */
export type CaseActor = Actor;

export const STAFF_ROLES = ['clerk', 'reviewer', 'admin'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaff(actor: Actor): boolean {
  return (STAFF_ROLES as readonly Role[]).includes(actor.role);
}

/** Matches no row: a uuid that uuid(7) never generates. */
const NOTHING: Prisma.CaseWhereInput = { id: '00000000-0000-0000-0000-000000000000' };

const SCOPE = {
  applicant: (actor: Actor): Prisma.CaseWhereInput => {
    if (isAnonymousApplicant(actor)) return { id: actor.verifiedCaseId };
    // 'anonymous' without a verified case (a forged or half-built actor) sees nothing.
    return actor.id === ANONYMOUS_APPLICANT_ID ? NOTHING : { applicantUserId: actor.id };
  },
  clerk: (actor: Actor): Prisma.CaseWhereInput => orgSubtreeWhere(actor),
  reviewer: (actor: Actor): Prisma.CaseWhereInput => orgSubtreeWhere(actor),
  admin: (): Prisma.CaseWhereInput => ({}),
} as const satisfies Record<Role, (actor: Actor) => Prisma.CaseWhereInput>;

function orgSubtreeWhere(actor: Actor): Prisma.CaseWhereInput {
  if (!actor.orgPath) return NOTHING;
  return { org: { path: { startsWith: actor.orgPath } } };
}

/** Prisma `where` fragment restricting cases to what the actor may see. AND it with every case filter. */
export function caseScopeWhere(actor: Actor): Prisma.CaseWhereInput {
  return SCOPE[actor.role](actor);
}

/**
 * The same scope as caseScopeWhere, as an SQL condition on `cases c JOIN organisations o ON o.id = c.org_id`,
 * for the few hand-written case reads (lib/cases/load-case-record.ts: the whole record in one statement).
 * lib/cases/load-case-record.int.test.ts checks that both agree for every kind of actor.
 */
export function caseScopeSql(actor: Actor): Prisma.Sql {
  return SCOPE_SQL[actor.role](actor);
}

const NOTHING_SQL = Prisma.sql`FALSE`;

const SCOPE_SQL = {
  applicant: (actor: Actor): Prisma.Sql => {
    if (isAnonymousApplicant(actor)) return Prisma.sql`c.id::text = ${actor.verifiedCaseId}`;
    return actor.id === ANONYMOUS_APPLICANT_ID ? NOTHING_SQL : Prisma.sql`c.applicant_user_id::text = ${actor.id}`;
  },
  clerk: (actor: Actor): Prisma.Sql => orgSubtreeSql(actor),
  reviewer: (actor: Actor): Prisma.Sql => orgSubtreeSql(actor),
  admin: (): Prisma.Sql => Prisma.sql`TRUE`,
} as const satisfies Record<Role, (actor: Actor) => Prisma.Sql>;

function orgSubtreeSql(actor: Actor): Prisma.Sql {
  if (!actor.orgPath) return NOTHING_SQL;
  return Prisma.sql`starts_with(o.path, ${actor.orgPath})`;
}

/**
 * The same scope as caseScopeWhere, decided on a case already in memory (its applicant account and its
 * organisation's path): for a record carried from one workflow step to the next in one transaction
 * (transition-case.ts transitionCaseChained), whose next actor may differ. lib/cases/load-case-record.int.test.ts
 * checks that it agrees with caseScopeWhere for every kind of actor.
 */
export function inCaseScope(actor: Actor, c: { id: string; applicantUserId: string | null; org: { path: string } }): boolean {
  switch (actor.role) {
    case 'applicant':
      if (isAnonymousApplicant(actor)) return c.id === actor.verifiedCaseId;
      return actor.id !== ANONYMOUS_APPLICANT_ID && c.applicantUserId === actor.id;
    case 'clerk':
    case 'reviewer':
      return !!actor.orgPath && c.org.path.startsWith(actor.orgPath);
    case 'admin':
      return true;
  }
  return false;
}

/** Organisations the actor may register cases for or filter by: its subtree (admin: all). */
export function orgScopeWhere(actor: Actor): Prisma.OrganisationWhereInput {
  if (actor.role === 'admin') return {};
  if (actor.role === 'applicant' || !actor.orgPath) return { id: -1 };
  return { path: { startsWith: actor.orgPath } };
}

/**
 * The workflow's view of an actor on a case that was loaded through caseScopeWhere: being found means being
 * in scope (staff) or being the applicant (applicant).
 */
export function workflowActorForLoadedCase(actor: Actor): WorkflowActor {
  return { role: actor.role, isInCaseScope: actor.role !== 'applicant', isOwnApplicant: actor.role === 'applicant' };
}
