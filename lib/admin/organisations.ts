/**
 * Admin use cases for the organisation tree: list it, create a child organisation, rename one (name and the
 * docPrefix used in document numbers such as 示范政信答〔2026〕12号).
 *
 * The materialised path ("/1/4/", the ids from the root down) is set in the same INSERT that creates the
 * organisation (lib/import/organisations.ts createOrganisation), so it is right from the first moment and a
 * subtree stays one prefix match. Codes never change after creation: they name the organisation in
 * imports, exports and the annual report API. Moving, merging and retiring: lib/admin/org-restructure.ts.
 */
import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { createOrganisation } from '@/lib/import/organisations';
import { OrgKind } from '@/lib/generated/prisma/enums';
import { ORG_CODE_PATTERN, orderOrgTree, type OrgTreeEntry } from '@/lib/admin/org-tree';

export const ORG_KINDS = Object.values(OrgKind);

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
}

export const createOrganisationSchema = z.object({
  /** Empty = a new top-level organisation (system administrators only). */
  parentId: z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), z.coerce.number().int().positive({ message: 'validation.required' }).max(2_147_483_647).nullable()),
  code: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .regex(ORG_CODE_PATTERN, 'admin.organisations.errors.codeFormat')
    .transform((v) => v.toUpperCase()),
  name: z.string().trim().min(1, 'validation.required').max(100, 'admin.errors.tooLong'),
  docPrefix: z.string().trim().min(1, 'validation.required').max(20, 'admin.errors.tooLong'),
  kind: z.enum(ORG_KINDS as [OrgKind, ...OrgKind[]], { message: 'validation.option.invalid' }),
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;

export const renameOrganisationSchema = z.object({
  id: z.coerce.number().int().positive(),
  name: z.string().trim().min(1, 'validation.required').max(100, 'admin.errors.tooLong'),
  docPrefix: z.string().trim().min(1, 'validation.required').max(20, 'admin.errors.tooLong'),
});
export type RenameOrganisationInput = z.infer<typeof renameOrganisationSchema>;

export interface OrganisationRow {
  id: number;
  code: string;
  name: string;
  docPrefix: string;
  kind: OrgKind;
  parentId: number | null;
  path: string;
  activeStaff: number;
  caseCount: number;
  letterhead: string | null;
  reviewBody: string | null;
  court: string | null;
  hasSeal: boolean;
  noticeSignOff: boolean;
  retiredAt: Date | null;
  mergedIntoName: string | null;
}

/** The whole tree, depth-first, with the number of active staff and of cases per organisation. */
export async function listOrganisationTree(admin: Actor): Promise<OrgTreeEntry<OrganisationRow>[]> {
  assertAdmin(admin);
  const orgs = await db.organisation.findMany({
    select: {
      id: true,
      code: true,
      name: true,
      docPrefix: true,
      kind: true,
      parentId: true,
      path: true,
      letterhead: true,
      reviewBody: true,
      court: true,
      noticeSignOff: true,
      seal: { select: { orgId: true } },
      retiredAt: true,
      mergedInto: { select: { name: true } },
      _count: { select: { cases: true, users: { where: { isActive: true, role: { not: 'applicant' } } } } },
    },
  });
  return orderOrgTree(
    orgs.map((o) => ({
      id: o.id,
      code: o.code,
      name: o.name,
      docPrefix: o.docPrefix,
      kind: o.kind,
      parentId: o.parentId,
      path: o.path,
      activeStaff: o._count.users,
      caseCount: o._count.cases,
      letterhead: o.letterhead,
      reviewBody: o.reviewBody,
      court: o.court,
      hasSeal: o.seal !== null,
      noticeSignOff: o.noticeSignOff,
      retiredAt: o.retiredAt,
      mergedIntoName: o.mergedInto?.name ?? null,
    })),
  );
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; meta?: { code?: string }; message?: string };
  return err.code === 'P2002' || err.meta?.code === '23505' || /23505|unique constraint/i.test(err.message ?? '');
}

/** Creates an organisation below `parentId` (null: at the top level). Audited `organisation.created`. */
export async function createChildOrganisation(admin: Actor, input: CreateOrganisationInput): Promise<{ id: number; path: string }> {
  assertAdmin(admin);
  try {
    return await db.$transaction(async (tx) => {
      if (input.parentId === null) {
        if (admin.orgPath !== null) throw new DomainError('FORBIDDEN', 'admin.organisations.errors.topLevelNeedsSystemAdmin');
      } else {
        const parent = await tx.organisation.findUnique({ where: { id: input.parentId }, select: { id: true, path: true, retiredAt: true } });
        if (!parent || (admin.orgPath !== null && !parent.path.startsWith(admin.orgPath))) {
          throw new DomainError('VALIDATION', 'admin.organisations.errors.parentNotFound');
        }
        if (parent.retiredAt) throw new DomainError('VALIDATION', 'admin.organisations.errors.parentRetired');
      }
      const taken = await tx.organisation.findUnique({ where: { code: input.code }, select: { id: true } });
      if (taken) throw new DomainError('VALIDATION', 'admin.organisations.errors.codeTaken', { code: input.code });
      const created = await createOrganisation(tx, {
        code: input.code,
        name: input.name,
        docPrefix: input.docPrefix,
        kind: input.kind,
        parentId: input.parentId,
      });
      await tx.auditEvent.create({
        data: {
          actorId: admin.id,
          type: 'organisation.created',
          data: { id: created.id, code: created.code, path: created.path, name: input.name, docPrefix: input.docPrefix, kind: input.kind },
        },
      });
      return { id: created.id, path: created.path };
    });
  } catch (e) {
    if (!(e instanceof DomainError) && isUniqueViolation(e)) {
      throw new DomainError('VALIDATION', 'admin.organisations.errors.codeTaken', { code: input.code });
    }
    throw e;
  }
}

/** Renames an organisation (name and docPrefix; the code stays). Audited `organisation.renamed` with before/after. */
export async function renameOrganisation(admin: Actor, input: RenameOrganisationInput): Promise<void> {
  assertAdmin(admin);
  await db.$transaction(async (tx) => {
    const before = await tx.organisation.findUnique({ where: { id: input.id }, select: { name: true, docPrefix: true } });
    if (!before) throw new DomainError('NOT_FOUND', 'errors.notFound');
    if (before.name === input.name && before.docPrefix === input.docPrefix) return;
    await tx.organisation.update({ where: { id: input.id }, data: { name: input.name, docPrefix: input.docPrefix } });
    await tx.auditEvent.create({
      data: {
        actorId: admin.id,
        type: 'organisation.renamed',
        data: { id: input.id, before, after: { name: input.name, docPrefix: input.docPrefix } },
      },
    });
  });
}
