/**
 * Per-organisation settings of its letters (issue 11 item 2): the 版头 (letterhead) text, the seal image,
 * and the bodies named in the remedy notice — the 行政复议机关 and the competent people's court. Admins edit
 * them (audited, one transaction each); the renderer and the answer draft read them.
 *
 * The review body and the court are inherited: an organisation without its own takes its nearest
 * ancestor's (a city's departments usually share the city government as review body and one court). The
 * letterhead and the seal belong to the organisation alone.
 */
import 'server-only';
import crypto from 'node:crypto';
import { z } from 'zod';
import { db, type Db, type Tx } from '@/lib/db';
import { readRows } from '@/lib/db-read';
import { Prisma } from '@/lib/generated/prisma/client';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { checkSealPng } from '@/lib/documents/seal';
import { pngSize } from '@/lib/documents/render-pdf';

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
}

const optionalLine = (max: number) =>
  z
    .string()
    .max(10_000)
    .transform((v) => v.replace(/\s+/g, ' ').trim())
    .refine((v) => v.length <= max, 'admin.errors.tooLong')
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'admin.organisations.letters.errors.control')
    .transform((v) => (v === '' ? null : v));

export const documentSettingsSchema = z.object({
  id: z.coerce.number().int().positive(),
  letterhead: optionalLine(40),
  reviewBody: optionalLine(60),
  court: optionalLine(60),
});
export type DocumentSettingsInput = z.infer<typeof documentSettingsSchema>;

/** Saves letterhead, review body and court of an organisation. Audited `organisation.document_settings`. */
export async function updateDocumentSettings(admin: Actor, input: DocumentSettingsInput): Promise<void> {
  assertAdmin(admin);
  await db.$transaction(async (tx) => {
    const before = await tx.organisation.findUnique({ where: { id: input.id }, select: { letterhead: true, reviewBody: true, court: true } });
    if (!before) throw new DomainError('NOT_FOUND', 'errors.notFound');
    const after = { letterhead: input.letterhead, reviewBody: input.reviewBody, court: input.court };
    if (before.letterhead === after.letterhead && before.reviewBody === after.reviewBody && before.court === after.court) return;
    await tx.organisation.update({ where: { id: input.id }, data: after });
    await tx.auditEvent.create({ data: { actorId: admin.id, type: 'organisation.document_settings', data: { id: input.id, before, after } } });
  });
}

/**
 * Whether the organisation's outgoing notices (补正告知书, 征求意见函, 收费通知书) need a reviewer's sign-off
 * (issue 11 item 3; lib/cases/workflow.ts `signOff`). Compare-and-set on the old value; audited
 * `organisation.notice_sign_off` with before and after. Notices already submitted stay with the reviewer.
 */
export async function setNoticeSignOff(admin: Actor, orgId: number, value: boolean): Promise<void> {
  assertAdmin(admin);
  await db.$transaction(async (tx) => {
    const moved = await tx.organisation.updateMany({ where: { id: orgId, noticeSignOff: !value }, data: { noticeSignOff: value } });
    if (moved.count === 0) {
      if (!(await tx.organisation.findUnique({ where: { id: orgId }, select: { id: true } }))) throw new DomainError('NOT_FOUND', 'errors.notFound');
      return; // already so
    }
    await tx.auditEvent.create({ data: { actorId: admin.id, type: 'organisation.notice_sign_off', data: { id: orgId, before: !value, after: value } } });
  });
}

export const SEAL_PROBLEM_MESSAGE = {
  not_png: 'admin.organisations.seal.errors.notPng',
  too_large: 'admin.organisations.seal.errors.tooLarge',
  dimensions: 'admin.organisations.seal.errors.dimensions',
  no_transparency: 'admin.organisations.seal.errors.noTransparency',
  corrupt: 'admin.organisations.seal.errors.corrupt',
} as const;

/**
 * Stores an organisation's seal. The bytes are checked (checkSealPng), never the declared type or name.
 * Audited `organisation.seal_uploaded` with the image's SHA-256.
 */
export async function uploadSeal(admin: Actor, orgId: number, data: Buffer): Promise<{ sha256: string }> {
  assertAdmin(admin);
  const problem = checkSealPng(data);
  if (problem) throw new DomainError('VALIDATION', SEAL_PROBLEM_MESSAGE[problem]);
  const size = pngSize(data)!;
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  await db.$transaction(async (tx) => {
    const org = await tx.organisation.findUnique({ where: { id: orgId }, select: { id: true } });
    if (!org) throw new DomainError('NOT_FOUND', 'errors.notFound');
    const row = { data: new Uint8Array(data), sha256, width: size.width, height: size.height, uploadedById: admin.id, uploadedAt: new Date() };
    await tx.organisationSeal.upsert({ where: { orgId }, create: { orgId, ...row }, update: row });
    await tx.auditEvent.create({ data: { actorId: admin.id, type: 'organisation.seal_uploaded', data: { id: orgId, sha256, width: size.width, height: size.height } } });
  });
  return { sha256 };
}

/** Removes an organisation's seal (letters issued afterwards carry none). Audited `organisation.seal_removed`. */
export async function removeSeal(admin: Actor, orgId: number): Promise<void> {
  assertAdmin(admin);
  await db.$transaction(async (tx) => {
    const existing = await tx.organisationSeal.findUnique({ where: { orgId }, select: { sha256: true } });
    if (!existing) return;
    await tx.organisationSeal.delete({ where: { orgId } });
    await tx.auditEvent.create({ data: { actorId: admin.id, type: 'organisation.seal_removed', data: { id: orgId, sha256: existing.sha256 } } });
  });
}

/** The seal image for the admin's preview. */
export async function sealImage(admin: Actor, orgId: number): Promise<Buffer> {
  assertAdmin(admin);
  const row = await db.organisationSeal.findUnique({ where: { orgId }, select: { data: true } });
  if (!row) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return Buffer.from(row.data);
}

export interface LetterSettings {
  letterhead: string | null;
  reviewBody: string | null;
  court: string | null;
  seal: Buffer | null;
}

/** What a letter of `orgId` prints: own letterhead and seal, review body and court inherited. */
export async function letterSettings(orgId: number, options: { withSeal: boolean }, client: Db | Tx = db): Promise<LetterSettings> {
  const org = await client.organisation.findUnique({ where: { id: orgId }, select: { path: true, letterhead: true } });
  if (!org) return { letterhead: null, reviewBody: null, court: null, seal: null };
  const bodies = await remedyBodies(orgId, org.path, client);
  const seal = options.withSeal ? await client.organisationSeal.findUnique({ where: { orgId }, select: { data: true } }) : null;
  return { letterhead: org.letterhead, ...bodies, seal: seal ? Buffer.from(seal.data) : null };
}

/** Review body and court of an organisation, each from the organisation or its nearest ancestor that names one. */
export async function remedyBodies(orgId: number, orgPath?: string | null, client: Db | Tx = db): Promise<{ reviewBody: string | null; court: string | null }> {
  orgPath ??= (await client.organisation.findUnique({ where: { id: orgId }, select: { path: true } }))?.path ?? '';
  const chain = [orgId, ...orgPath.split('/').filter((p) => /^\d+$/.test(p)).map(Number).reverse()];
  // Raw (lib/db-read.ts: through plain `pg` outside a transaction), as Prisma's findMany would read them.
  const rows = await readRows<{ id: number; reviewBody: string | null; court: string | null }>(
    client,
    Prisma.sql`SELECT id, review_body AS "reviewBody", court FROM organisations WHERE id = ANY(${chain}::int[])`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pick = (key: 'reviewBody' | 'court') => chain.map((id) => byId.get(id)?.[key]).find((v) => v) ?? null;
  return { reviewBody: pick('reviewBody'), court: pick('court') };
}
