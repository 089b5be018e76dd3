/**
 * Per-organisation letterhead, seal and remedy bodies: admin-only edits with audit events, seal uploads
 * checked by their bytes, the seal on issued letters only, and the remedy notice naming the bodies
 * (inherited from an ancestor).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { renderCaseDocumentPdf } from '@/lib/documents/case-documents';
import { documentSettingsSchema, letterSettings, remedyBodies, removeSeal, sealImage, updateDocumentSettings, uploadSeal } from '@/lib/documents/org-documents';
import { demoSealPng, encodePng } from '@/lib/documents/seal';

vi.setConfig({ testTimeout: 120_000 });

function tool(cmd: string, args: string[], data: Buffer): string {
  const file = path.join(os.tmpdir(), `gongkai-org-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, data);
  try {
    return execFileSync(cmd, [...args, file, ...(cmd === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } finally {
    fs.unlinkSync(file);
  }
}
/** Images drawn (an alpha channel is listed separately as "smask"). */
const imageCount = (pdf: Buffer) => tool('pdfimages', ['-list'], pdf).split('\n').slice(2).filter((l) => l.trim().split(/\s+/)[2] === 'image').length;

let orgs: OrgTree;
let admin: Actor;
let clerk: Actor;
let reviewer: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  admin = await createActor('admin', null);
  clerk = await createActor('clerk', orgs.dept);
  reviewer = await createActor('reviewer', orgs.dept);
});

describe('letter settings of an organisation', () => {
  it('are edited by admins only, audited, with clean single lines', async () => {
    const input = documentSettingsSchema.parse({ id: String(orgs.root.id), letterhead: '  示范市人民政府办公室 ', reviewBody: '示范市人民政府', court: '示范市 中级人民法院' });
    expect(input).toMatchObject({ letterhead: '示范市人民政府办公室', court: '示范市 中级人民法院' });
    await expect(updateDocumentSettings(clerk, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await updateDocumentSettings(admin, input);
    const row = await db.organisation.findUniqueOrThrow({ where: { id: orgs.root.id } });
    expect(row).toMatchObject({ letterhead: '示范市人民政府办公室', reviewBody: '示范市人民政府', court: '示范市 中级人民法院' });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'organisation.document_settings', actorId: admin.id }, orderBy: { id: 'desc' } });
    expect(audit.data).toMatchObject({ id: orgs.root.id, after: { reviewBody: '示范市人民政府' } });
    expect(documentSettingsSchema.safeParse({ id: '1', letterhead: 'a\u0000b', reviewBody: '', court: '' }).success).toBe(false);
    expect(documentSettingsSchema.safeParse({ id: '1', letterhead: '长'.repeat(41), reviewBody: '', court: '' }).success).toBe(false);
    expect(documentSettingsSchema.parse({ id: '1', letterhead: '', reviewBody: ' ', court: '' })).toMatchObject({ letterhead: null, reviewBody: null, court: null });
    // Inherited by the department below the root; its own letterhead stays empty.
    expect(await remedyBodies(orgs.dept.id, orgs.dept.path)).toEqual({ reviewBody: '示范市人民政府', court: '示范市 中级人民法院' });
    expect((await letterSettings(orgs.dept.id, { withSeal: true })).letterhead).toBeNull();
  });

  it('accept a transparent PNG seal and refuse anything else, changing nothing', async () => {
    const opaque = encodePng(200, 200, new Uint8Array(200 * 200 * 4).fill(200), { alpha: false });
    await expect(uploadSeal(admin, orgs.dept.id, opaque)).rejects.toMatchObject({ messageKey: 'admin.organisations.seal.errors.noTransparency' });
    await expect(uploadSeal(admin, orgs.dept.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).rejects.toMatchObject({ messageKey: 'admin.organisations.seal.errors.notPng' });
    await expect(uploadSeal(clerk, orgs.dept.id, demoSealPng(200))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(uploadSeal(admin, 999_999, demoSealPng(200))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.organisationSeal.count({ where: { orgId: orgs.dept.id } })).toBe(0);
    const seal = demoSealPng(240);
    const { sha256 } = await uploadSeal(admin, orgs.dept.id, seal);
    expect((await sealImage(admin, orgs.dept.id)).equals(seal)).toBe(true);
    await expect(sealImage(clerk, orgs.dept.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'organisation.seal_uploaded' }, orderBy: { id: 'desc' } });
    expect(audit.data).toMatchObject({ id: orgs.dept.id, sha256, width: 240 });
  });

  it('print the seal and letterhead on issued letters, not on drafts; the remedy notice names the bodies', async () => {
    await updateDocumentSettings(admin, { id: orgs.dept.id, letterhead: orgs.dept.name, reviewBody: null, court: null });
    if (!(await db.organisationSeal.findUnique({ where: { orgId: orgs.dept.id } }))) await uploadSeal(admin, orgs.dept.id, demoSealPng(240));
    const reg = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person' } });
    const draft = await saveAnswerDraft({ caseId: reg.caseId, expectedVersion: 0, actor: clerk, now: at('2026-03-04'), draft: { outcome: 'denied_process_information', reason: '所申请信息为内部讨论记录。' } });
    const draftRow = await db.document.findUniqueOrThrow({ where: { id: draft.documentId } });
    expect(draftRow.remedyNotice).toContain('依法向示范市人民政府申请行政复议');
    expect(draftRow.remedyNotice).toContain('依法向示范市 中级人民法院提起行政诉讼');
    const draftPdf = (await renderCaseDocumentPdf({ actor: clerk }, draft.documentId)).data;
    expect(imageCount(draftPdf)).toBe(0);
    const s = await transitionCase({ caseId: reg.caseId, expectedVersion: draft.version, name: 'submit_answer', input: {}, actor: clerk, now: at('2026-03-04', '12:00') });
    await transitionCase({ caseId: reg.caseId, expectedVersion: s.version, name: 'approve_answer', input: {}, actor: reviewer, now: at('2026-03-05') });
    const issued = (await renderCaseDocumentPdf({ actor: clerk }, draft.documentId)).data;
    expect(imageCount(issued)).toBe(1);
    const text = tool('pdftotext', ['-layout'], issued).replace(/\s+/g, '');
    expect(text.startsWith(orgs.dept.name)).toBe(true);
    expect(text).toContain('依法向示范市人民政府申请行政复议');
    expect(text).not.toContain('样稿');

    await removeSeal(admin, orgs.dept.id);
    expect(imageCount((await renderCaseDocumentPdf({ actor: clerk }, draft.documentId)).data)).toBe(0);
  });
});
