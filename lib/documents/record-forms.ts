/**
 * The forms of record of a case (issue 11 item 5), as pure builders of form-layout.ts input:
 *
 * - 送达回证 (proof of delivery) of one letter sent by post or handed over: the standard table — 送达文书名称及
 *   文号, 受送达人, 送达地点, 送达方式, 收件人签名或盖章, 签收日期, 送达人, 备注. Printed blank for the recipient
 *   to sign; once staff have recorded the signed date from the returned form (record_notice_delivery /
 *   record_delivery, lib/cases/notice-delivery.ts), the same form prints what was recorded, which is the copy
 *   the archive package files;
 * - 审批单 (case sign-off sheet): the request summary, the clerk's proposal (办理意见), the 保密审查 record
 *   (Art. 17), the reviewer's opinions with their dates (extension, return, approval) and the result.
 *
 * Document text, not UI text: Simplified Chinese only, the 条例's own terms (like default-templates.ts).
 */
import type { DeliveryMethod } from '@/lib/generated/prisma/enums';
import type { FormCell, FormInput } from '@/lib/documents/form-layout';

/** 送达方式 as printed on the 送达回证 (the four ways of the delivery record). */
export const DELIVERY_METHOD_FORM_LABEL: Record<DeliveryMethod, string> = {
  in_person: '直接送达',
  post: '邮寄送达',
  email: '电子邮件送达',
  online_download: '网上送达',
};

/** What a form of record states for a fact that was never recorded (an imported case, issue 12 item 8). */
export const NOT_RECORDED = '未记录';

/**
 * 获取信息的方式 as the forms state it: 载体形式 and 送达方式, e.g. "纸质，邮寄送达". A part an imported case
 * never had reads 未记录 instead of a guessed default; `formLabel` is the 载体形式 label (纸质 / 电子).
 */
export function accessWayText(formLabel: string | null, method: DeliveryMethod | null): string {
  if (formLabel === null && method === null) return NOT_RECORDED;
  return `${formLabel ?? `载体形式${NOT_RECORDED}`}，${method === null ? `获取方式${NOT_RECORDED}` : DELIVERY_METHOD_FORM_LABEL[method]}`;
}

/** Blank date for a hand-written 签收日期. */
export const BLANK_DATE = '　　　　年　　月　　日';

export interface DeliveryProofData {
  orgName: string;
  trackingNo: string;
  /** e.g. 补正告知书 */
  documentTitle: string;
  docNumber: string | null;
  /** 受送达人: the applicant, or the consulted third party for a 征求意见函. */
  recipient: string;
  /** 送达地点: the postal address (with postal code) when known; null leaves the cell for hand-writing. */
  address: string | null;
  /** The recorded delivery, once the signed form came back. */
  recorded: {
    method: DeliveryMethod;
    deliveredOn: string;
    deliveredBy: string | null;
    postalTrackingNo: string | null;
    note: string | null;
  } | null;
  /** The way the letter is to be sent (ticked on a blank form): the applicant's chosen method when post or in person. */
  plannedMethod: DeliveryMethod | null;
}

function methodLine(chosen: DeliveryMethod | null): string {
  const box = (m: DeliveryMethod) => `${chosen === m ? '☑' : '☐'}${DELIVERY_METHOD_FORM_LABEL[m]}`;
  return `${box('in_person')}　${box('post')}　☐其他：＿＿＿＿`;
}

const label = (text: string, extra: Partial<FormCell> = {}): FormCell => ({ text, align: 'center', valign: 'middle', ...extra });
const value = (text: string, extra: Partial<FormCell> = {}): FormCell => ({ text, valign: 'middle', ...extra });

export function deliveryProofForm(d: DeliveryProofData): FormInput {
  const rec = d.recorded;
  const method = rec
    ? `${DELIVERY_METHOD_FORM_LABEL[rec.method]}${rec.postalTrackingNo ? `（邮件号码：${rec.postalTrackingNo}）` : ''}`
    : `${methodLine(d.plannedMethod)}\n邮件号码：`;
  const notes = [rec?.note ?? '', rec ? '签收日期据退回的送达回证登记。' : '收件人签收后，请将本回证退回送达机关。'].filter((s) => s !== '');
  return {
    title: '送达回证',
    blocks: [
      { kind: 'text', text: `送达机关：${d.orgName}`, align: 'left' },
      { kind: 'text', text: `申请编号：${d.trackingNo}`, align: 'left' },
      { kind: 'space', height: 6 },
      {
        kind: 'table',
        columns: [3.3, 6.7],
        rows: [
          [label('送达文书名称及文号', { minLines: 2 }), value(`${d.documentTitle}${d.docNumber ? `\n${d.docNumber}` : ''}`)],
          [label('受送达人', { minLines: 2 }), value(d.recipient)],
          [label('送达地点', { minLines: 2 }), value(d.address ?? '')],
          [label('送达方式', { minLines: 2 }), value(method)],
          [label('收件人签名或盖章', { minLines: 3 }), value('')],
          [label('签收日期', { minLines: 2 }), value(rec ? rec.deliveredOn : BLANK_DATE, { align: rec ? 'left' : 'right' })],
          [label('送达人', { minLines: 2 }), value(rec?.deliveredBy ?? '')],
          [label('备注', { minLines: 2 }), value(notes.join('\n'), { valign: 'top' })],
        ],
      },
      { kind: 'space', height: 8 },
      {
        kind: 'text',
        text: '说明：受送达人本人签收；受送达人不在时，可由其同住成年家属或者单位收件人代收，并注明与受送达人的关系。邮寄送达的，以签收回执上注明的收件日期为送达日期。',
        size: 12,
        leading: 18,
      },
    ],
  };
}

export interface ApprovalOpinion {
  /** e.g. 批准延期答复、退回修改、审核签发 */
  what: string;
  text: string;
  by: string;
  on: string;
}

export interface ApprovalSheetData {
  orgName: string;
  trackingNo: string;
  applicant: string;
  applicantType: string;
  channel: string;
  submittedOn: string;
  receivedOn: string;
  /** The request (with the document reference, if any). */
  description: string;
  requestedForm: string;
  answerDueOn: string;
  /** Steps of the handling that bear on the answer (补正, 征求意见, 延期 …), one per line. */
  steps: string[];
  proposal: { outcome: string; reason: string | null; by: string; on: string } | null;
  confidentiality: { by: string; on: string; note: string | null } | null;
  opinions: ApprovalOpinion[];
  result: { docNumber: string | null; issuedOn: string; outcome: string } | null;
  deliveries: string[];
}

/** The case sign-off sheet (审批单). */
export function approvalSheetForm(d: ApprovalSheetData): FormInput {
  const signed = (text: string, by: string, on: string) => `${text}\n经办人：${by}　　日期：${on}`;
  const proposal = d.proposal
    ? signed(`拟答复：${d.proposal.outcome}。${d.proposal.reason ? `\n理由：${d.proposal.reason}` : ''}`, d.proposal.by, d.proposal.on)
    : '尚未提出办理意见。';
  const confidentiality = d.confidentiality
    ? `已进行保密审查（《条例》第十七条）。${d.confidentiality.note ? `\n审查意见：${d.confidentiality.note}` : ''}\n审查人：${d.confidentiality.by}　　日期：${d.confidentiality.on}`
    : '尚未进行保密审查。';
  const opinions =
    d.opinions.length > 0 ? d.opinions.map((o) => `${o.what}：${o.text}\n审核人：${o.by}　　日期：${o.on}`).join('\n') : '尚无审核意见。';
  const wide = (text: string, extra: Partial<FormCell> = {}): FormCell => ({ text, span: 3, valign: 'top', ...extra });
  return {
    title: '政府信息公开申请办理审批单',
    blocks: [
      { kind: 'text', text: `办理机关：${d.orgName}`, align: 'left' },
      { kind: 'space', height: 6 },
      {
        kind: 'table',
        columns: [2.4, 2.8, 2.4, 2.8],
        rows: [
          [label('申请编号'), value(d.trackingNo), label('申请方式'), value(d.channel)],
          [label('申请人'), value(d.applicant), label('申请人类型'), value(d.applicantType)],
          [label('提交日期'), value(d.submittedOn), label('收到申请日期'), value(d.receivedOn)],
          [label('申请内容', { minLines: 3 }), wide(d.description)],
          [label('获取方式'), value(d.requestedForm), label('答复期限'), value(d.answerDueOn)],
          [label('办理过程', { minLines: 2 }), wide(d.steps.length > 0 ? d.steps.join('\n') : '无')],
          [label('经办人意见', { minLines: 4 }), wide(proposal)],
          [label('保密审查', { minLines: 3 }), wide(confidentiality)],
          [label('审核人意见', { minLines: 4 }), wide(opinions)],
          [label('答复文号'), value(d.result?.docNumber ?? ''), label('签发日期'), value(d.result?.issuedOn ?? '')],
          [label('办理结果'), wide(d.result?.outcome ?? '')],
          [label('送达情况', { minLines: 2 }), wide(d.deliveries.length > 0 ? d.deliveries.join('\n') : '')],
        ],
      },
    ],
  };
}
