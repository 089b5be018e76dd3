/**
 * 送达回证 and 审批单 as a reader sees them: every field's label and value extracted with pdftotext
 * (poppler-utils, installed by .ci/run), fonts embedded, deterministic bytes, long texts split over pages.
 */
import { describe, expect, it, vi } from 'vitest';
import { pdfFonts, pdfPages } from '@/lib/documents/pdf-text';
import { layoutForm } from '@/lib/documents/form-layout';
import { accessWayText, approvalSheetForm, BLANK_DATE, deliveryProofForm, type ApprovalSheetData, type DeliveryProofData } from '@/lib/documents/record-forms';
import { renderFormPdf } from '@/lib/documents/render-form';

vi.setConfig({ testTimeout: 60_000 });

const flat = (s: string) => s.replace(/\s+/g, '');

const PROOF: DeliveryProofData = {
  orgName: '示范市交通运输局',
  trackingNo: 'GK-2026-000123',
  documentTitle: '补正告知书',
  docNumber: '示范交信补〔2026〕3号',
  recipient: '张三😀𠀾',
  address: '示范市人民路1号（100000）',
  recorded: null,
  plannedMethod: 'post',
};

const SHEET: ApprovalSheetData = {
  orgName: '示范市交通运输局',
  trackingNo: 'GK-2026-000123',
  applicant: '张三',
  applicantType: '自然人',
  channel: '需签收的邮件（挂号信、EMS等）',
  submittedOn: '2026年3月2日',
  receivedOn: '2026年3月2日',
  description: '2025年示范市公交线路调整的批复文件（示范交〔2025〕8号）',
  requestedForm: '纸质，邮寄',
  answerDueOn: '2026年4月30日',
  steps: ['2026年3月2日 征求第三方意见（示范公交集团有限公司），2026年3月9日收到意见'],
  proposal: { outcome: '部分公开', reason: '合同单价属于第三方商业秘密。', by: '李经办', on: '2026年3月17日' },
  confidentiality: { by: '王审核', on: '2026年3月17日', note: '已删除合同单价' },
  opinions: [
    { what: '批准延期答复', text: '同意延长20个工作日', by: '王审核', on: '2026年3月11日' },
    { what: '审核签发', text: '同意，签发', by: '王审核', on: '2026年3月18日' },
  ],
  result: { docNumber: '示范交信答〔2026〕1号', issuedOn: '2026年3月18日', outcome: '部分公开' },
  deliveries: ['2026年3月20日 邮寄送达（EMS1234567890）'],
};

describe('送达回证', () => {
  it('prints the standard fields, blank for signing, with the planned method ticked; every character kept', async () => {
    const pdf = await renderFormPdf(deliveryProofForm(PROOF));
    const pages = pdfPages(pdf, { raw: true });
    expect(pages).toHaveLength(1);
    const text = flat(pages[0]);
    for (const s of ['送达回证', '送达文书名称及文号', '补正告知书', '示范交信补〔2026〕3号', '受送达人', '张三😀𠀾', '送达地点', '示范市人民路1号（100000）', '送达方式', '☑邮寄送达', '☐直接送达', '收件人签名或盖章', '签收日期', '年月日', '送达人', '备注', '示范市交通运输局', 'GK-2026-000123']) {
      expect(text).toContain(s);
    }
    expect(pages[0]).toMatch(/—\s*1\s*—/);
    expect(pdfFonts(pdf).every((f) => f.embedded)).toBe(true);
  });

  it('prints the recorded delivery once the signed form came back', async () => {
    const pdf = await renderFormPdf(
      deliveryProofForm({ ...PROOF, recorded: { method: 'post', deliveredOn: '2026年3月5日', deliveredBy: '李经办', postalTrackingNo: 'EMS1234567890', note: '本人签收' } }),
    );
    const text = flat(pdfPages(pdf, { raw: true }).join(''));
    for (const s of ['邮寄送达（邮件号码：EMS1234567890）', '2026年3月5日', '李经办', '本人签收', '签收日期据退回的送达回证登记']) expect(text).toContain(s);
    expect(text).not.toContain('☐');
    expect(text).not.toContain(flat(BLANK_DATE));
  });

  it('is byte-identical for the same input', async () => {
    const [a, b] = await Promise.all([renderFormPdf(deliveryProofForm(PROOF)), renderFormPdf(deliveryProofForm(PROOF))]);
    expect(a.equals(b)).toBe(true);
  });
});

describe('审批单', () => {
  it('prints the request, proposal, 保密审查 record, reviewer opinions with dates, and the result', async () => {
    const pdf = await renderFormPdf(approvalSheetForm(SHEET));
    const text = flat(pdfPages(pdf, { raw: true }).join(''));
    for (const s of [
      '政府信息公开申请办理审批单',
      '申请内容',
      '2025年示范市公交线路调整的批复文件（示范交〔2025〕8号）',
      '经办人意见',
      '拟答复：部分公开。',
      '理由：合同单价属于第三方商业秘密。',
      '经办人：李经办日期：2026年3月17日',
      '保密审查',
      '审查意见：已删除合同单价',
      '审查人：王审核日期：2026年3月17日',
      '审核人意见',
      '批准延期答复：同意延长20个工作日',
      '审核签发：同意，签发',
      '审核人：王审核日期：2026年3月18日',
      '示范交信答〔2026〕1号',
      '2026年4月30日',
      '邮寄送达（EMS1234567890）',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('says so when there is no proposal, review or opinion yet', async () => {
    const pdf = await renderFormPdf(approvalSheetForm({ ...SHEET, proposal: null, confidentiality: null, opinions: [], result: null, deliveries: [] }));
    const text = flat(pdfPages(pdf, { raw: true }).join(''));
    for (const s of ['尚未提出办理意见。', '尚未进行保密审查。', '尚无审核意见。']) expect(text).toContain(s);
  });

  it('splits a request longer than a page over pages, marked 续, losing no text', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `第${i + 1}项`).join('、');
    const form = approvalSheetForm({ ...SHEET, description: long });
    const laid = layoutForm(form);
    expect(laid.length).toBeGreaterThan(1);
    const pages = pdfPages(await renderFormPdf(form), { raw: true });
    expect(pages).toHaveLength(laid.length);
    const all = flat(pages.join(''));
    expect(all).toContain('（续）');
    for (const i of [1, 137, 400]) expect(all).toContain(`第${i}项`);
    pages.forEach((p, i) => expect(p).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`)));
  });
});

describe('accessWayText (获取信息的方式 on the forms of record)', () => {
  it('states the recorded form and way, and 未记录 for what an imported case never had', () => {
    expect(accessWayText('纸质', 'post')).toBe('纸质，邮寄送达');
    expect(accessWayText(null, null)).toBe('未记录');
    expect(accessWayText('电子', null)).toBe('电子，获取方式未记录');
    expect(accessWayText(null, 'in_person')).toBe('载体形式未记录，直接送达');
  });
});
