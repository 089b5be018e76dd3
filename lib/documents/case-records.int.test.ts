/**
 * 送达回证 and 审批单 from a real case in the embedded PostgreSQL: each field checked in the text pdftotext
 * extracts, the delivery recorded from the signed form shown on it, and the scope (another organisation's
 * staff and applicants get NOT_FOUND).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import type { TransitionName } from '@/lib/cases/workflow';
import { renderApprovalSheetPdf, renderDeliveryProofPdf } from '@/lib/documents/case-records';
import { pdfPages } from '@/lib/documents/pdf-text';

const flat = (pages: string[]) => pages.join('').replace(/\s+/g, '');

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '李经办');
  reviewer = await createActor('reviewer', orgs.dept, '王审核');
});

async function newCase(form = LETTER) {
  const reg = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...form, channel: 'in_person' } });
  let version = 0;
  const step = async (name: TransitionName, input: Record<string, unknown>, actor: Actor, now: Date) => {
    const r = await transitionCase({ caseId: reg.caseId, expectedVersion: version, name, input, actor, now } as TransitionCaseParams);
    version = r.version;
    return r;
  };
  return { reg, step, version: () => version, setVersion: (v: number) => (version = v) };
}

describe('送达回证 of a letter', () => {
  it('prints the letter, recipient, postal address and chosen method; after the delivery is recorded, the signed date', async () => {
    const c = await newCase();
    const t = await c.step('request_correction', { items: '请提供身份证明', periodDays: 15 }, clerk, at('2026-03-03'));
    const docId = t.document!.id;
    const before = await db.auditEvent.count({ where: { actorId: clerk.id, type: 'case.postal_address_revealed' } });

    const blank = await renderDeliveryProofPdf(clerk, docId);
    expect(blank.filename).toBe(`${t.document!.docNumber}-送达回证.pdf`);
    const text = flat(pdfPages(blank.data, { raw: true }));
    for (const s of ['送达回证', '送达文书名称及文号', '补正告知书', t.document!.docNumber, '受送达人', '张三', '送达地点', '示范市人民路1号（邮政编码：100000）', '送达方式', '☑邮寄送达', '收件人签名或盖章', '签收日期', '年月日', '送达人', '备注', orgs.dept.name, c.reg.trackingNo]) {
      expect(text).toContain(s);
    }
    // Printing the full address is an audited reveal.
    expect(await db.auditEvent.count({ where: { actorId: clerk.id, type: 'case.postal_address_revealed' } })).toBe(before + 1);

    await c.step('record_notice_delivery', { documentId: docId, method: 'post', deliveredOn: '2026-03-05', postalTrackingNo: 'EMS9988776655', receiptNote: '本人签收' }, clerk, at('2026-03-06'));
    const signed = flat(pdfPages((await renderDeliveryProofPdf(reviewer, docId)).data, { raw: true }));
    for (const s of ['邮寄送达（邮件号码：EMS9988776655）', '2026年3月5日', '李经办', '本人签收', '签收日期据退回的送达回证登记']) expect(signed).toContain(s);
    expect(signed).not.toContain('☐直接送达');
  });

  it('addresses the 征求意见函 to the consulted party, without the applicant’s address', async () => {
    const c = await newCase();
    const t = await c.step('start_consultation', { kind: 'third_party', party: '示范公交集团有限公司' }, clerk, at('2026-03-03'));
    const text = flat(pdfPages((await renderDeliveryProofPdf(clerk, t.document!.id)).data, { raw: true }));
    expect(text).toContain('征求');
    expect(text).toContain('示范公交集团有限公司');
    expect(text).not.toContain('张三');
    expect(text).not.toContain('人民路');
  });

  it('is not found for another organisation’s staff, an applicant, a draft or a forged id', async () => {
    const c = await newCase();
    const t = await c.step('request_correction', { items: '请提供身份证明', periodDays: 15 }, clerk, at('2026-03-03'));
    const other = await createActor('reviewer', orgs.sibling);
    const applicant = await createActor('applicant', null);
    const admin = await createActor('admin', null);
    const before = await db.auditEvent.count({ where: { type: 'case.postal_address_revealed', actorId: { in: [other.id, applicant.id] } } });
    await expect(renderDeliveryProofPdf(other, t.document!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(renderDeliveryProofPdf(applicant, t.document!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(renderDeliveryProofPdf(clerk, 'not-a-uuid\u0000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.auditEvent.count({ where: { type: 'case.postal_address_revealed', actorId: { in: [other.id, applicant.id] } } })).toBe(before);
    // Admins see every organisation (routing), so the form prints for them.
    expect((await renderDeliveryProofPdf(admin, t.document!.id)).data.subarray(0, 5).toString()).toBe('%PDF-');
    const c2 = await newCase();
    const draft = await saveAnswerDraft({ caseId: c2.reg.caseId, expectedVersion: c2.version(), actor: clerk, now: at('2026-03-04'), draft: { outcome: 'granted' } });
    await expect(renderDeliveryProofPdf(clerk, draft.documentId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('审批单 of a case', () => {
  it('prints the request, the clerk’s proposal, the 保密审查 record and the reviewer’s opinions with dates', async () => {
    const c = await newCase();
    await c.step('request_extension', { days: 10, reason: '需要调取档案' }, clerk, at('2026-03-04'));
    await c.step('approve_extension', { hasApplicantNotice: true }, reviewer, at('2026-03-05'));
    const draft = await saveAnswerDraft({
      caseId: c.reg.caseId,
      expectedVersion: c.version(),
      actor: clerk,
      now: at('2026-03-09'),
      draft: { outcome: 'partially_granted', reason: '合同单价属于第三方商业秘密，不予公开。', details: { withheldPart: '合同单价', withheldGround: 'denied_third_party_rights', accessArrangement: '请于工作日到本机关政务服务窗口查阅' } },
    });
    c.setVersion(draft.version);
    await c.step('record_confidentiality_review', { note: '已删除合同单价' }, reviewer, at('2026-03-10'));
    await c.step('submit_answer', {}, clerk, at('2026-03-10', '15:00'));
    await c.step('return_answer', { reason: '请补充法律依据' }, reviewer, at('2026-03-11'));
    await c.step('submit_answer', {}, clerk, at('2026-03-12'));
    const approved = await c.step('approve_answer', {}, reviewer, at('2026-03-13'));

    const pdf = await renderApprovalSheetPdf(reviewer, c.reg.caseId);
    expect(pdf.filename).toBe(`${c.reg.trackingNo}-审批单.pdf`);
    const text = flat(pdfPages(pdf.data, { raw: true }));
    for (const s of [
      '政府信息公开申请办理审批单',
      c.reg.trackingNo,
      '张三',
      '2025年示范市公交线路调整的批复文件',
      '申请延期答复10个工作日，2026年3月5日批准',
      '拟答复：部分公开。',
      '理由：合同单价属于第三方商业秘密，不予公开。',
      '经办人：李经办',
      '日期：2026年3月12日',
      '审查意见：已删除合同单价',
      '审查人：王审核',
      '日期：2026年3月10日',
      '批准延期答复：同意延期答复',
      '退回修改：退回修改。请补充法律依据',
      `审核签发答复：同意，签发（${approved.document!.docNumber}）。`,
      '日期：2026年3月13日',
      approved.document!.docNumber,
    ]) {
      expect(text).toContain(s.replace(/\s+/g, ''));
    }
  });

  it('is not found for another organisation’s staff or an applicant', async () => {
    const c = await newCase();
    const other = await createActor('clerk', orgs.sibling);
    const applicant = await createActor('applicant', null);
    await expect(renderApprovalSheetPdf(other, c.reg.caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(renderApprovalSheetPdf(applicant, c.reg.caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(renderApprovalSheetPdf(clerk, '00000000-0000-7000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A clerk of the parent organisation sees the department's cases (subtree scope).
    const parentClerk = await createActor('clerk', orgs.root);
    expect((await renderApprovalSheetPdf(parentClerk, c.reg.caseId)).data.length).toBeGreaterThan(1000);
  });
});
