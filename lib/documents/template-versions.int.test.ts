/**
 * Templates an office can adapt (issue 11 item 4): admin-only edits, each save a new immutable version,
 * compare-and-set between admins, issued letters keeping the version (text, title, 文号 tag) they were made
 * with, reverts as new versions, the preview on the sample case, hostile input refused with nothing written,
 * and the migration turning an override from before versioning into its version 1.
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
import { DEFAULT_TEMPLATES } from '@/lib/documents/default-templates';
import {
  loadTemplateEditor,
  previewTemplateDraft,
  previewTemplateVersion,
  revertTemplateVersion,
  saveTemplateVersion,
  TemplateInvalidError,
} from '@/lib/documents/template-versions';

vi.setConfig({ testTimeout: 120_000 });

function pdfText(data: Buffer): string {
  const file = path.join(os.tmpdir(), `gongkai-tpl-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, data);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.unlinkSync(file);
  }
}

let orgs: OrgTree;
let admin: Actor;
let admin2: Actor;
let clerk: Actor;
let reviewer: Actor;

const correction = DEFAULT_TEMPLATES.correction_notice;
const EDITED_BODY = correction.body.replace('现一次性告知您需要补正的全部事项如下：', '现将需要补正的事项一次性告知如下：');

async function requestCorrection(day: string) {
  const reg = await registerCaseByStaff({ actor: clerk, now: at(day), form: { ...LETTER, channel: 'in_person' } });
  const t = await transitionCase({ caseId: reg.caseId, expectedVersion: 0, name: 'request_correction', input: { items: '请提供身份证明', periodDays: 10 }, actor: clerk, now: at(day) });
  return db.document.findUniqueOrThrow({ where: { id: t.document!.id } });
}

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  admin = await createActor('admin', null);
  admin2 = await createActor('admin', null, 'admin-two');
  clerk = await createActor('clerk', orgs.dept);
  reviewer = await createActor('reviewer', orgs.dept);
});

describe('template versions', () => {
  it('are for admins only: clerks and reviewers get NOT_FOUND and nothing is written', async () => {
    const input = { orgId: orgs.dept.id, type: 'correction_notice' as const, expectedVersionNo: 0, numberTag: '补', title: correction.title, body: EDITED_BODY };
    for (const actor of [clerk, reviewer]) {
      await expect(loadTemplateEditor(actor, orgs.dept.id, 'correction_notice')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(saveTemplateVersion(actor, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(revertTemplateVersion(actor, { orgId: orgs.dept.id, type: 'correction_notice', expectedVersionNo: 0, toVersion: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(previewTemplateDraft(actor, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(saveTemplateVersion(admin, { ...input, orgId: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.documentTemplateVersion.count({ where: { orgId: orgs.dept.id } })).toBe(0);
  });

  it('refuse hostile or incomplete text, naming the problems, and write nothing', async () => {
    const base = { orgId: orgs.dept.id, type: 'correction_notice' as const, expectedVersionNo: 0, numberTag: '补', title: correction.title };
    const cases: [string, string][] = [
      [`${EDITED_BODY}\u0000`, 'admin.templates.problems.control'],
      [`${EDITED_BODY}\n${'长'.repeat(25_000)}`, 'admin.templates.problems.bodyTooLong'],
      [`${EDITED_BODY}\n　　{{applicantName`, 'admin.templates.problems.braces'],
      [`${EDITED_BODY}\n　　{{secretField}}`, 'admin.templates.problems.unknownField'],
      [`${EDITED_BODY}\n　　\ud800`, 'admin.templates.problems.control'],
      [EDITED_BODY.replace('{{correctionItems}}', ''), 'admin.templates.problems.missingElement'],
    ];
    for (const [body, key] of cases) {
      const error = await saveTemplateVersion(admin, { ...base, body }).catch((e: unknown) => e);
      expect(error, key).toBeInstanceOf(TemplateInvalidError);
      expect((error as TemplateInvalidError).problems.map((p) => p.key), key).toContain(key);
    }
    const missing = (await saveTemplateVersion(admin, { ...base, body: EDITED_BODY.replaceAll('第三十条', '有关规定') }).catch((e: unknown) => e)) as TemplateInvalidError;
    expect(missing.problems).toEqual([{ field: 'body', key: 'admin.templates.problems.missingElement', params: { element: 'legalBasisArt30', need: '“第三十条”' } }]);
    await expect(saveTemplateVersion(admin, { ...base, body: EDITED_BODY, type: 'nonsense' as never })).rejects.toMatchObject({ name: 'ZodError' });
    expect(await db.documentTemplateVersion.count({ where: { orgId: orgs.dept.id } })).toBe(0);
    expect(await db.documentTemplate.count({ where: { orgId: orgs.dept.id } })).toBe(0);
  });

  it('keep the version an issued letter used after later edits; reverts are new versions', async () => {
    const editor0 = await loadTemplateEditor(admin, orgs.dept.id, 'correction_notice');
    expect(editor0).toMatchObject({ versionNo: 0, history: [], effective: { source: 'default', body: correction.body } });

    // A letter issued from the built-in default records no version but keeps its title.
    const before = await requestCorrection('2026-03-02');
    expect(before).toMatchObject({ templateVersionId: null, title: correction.title });

    const v1 = await saveTemplateVersion(admin, { orgId: orgs.dept.id, type: 'correction_notice', expectedVersionNo: 0, numberTag: '补正', title: '补正申请告知书', body: EDITED_BODY });
    expect(v1).toEqual({ version: 1, changed: true });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'document_template.saved', actorId: admin.id }, orderBy: { id: 'desc' } });
    expect(audit.data).toMatchObject({ orgId: orgs.dept.id, type: 'correction_notice', version: 1, revertOf: null });
    // Saving the same text again writes nothing.
    expect(await saveTemplateVersion(admin, { orgId: orgs.dept.id, type: 'correction_notice', expectedVersionNo: 1, numberTag: '补正', title: '补正申请告知书', body: `${EDITED_BODY}\r\n` })).toEqual({ version: 1, changed: false });

    const first = await requestCorrection('2026-03-03');
    const version1 = await db.documentTemplateVersion.findUniqueOrThrow({ where: { orgId_type_version: { orgId: orgs.dept.id, type: 'correction_notice', version: 1 } } });
    expect(first).toMatchObject({ templateVersionId: version1.id, title: '补正申请告知书' });
    expect(first.docNumber).toMatch(/补正〔2026〕\d+号$/);
    expect(first.body).toContain('现将需要补正的事项一次性告知如下');

    // A second admin edits from version 1; the first letter keeps its text and title.
    const v2Body = EDITED_BODY.replace('特此告知。', '特此告知，请予配合。');
    await saveTemplateVersion(admin2, { orgId: orgs.dept.id, type: 'correction_notice', expectedVersionNo: 1, numberTag: '补', title: '补正告知书', body: v2Body });
    const firstAfter = await db.document.findUniqueOrThrow({ where: { id: first.id } });
    expect(firstAfter).toMatchObject({ templateVersionId: version1.id, title: '补正申请告知书', body: first.body });
    const firstPdf = pdfText((await renderCaseDocumentPdf({ actor: clerk }, first.id)).data);
    expect(firstPdf).toContain('补正申请告知书');
    expect(firstPdf).not.toContain('请予配合');
    // The letter issued from the default keeps the default's title, not the organisation's new one.
    expect(pdfText((await renderCaseDocumentPdf({ actor: clerk }, before.id)).data)).toContain(correction.title);

    const second = await requestCorrection('2026-03-04');
    expect(second.title).toBe('补正告知书');
    expect(second.body).toContain('请予配合');
    expect(second.docNumber).toMatch(/补〔2026〕\d+号$/);

    // A stale editor (still on version 1) loses: CONFLICT, nothing written.
    await expect(
      saveTemplateVersion(admin, { orgId: orgs.dept.id, type: 'correction_notice', expectedVersionNo: 1, numberTag: '补', title: '过期的编辑', body: EDITED_BODY }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    // Revert to version 1 = version 3 with version 1's text; revert to the default = version 4.
    expect(await revertTemplateVersion(admin, { orgId: orgs.dept.id, type: 'correction_notice', expectedVersionNo: 2, toVersion: 1 })).toEqual({ version: 3 });
    const v3 = await db.documentTemplateVersion.findUniqueOrThrow({ where: { orgId_type_version: { orgId: orgs.dept.id, type: 'correction_notice', version: 3 } } });
    expect(v3).toMatchObject({ revertOf: 1, title: '补正申请告知书', body: EDITED_BODY, numberTag: '补正', createdById: admin.id });
    await expect(revertTemplateVersion(admin, { orgId: orgs.dept.id, type: 'correction_notice', expectedVersionNo: 3, toVersion: 99 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await revertTemplateVersion(admin, { orgId: orgs.dept.id, type: 'correction_notice', expectedVersionNo: 3, toVersion: 0 })).toEqual({ version: 4 });

    const editor = await loadTemplateEditor(admin, orgs.dept.id, 'correction_notice');
    expect(editor.versionNo).toBe(4);
    expect(editor.effective).toMatchObject({ source: 'organisation', body: correction.body, title: correction.title });
    expect(editor.history.map((h) => [h.version, h.revertOf, h.isCurrent])).toEqual([
      [4, 0, true],
      [3, 1, false],
      [2, null, false],
      [1, null, false],
    ]);
    expect(editor.history.find((h) => h.version === 2)?.createdByName).toMatch(/^admin-two-/);
    expect(editor.history.find((h) => h.version === 1)?.documents).toBe(1);
    // Versions are immutable: version 1 still holds what it held.
    expect(await db.documentTemplateVersion.findUniqueOrThrow({ where: { id: version1.id } })).toMatchObject({ body: EDITED_BODY, title: '补正申请告知书' });
  });

  it('let only one of two simultaneous saves from the same version win', async () => {
    const body = DEFAULT_TEMPLATES.delayed_answer_notice.body;
    const save = (a: Actor, title: string) =>
      saveTemplateVersion(a, { orgId: orgs.sibling.id, type: 'delayed_answer_notice', expectedVersionNo: 0, numberTag: '迟', title, body });
    const results = await Promise.allSettled([save(admin, '延迟答复告知书（甲）'), save(admin2, '延迟答复告知书（乙）')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'CONFLICT', messageKey: 'admin.templates.errors.conflict' });
    expect(await db.documentTemplateVersion.count({ where: { orgId: orgs.sibling.id, type: 'delayed_answer_notice' } })).toBe(1);
  });

  it('keep the answer draft’s version through approval, even when the template changed in between', async () => {
    const answer = DEFAULT_TEMPLATES.answer;
    await saveTemplateVersion(admin, { orgId: orgs.root.id, type: 'answer', expectedVersionNo: 0, numberTag: '答复', title: '信息公开答复书', body: answer.body.replace('特此告知。', '特此答复。') });
    const reg = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person' } });
    const draft = await saveAnswerDraft({ caseId: reg.caseId, expectedVersion: 0, actor: clerk, now: at('2026-03-04'), draft: { outcome: 'denied_process_information', reason: '所申请信息为内部讨论记录。' } });
    const row = await db.document.findUniqueOrThrow({ where: { id: draft.documentId }, include: { templateVersion: true } });
    // The department inherits the root's template: its version is recorded.
    expect(row.templateVersion).toMatchObject({ orgId: orgs.root.id, version: 1 });
    expect(row.title).toBe('信息公开答复书');
    await saveTemplateVersion(admin, { orgId: orgs.root.id, type: 'answer', expectedVersionNo: 1, numberTag: '答', title: '答复书（新）', body: answer.body });
    const s = await transitionCase({ caseId: reg.caseId, expectedVersion: draft.version, name: 'submit_answer', input: {}, actor: clerk, now: at('2026-03-04', '12:00') });
    const a = await transitionCase({ caseId: reg.caseId, expectedVersion: s.version, name: 'approve_answer', input: {}, actor: reviewer, now: at('2026-03-05') });
    const issued = await db.document.findUniqueOrThrow({ where: { id: draft.documentId } });
    expect(issued).toMatchObject({ status: 'issued', templateVersionId: row.templateVersionId, title: '信息公开答复书' });
    expect(issued.docNumber).toMatch(/答复〔2026〕\d+号$/);
    expect(a.version).toBeGreaterThan(s.version);
    const text = pdfText((await renderCaseDocumentPdf({ actor: clerk }, issued.id)).data);
    expect(text).toContain('信息公开答复书');
    expect(text).toContain('特此答复');
  });

  it('preview an edit or a saved version on the sample case with the 样稿 watermark', async () => {
    const pdf = await previewTemplateDraft(admin, { orgId: orgs.dept.id, type: 'fee_notice', numberTag: '费', title: '收费通知书（试行）', body: DEFAULT_TEMPLATES.fee_notice.body });
    const text = pdfText(pdf);
    // The watermark is drawn diagonally: its two characters come out of the text layer apart.
    const watermarked = (t: string) => {
      // One 样 and one 稿 per page.
      const count = (c: string) => [...t].filter((x) => x === c).length;
      expect(count('样')).toBeGreaterThan(0);
      expect(count('样')).toBe(count('稿'));
    };
    watermarked(text);
    expect(text).toContain('收费通知书（试行）');
    expect(text).toContain('张三');
    expect(text).toContain('人民币200.00元');
    expect(text).toContain(`${orgs.dept.docPrefix}费〔2026〕1号`);
    expect(text).not.toContain('{{');
    await expect(previewTemplateDraft(admin, { orgId: orgs.dept.id, type: 'fee_notice', numberTag: '费', title: 'x', body: '{{feeAmount' })).rejects.toBeInstanceOf(TemplateInvalidError);
    const v = await db.documentTemplateVersion.findFirstOrThrow({ where: { orgId: orgs.dept.id, type: 'correction_notice', version: 1 } });
    const saved = pdfText(await previewTemplateVersion(admin, v.id));
    expect(saved).toContain('补正申请告知书');
    watermarked(saved);
    await expect(previewTemplateVersion(clerk, v.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(previewTemplateVersion(admin, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('migration: an override from before versioning becomes its version 1', async () => {
    const sql = fs.readFileSync(
      path.join(process.cwd(), 'prisma/migrations', fs.readdirSync(path.join(process.cwd(), 'prisma/migrations')).find((d) => d.endsWith('_template_versions'))!, 'migration.sql'),
      'utf8',
    );
    const dataStep = sql.slice(sql.indexOf('-- Data:'));
    const legacy = await db.documentTemplate.create({ data: { orgId: orgs.sibling.id, type: 'extension_notice', numberTag: '延', title: '旧延期告知书', body: DEFAULT_TEMPLATES.extension_notice.body } });
    // Run on this row only (other rows of the test database already have versions); at migration time every
    // row was one without a version.
    const scoped = dataStep
      .replace('FROM "document_templates" t;', `FROM "document_templates" t WHERE t."id" = '${legacy.id}';`)
      .replace('AND v."version" = 1;', `AND v."version" = 1 AND t."id" = '${legacy.id}';`);
    await db.$executeRawUnsafe(scoped.split(';\n')[0].replace(/^--[^\n]*\n/, ''));
    await db.$executeRawUnsafe(scoped.split(';\n')[1]);
    const head = await db.documentTemplate.findUniqueOrThrow({ where: { id: legacy.id } });
    const v1 = await db.documentTemplateVersion.findUniqueOrThrow({ where: { orgId_type_version: { orgId: orgs.sibling.id, type: 'extension_notice', version: 1 } } });
    expect(head).toMatchObject({ versionNo: 1, currentVersionId: v1.id });
    expect(v1).toMatchObject({ title: '旧延期告知书', numberTag: '延', createdById: null, revertOf: null });
    const editor = await loadTemplateEditor(admin, orgs.sibling.id, 'extension_notice');
    expect(editor.history).toHaveLength(1);
    expect(editor.effective.versionId).toBe(v1.id);
  });
});
