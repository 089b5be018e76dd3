/**
 * Templates, numbering with an organisation's own template, and PDF output (checked with pdftotext when the
 * machine has poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, PORTAL_FORM, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff, submitApplication } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { renderCaseDocumentPdf, renderReceiptPdf } from '@/lib/documents/case-documents';
import { formatDocumentNumber } from '@/lib/documents/numbering';
import { checkFonts } from '@/lib/documents/fonts';
import { formatChineseDate, mergeTemplate } from '@/lib/documents/templates';

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function pdfText(data: Buffer): string {
  const file = path.join(os.tmpdir(), `gongkai-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, data);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.unlinkSync(file);
  }
}

let orgs: OrgTree;
let clerk: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept);
});

describe('template merge', () => {
  it('fills fields, keeps issue fields when asked, and drops lines left empty', () => {
    const text = '{{applicantName}}：\n　　{{reason}}\n　　文号{{docNumber}}，{{date}}';
    expect(mergeTemplate(text, { applicantName: '张三' }, { keep: ['docNumber', 'date'] })).toBe('张三：\n　　文号{{docNumber}}，{{date}}');
    expect(mergeTemplate(text, { applicantName: '张三', reason: '理由', docNumber: 'X号', date: '2026年3月18日' })).toBe('张三：\n　　理由\n　　文号X号，2026年3月18日');
    expect(formatChineseDate('2026-03-08')).toBe('2026年3月8日');
    expect(formatDocumentNumber({ docPrefix: '示范政信', tag: '答', year: 2026, seq: 12 })).toBe('示范政信答〔2026〕12号');
  });
});

describe('documents of a case', () => {
  it('uses an ancestor organisation’s template and tag, and renders the issued notice as a PDF', async () => {
    await db.documentTemplate.create({
      data: {
        orgId: orgs.root.id,
        type: 'correction_notice',
        numberTag: '补正',
        title: '补正申请告知书',
        body: '{{applicantName}}：\n　　请补正：\n{{correctionItems}}\n　　期限至{{correctionPeriodEndsOn}}（《条例》第三十条）。',
      },
    });
    const reg = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person' } });
    const t = await transitionCase({
      caseId: reg.caseId,
      expectedVersion: 0,
      name: 'request_correction',
      input: { items: '请提供身份证明', periodDays: 5 },
      actor: clerk,
      now: at('2026-03-03'),
    });
    expect(t.document?.docNumber).toBe(`${orgs.dept.docPrefix}补正〔2026〕1号`);
    const doc = await db.document.findUniqueOrThrow({ where: { id: t.document!.id } });
    // An override that still prints the last day gets it with what it depends on (delivery not yet recorded).
    expect(doc.body).toBe(
      '张三：\n　　请补正：\n　　请提供身份证明\n　　期限至2026年3月10日（暂按本告知书发出之日计算；补正期限自您收到本告知书之日起计算）（《条例》第三十条）。',
    );

    const staffPdf = await renderCaseDocumentPdf({ actor: clerk }, doc.id);
    expect(staffPdf.data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(staffPdf.filename).toBe(`${orgs.dept.docPrefix}补正〔2026〕1号.pdf`);
    const applicantPdf = await renderCaseDocumentPdf({ trackingNo: reg.trackingNo, accessCode: reg.accessCode! }, doc.id);
    expect(applicantPdf.data.length).toBeGreaterThan(1000);
    if (hasPdftotext) {
      const text = pdfText(staffPdf.data);
      expect(text).toContain('补正申请告知书');
      expect(text).toContain(`${orgs.dept.docPrefix}补正〔2026〕1号`);
      expect(text).toContain('请提供身份证明');
      expect(text).toContain(orgs.dept.name);
      expect(text).toContain('2026年3月3日');
    }
    // Someone else's access code, or another organisation's clerk: not found.
    const other = await createActor('clerk', orgs.sibling);
    await expect(renderCaseDocumentPdf({ actor: other }, doc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('renders a watermarked draft for staff only, and never the consultation letter for the applicant', async () => {
    const reg = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person' } });
    const c = await transitionCase({
      caseId: reg.caseId,
      expectedVersion: 0,
      name: 'start_consultation',
      input: { kind: 'agency', party: '示范市财政局' },
      actor: clerk,
      now: at('2026-03-02'),
    });
    const letter = await db.document.findUniqueOrThrow({ where: { id: c.document!.id } });
    expect(letter.body).toContain('第三十四条');
    expect(letter.body).toContain('视为同意公开');
    const access = { trackingNo: reg.trackingNo, accessCode: reg.accessCode! };
    await expect(renderCaseDocumentPdf(access, letter.id)).rejects.toBeInstanceOf(DomainError);
    await transitionCase({ caseId: reg.caseId, expectedVersion: 1, name: 'end_consultation', input: {}, actor: clerk, now: at('2026-03-03') });
    const draft = await saveAnswerDraft({
      caseId: reg.caseId,
      expectedVersion: 2,
      actor: clerk,
      now: at('2026-03-04'),
      draft: { outcome: 'denied_process_information', reason: '所申请信息为内部讨论记录。' },
    });
    const pdf = await renderCaseDocumentPdf({ actor: clerk }, draft.documentId);
    if (hasPdftotext) {
      const text = pdfText(pdf.data);
      expect(text).toContain('政府信息公开申请答复书');
      expect(text).toContain('（未签发）');
      expect(text).not.toContain('答〔2026〕');
      expect(text).toContain('第十六条第二款');
      expect(text).not.toContain('{{');
    }
    await expect(renderCaseDocumentPdf(access, draft.documentId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('renders the application receipt (回执) with the access code shown once', async () => {
    const res = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: submissionKey(), applicant: null, now: at('2026-03-02') });
    const pdf = await renderReceiptPdf({ trackingNo: res.trackingNo, accessCode: res.accessCode! }, res.caseId, { now: at('2026-03-02') });
    if (hasPdftotext) {
      const text = pdfText(pdf.data);
      expect(text).toContain('政府信息公开申请回执');
      expect(text).toContain(res.trackingNo);
      expect(text).toContain(res.accessCode!);
      expect(text).toContain('第三十一条');
    }
  });

  it('finds the document fonts', () => {
    const fonts = checkFonts();
    expect(fonts.fang).toMatch(/FandolFang-Regular\.otf$/);
    expect(fonts.title).toMatch(/NotoSerifCJK-Bold\.ttc$/);
  });
});
