/**
 * Every letter type issued through the workflow and rendered as the applicant or office receives it:
 * text (pdftotext), embedded fonts (pdffonts), page count and numbers, the signature block on the last page
 * with text, and the applicant's emoji and rare characters kept. Punctuation at merge boundaries and the
 * 称谓 for natural persons are checked on the stored bodies.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, PORTAL_FORM, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff, submitApplication } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { renderCaseDocumentDocx, renderCaseDocumentPdf, renderReceiptPdf } from '@/lib/documents/case-documents';

vi.setConfig({ testTimeout: 120_000 });

function run(cmd: string, data: Buffer): string {
  const file = path.join(os.tmpdir(), `gongkai-letter-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, data);
  try {
    return execFileSync(cmd, cmd === 'pdftotext' ? ['-layout', file, '-'] : [file], { encoding: 'utf8' });
  } finally {
    fs.unlinkSync(file);
  }
}

const flat = (s: string) => s.replace(/\s+/g, '');
const DESCRIPTION = '2025年示范市公交线路调整的批复文件😀及𠀾字号档案';

interface Checked {
  pages: string[];
  all: string;
}

/** The checks every letter must pass; returns its pages' text for letter-specific checks. */
function checkLetter(data: Buffer, orgName: string, date: string): Checked {
  expect(data.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = run('pdftotext', data).split('\f').filter((p, i, a) => i < a.length - 1 || p.trim() !== '');
  const info = run('pdfinfo', data);
  expect(info).toMatch(new RegExp(`Pages:\\s+${pages.length}\\n`));
  expect(info).toMatch(/\(A4\)/);
  pages.forEach((p, i) => expect(p).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`)));
  const last = pages[pages.length - 1];
  // Signature and date together on the last page, with text above them.
  expect(flat(last)).toContain(`${orgName}${date}`);
  expect(flat(last).indexOf(orgName)).toBeGreaterThan(10);
  const fonts = run('pdffonts', data).split('\n').slice(2).filter((l) => l.trim());
  expect(fonts.length).toBeGreaterThan(1);
  for (const line of fonts) expect(line.trim().split(/\s+/).at(-5)).toBe('yes');
  expect(fonts.join('\n')).toContain('FandolFang');
  return { pages, all: flat(pages.map((p) => p.replace(/—\s*\d+\s*—/g, '')).join('')) };
}

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept);
  reviewer = await createActor('reviewer', orgs.dept);
});

async function newCase(description = DESCRIPTION) {
  return registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, description, channel: 'in_person' } });
}

describe('every letter type as a GB/T 9704 PDF', () => {
  it('补正告知书: emoji and rare characters of the request kept, 您 for a natural person', async () => {
    const reg = await newCase();
    const t = await transitionCase({
      caseId: reg.caseId,
      expectedVersion: 0,
      name: 'request_correction',
      input: { items: '请说明所需文件的发文机关及大致时间😀𠀾', periodDays: 5 },
      actor: clerk,
      now: at('2026-03-03'),
    });
    const doc = await db.document.findUniqueOrThrow({ where: { id: t.document!.id } });
    expect(doc.body).not.toContain('您（单位）');
    const pdf = await renderCaseDocumentPdf({ actor: clerk }, doc.id);
    const { all } = checkLetter(pdf.data, orgs.dept.name, '2026年3月3日');
    expect(all).toContain('政府信息公开申请补正告知书');
    expect(all).toContain(t.document!.docNumber);
    expect(all).toContain('大致时间😀𠀾');
    expect(all).not.toContain('样稿');

    // The DOCX twin beside the PDF: staff in scope only.
    const docx = await renderCaseDocumentDocx(clerk, doc.id);
    expect(docx.filename).toBe(`${t.document!.docNumber}.docx`);
    expect(docx.data.subarray(0, 2).toString()).toBe('PK');
    const applicant = await createActor('applicant', null);
    await expect(renderCaseDocumentDocx(applicant, doc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(renderCaseDocumentDocx(await createActor('clerk', orgs.sibling), doc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('延期答复告知书: no "。，" where a reason ending in a stop meets the template', async () => {
    const reg = await newCase();
    await transitionCase({ caseId: reg.caseId, expectedVersion: 0, name: 'request_extension', input: { days: 20, reason: '所需信息分散于多个档案库，难以答复。' }, actor: clerk, now: at('2026-03-10') });
    const t = await transitionCase({ caseId: reg.caseId, expectedVersion: 1, name: 'approve_extension', input: { hasApplicantNotice: true }, actor: reviewer, now: at('2026-03-11') });
    const doc = await db.document.findUniqueOrThrow({ where: { id: t.document!.id } });
    expect(doc.body).toContain('难以答复，');
    expect(doc.body).not.toMatch(/。，|。”。|。。/);
    const { all } = checkLetter((await renderCaseDocumentPdf({ actor: clerk }, doc.id)).data, orgs.dept.name, '2026年3月11日');
    expect(all).toContain('政府信息公开申请延期答复告知书');
    expect(all).toContain('难以答复，');
  });

  it('征求意见函 to a third party: no "。”。" when the request ends with a stop', async () => {
    const reg = await newCase('示范市公交集团2025年度运营补贴的核定文件。');
    const t = await transitionCase({
      caseId: reg.caseId,
      expectedVersion: 0,
      name: 'start_consultation',
      input: { kind: 'third_party', party: '示范市公交集团有限公司' },
      actor: clerk,
      now: at('2026-03-04'),
    });
    const doc = await db.document.findUniqueOrThrow({ where: { id: t.document!.id } });
    expect(doc.body).toContain('核定文件”。');
    expect(doc.body).not.toContain('。”。');
    const { all } = checkLetter((await renderCaseDocumentPdf({ actor: clerk }, doc.id)).data, orgs.dept.name, '2026年3月4日');
    expect(all).toContain('示范市公交集团有限公司：');
  });

  it('收费通知书 and 延迟答复告知书', async () => {
    const reg = await newCase();
    const fee = await transitionCase({
      caseId: reg.caseId,
      expectedVersion: 0,
      name: 'issue_fee_notice',
      input: { method: 'per_page', pages: 42, paymentInstructions: '银行转账至示范市财政非税收入专户' },
      actor: clerk,
      now: at('2026-03-05'),
    });
    const feeDoc = await db.document.findUniqueOrThrow({ where: { id: fee.document!.id } });
    const feeText = checkLetter((await renderCaseDocumentPdf({ actor: clerk }, feeDoc.id)).data, orgs.dept.name, '2026年3月5日').all;
    expect(feeText).toContain('人民币120.00元');
    // 办法 Art. 5: the notice states how the amount was computed.
    expect(feeDoc.body).toContain('计算过程：本申请需提供的政府信息共42页。第1—30页免费；第31—42页共12页，每页10元，计120元；合计120元。');

    const reg2 = await newCase();
    const delayed = await transitionCase({
      caseId: reg2.caseId,
      expectedVersion: 0,
      name: 'set_delayed_answer',
      input: { delayedAnswerBy: '2026-05-29', reason: '申请数量明显超过合理范围。', hasApplicantNotice: true },
      actor: reviewer,
      now: at('2026-03-06'),
    });
    const delayedDoc = await db.document.findUniqueOrThrow({ where: { id: delayed.document!.id } });
    expect(delayedDoc.body).not.toMatch(/。。/);
    checkLetter((await renderCaseDocumentPdf({ actor: clerk }, delayedDoc.id)).data, orgs.dept.name, '2026年3月6日');
  });

  it('答复书: a long request over several pages, signature kept with the text', async () => {
    const longRequest = `${'申请公开2025年度示范市公交线路调整涉及的批复、会议纪要、听证记录和资金拨付文件😀𠀾'.repeat(25)}`;
    const reg = await newCase(longRequest);
    const draft = await saveAnswerDraft({
      caseId: reg.caseId,
      expectedVersion: 0,
      actor: clerk,
      now: at('2026-03-04'),
      draft: { outcome: 'denied_process_information', reason: '所申请信息为内部讨论记录。' },
    });
    const s = await transitionCase({ caseId: reg.caseId, expectedVersion: draft.version, name: 'submit_answer', input: {}, actor: clerk, now: at('2026-03-04', '12:00') });
    await transitionCase({ caseId: reg.caseId, expectedVersion: s.version, name: 'approve_answer', input: {}, actor: reviewer, now: at('2026-03-05') });
    const doc = await db.document.findFirstOrThrow({ where: { caseId: reg.caseId, type: 'answer', status: 'issued' } });
    expect(doc.body).not.toContain('您（单位）');
    const { pages, all } = checkLetter((await renderCaseDocumentPdf({ actor: clerk }, doc.id)).data, orgs.dept.name, '2026年3月5日');
    expect(pages.length).toBeGreaterThan(1);
    // Every character of the long request, emoji and rare characters included.
    expect(all).toContain(flat(longRequest));
    expect(all).toContain(doc.docNumber!);
  });

  it('回执 for a portal application', async () => {
    const res = await submitApplication({
      form: { ...PORTAL_FORM, description: DESCRIPTION, orgId: orgs.dept.id },
      submissionKey: submissionKey(),
      applicant: null,
      now: at('2026-03-02'),
    });
    const pdf = await renderReceiptPdf({ trackingNo: res.trackingNo, accessCode: res.accessCode! }, res.caseId, { now: at('2026-03-02') });
    const { all } = checkLetter(pdf.data, orgs.dept.name, '2026年3月2日');
    expect(all).toContain('政府信息公开申请回执');
    expect(all).toContain(DESCRIPTION);
    expect(all).not.toContain('您（单位）');
  });
});
