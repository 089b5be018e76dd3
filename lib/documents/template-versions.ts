/**
 * Templates an office can adapt (issue 11 item 4): an admin edits an organisation's text of a letter type,
 * starting from the text its letters use today (its own, an ancestor's, or the built-in default). Every save
 * is a new immutable row of `document_template_versions`; the organisation's `document_templates` row holds a
 * copy of the current version and its number, which is the compare-and-set token of the next edit (two
 * admins saving from the same version: the second gets CONFLICT and nothing is written). A revert is a new
 * version copying an old one (or the built-in default, version 0). Issued letters record the version they
 * were made from (Document.templateVersionId) and keep their text and title after any later edit.
 *
 * Edits are validated by template-rules.ts (required elements, known fields, balanced braces, sizes) before
 * anything is written; one transaction writes the version, the template row and the audit event
 * `document_template.saved`. Admins are system-wide in this application (lib/auth: an admin has no
 * organisation scope), so an admin may edit any organisation's templates; everyone else gets NOT_FOUND.
 */
import 'server-only';
import { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import type { DocumentType } from '@/lib/generated/prisma/enums';
import { DEFAULT_TEMPLATES } from '@/lib/documents/default-templates';
import { formatDocumentNumber } from '@/lib/documents/numbering';
import { letterSettings } from '@/lib/documents/org-documents';
import { DRAFT_WATERMARK, renderPdf } from '@/lib/documents/render-pdf';
import { EDITABLE_TEMPLATE_TYPES, validateTemplate, type EditableTemplateType, type TemplateDraft, type TemplateProblem } from '@/lib/documents/template-rules';
import { SAMPLE_ISSUED_ON, sampleFields } from '@/lib/documents/template-sample';
import { formatChineseDate, mergeTemplate, resolveTemplate, type ResolvedTemplate } from '@/lib/documents/templates';

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
}

const typeSchema = z.enum(EDITABLE_TEMPLATE_TYPES as unknown as [EditableTemplateType, ...EditableTemplateType[]]);

/** The form of an edit; the text itself is checked by validateTemplate (which names each problem). */
export const templateEditSchema = z.object({
  orgId: z.coerce.number().int().positive(),
  type: typeSchema,
  expectedVersionNo: z.coerce.number().int().min(0).max(1_000_000),
  numberTag: z.string(),
  title: z.string(),
  body: z.string(),
});
export type TemplateEditInput = z.infer<typeof templateEditSchema>;

export const templateRevertSchema = z.object({
  orgId: z.coerce.number().int().positive(),
  type: typeSchema,
  expectedVersionNo: z.coerce.number().int().min(0).max(1_000_000),
  /** The version to copy; 0 = the built-in default text. */
  toVersion: z.coerce.number().int().min(0).max(1_000_000),
});
export type TemplateRevertInput = z.infer<typeof templateRevertSchema>;

/** Thrown with the problems of an edit (params.problems), so the form lists them all. */
export class TemplateInvalidError extends DomainError {
  constructor(public problems: TemplateProblem[]) {
    super('VALIDATION', 'admin.templates.errors.invalid', { problems, count: problems.length });
  }
}

/** Line ends as LF, surrounding blank lines removed; title and tag trimmed. */
export function normaliseDraft(draft: TemplateDraft): TemplateDraft {
  return {
    numberTag: draft.numberTag.trim(),
    title: draft.title.trim(),
    body: draft.body.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, ''),
  };
}

/** Problems of an edit, including characters no text may hold (NUL, lone surrogates). */
export function checkDraft(type: EditableTemplateType, draft: TemplateDraft): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const field of ['numberTag', 'title', 'body'] as const) {
    if (!draft[field].isWellFormed()) problems.push({ field, key: 'admin.templates.problems.control' });
  }
  if (problems.length) return problems;
  return validateTemplate(type, draft);
}

async function loadOrg(orgId: number) {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true, name: true, path: true, docPrefix: true } });
  if (!org) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return org;
}

export interface TemplateVersionRow {
  id: string;
  version: number;
  numberTag: string;
  title: string;
  revertOf: number | null;
  createdAt: Date;
  createdByName: string | null;
  isCurrent: boolean;
  /** Letters issued or drafted with this version. */
  documents: number;
}

export interface TemplateEditorState {
  org: { id: number; name: string; docPrefix: string };
  type: EditableTemplateType;
  /** The text the organisation's letters use now: the starting point of an edit. */
  effective: ResolvedTemplate & { inheritedFrom: string | null };
  /** Number of the organisation's current version (0 = none of its own): the expected version of a save. */
  versionNo: number;
  history: TemplateVersionRow[];
}

/** What the editor shows for one organisation and letter type. */
export async function loadTemplateEditor(admin: Actor, orgId: number, type: EditableTemplateType): Promise<TemplateEditorState> {
  assertAdmin(admin);
  const org = await loadOrg(orgId);
  const effective = await resolveTemplate(type, org);
  const own = await db.documentTemplate.findUnique({ where: { orgId_type: { orgId, type } }, select: { versionNo: true, currentVersionId: true } });
  const versions = await db.documentTemplateVersion.findMany({
    where: { orgId, type },
    orderBy: { version: 'desc' },
    select: { id: true, version: true, numberTag: true, title: true, revertOf: true, createdAt: true, createdById: true, _count: { select: { documents: true } } },
  });
  const userIds = [...new Set(versions.map((v) => v.createdById).filter((id): id is string => id !== null))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  const inheritedFrom =
    effective.source === 'organisation' && effective.orgId !== orgId && effective.orgId !== null
      ? ((await db.organisation.findUnique({ where: { id: effective.orgId }, select: { name: true } }))?.name ?? null)
      : null;
  return {
    org: { id: org.id, name: org.name, docPrefix: org.docPrefix },
    type,
    effective: { ...effective, inheritedFrom },
    versionNo: own?.versionNo ?? 0,
    history: versions.map((v) => ({
      id: v.id,
      version: v.version,
      numberTag: v.numberTag,
      title: v.title,
      revertOf: v.revertOf,
      createdAt: v.createdAt,
      createdByName: v.createdById ? (names.get(v.createdById) ?? null) : null,
      isCurrent: v.id === own?.currentVersionId,
      documents: v._count.documents,
    })),
  };
}

/** Writes version `expectedVersionNo + 1` with `draft` (already validated) in one transaction, audited. */
async function writeVersion(admin: Actor, orgId: number, type: DocumentType, expectedVersionNo: number, draft: TemplateDraft, revertOf: number | null) {
  return db.$transaction(async (tx: Tx) => {
    const head = await tx.documentTemplate.findUnique({ where: { orgId_type: { orgId, type } }, select: { id: true, versionNo: true } });
    if ((head?.versionNo ?? 0) !== expectedVersionNo) throw new DomainError('CONFLICT', 'admin.templates.errors.conflict');
    const version = expectedVersionNo + 1;
    const row = await tx.documentTemplateVersion.create({
      data: { orgId, type, version, ...draft, revertOf, createdById: admin.id },
      select: { id: true },
    });
    if (head) {
      // Compare-and-set: a concurrent save from the same version has already moved versionNo.
      const moved = await tx.documentTemplate.updateMany({
        where: { id: head.id, versionNo: expectedVersionNo },
        data: { ...draft, versionNo: version, currentVersionId: row.id },
      });
      if (moved.count !== 1) throw new DomainError('CONFLICT', 'admin.templates.errors.conflict');
    } else {
      await tx.documentTemplate.create({ data: { orgId, type, ...draft, versionNo: version, currentVersionId: row.id } });
    }
    await tx.auditEvent.create({
      data: {
        actorId: admin.id,
        type: 'document_template.saved',
        data: { orgId, type, version, revertOf, numberTag: draft.numberTag, title: draft.title, bodyChars: draft.body.length },
      },
    });
    return { id: row.id, version };
  });
}

/** A unique-key violation (two first saves of the same template at once) is a lost compare-and-set. */
function asConflict(e: unknown): never {
  if ((e as { code?: string } | null)?.code === 'P2002') throw new DomainError('CONFLICT', 'admin.templates.errors.conflict');
  throw e;
}

/** Saves an edit as the organisation's next version. Unchanged text writes nothing (`changed: false`). */
export async function saveTemplateVersion(admin: Actor, input: TemplateEditInput): Promise<{ version: number; changed: boolean }> {
  assertAdmin(admin);
  const { orgId, type, expectedVersionNo } = templateEditSchema.parse(input);
  const draft = normaliseDraft(input);
  const problems = checkDraft(type, draft);
  if (problems.length) throw new TemplateInvalidError(problems);
  const org = await loadOrg(orgId);
  const current = await resolveTemplate(type, org);
  const own = await db.documentTemplate.findUnique({ where: { orgId_type: { orgId, type } }, select: { versionNo: true } });
  if (own && own.versionNo === expectedVersionNo && current.numberTag === draft.numberTag && current.title === draft.title && current.body === draft.body) {
    return { version: own.versionNo, changed: false };
  }
  const saved = await writeVersion(admin, orgId, type, expectedVersionNo, draft, null).catch(asConflict);
  return { version: saved.version, changed: true };
}

/** Makes an old version (or the built-in default, `toVersion` 0) current again, as a new version. */
export async function revertTemplateVersion(admin: Actor, input: TemplateRevertInput): Promise<{ version: number }> {
  assertAdmin(admin);
  const { orgId, type, expectedVersionNo, toVersion } = templateRevertSchema.parse(input);
  await loadOrg(orgId);
  let draft: TemplateDraft;
  if (toVersion === 0) {
    const d = DEFAULT_TEMPLATES[type];
    draft = { numberTag: d.numberTag, title: d.title, body: d.body };
  } else {
    const old = await db.documentTemplateVersion.findUnique({
      where: { orgId_type_version: { orgId, type, version: toVersion } },
      select: { numberTag: true, title: true, body: true },
    });
    if (!old) throw new DomainError('NOT_FOUND', 'errors.notFound');
    draft = old;
  }
  // A version kept from before validation (the migration's version 1) must meet today's rules to come back.
  const problems = checkDraft(type, draft);
  if (problems.length) throw new TemplateInvalidError(problems);
  const saved = await writeVersion(admin, orgId, type, expectedVersionNo, draft, toVersion).catch(asConflict);
  return { version: saved.version };
}

/** The letter of `draft` merged with the sample case, rendered by the real renderer with the 样稿 watermark. */
async function samplePdf(org: { id: number; name: string; docPrefix: string }, type: EditableTemplateType, draft: TemplateDraft): Promise<Buffer> {
  const settings = await letterSettings(org.id, { withSeal: false });
  const fields = sampleFields(type, { name: org.name, reviewBody: settings.reviewBody, court: settings.court });
  return renderPdf({
    letterhead: settings.letterhead,
    title: draft.title,
    docNumber: type === 'receipt' ? `申请编号：${String(fields.trackingNo)}` : formatDocumentNumber({ docPrefix: org.docPrefix, tag: draft.numberTag, year: Number(SAMPLE_ISSUED_ON.slice(0, 4)), seq: 1 }),
    body: mergeTemplate(draft.body, fields),
    orgName: org.name,
    dateText: formatChineseDate(SAMPLE_ISSUED_ON),
    attachments: type === 'answer' ? ['（样例）老旧小区改造项目资金使用明细表.pdf'] : [],
    watermark: DRAFT_WATERMARK,
  });
}

/** Preview of an unsaved edit. Refused with its problems when the edit could not be saved. */
export async function previewTemplateDraft(admin: Actor, input: Omit<TemplateEditInput, 'expectedVersionNo'>): Promise<Buffer> {
  assertAdmin(admin);
  const { orgId, type } = templateEditSchema.omit({ expectedVersionNo: true }).parse(input);
  const draft = normaliseDraft(input);
  const problems = checkDraft(type, draft);
  if (problems.length) throw new TemplateInvalidError(problems);
  return samplePdf(await loadOrg(orgId), type, draft);
}

/** Preview of a saved version. */
export async function previewTemplateVersion(admin: Actor, versionId: string): Promise<Buffer> {
  assertAdmin(admin);
  if (!/^[0-9a-f-]{36}$/i.test(versionId)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const v = await db.documentTemplateVersion.findUnique({ where: { id: versionId }, select: { orgId: true, type: true, numberTag: true, title: true, body: true } });
  if (!v || v.orgId === null || !(EDITABLE_TEMPLATE_TYPES as readonly string[]).includes(v.type)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return samplePdf(await loadOrg(v.orgId), v.type as EditableTemplateType, v);
}
