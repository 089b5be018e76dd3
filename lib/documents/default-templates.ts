/**
 * Default texts of the outgoing documents, in the official style of agencies' 依申请公开 letters, citing the
 * 2019 《中华人民共和国政府信息公开条例》 (国务院令第711号; "《条例》" after its first mention). An organisation may
 * override a type in the `document_templates` table (orgId null = a system-wide override); these are the
 * fallback. Merge fields are `{{name}}` (lib/documents/templates.ts TEMPLATE_FIELDS); a paragraph whose
 * fields are all empty is dropped, so optional parts (a reason on a full disclosure) leave no gap.
 *
 * Document content is the agency's official Chinese text, not UI text: it is stored on the Document and
 * printed, so it is not routed through the UI message catalogue.
 */
import type { DocumentType } from '@/lib/generated/prisma/enums';

export interface DefaultTemplate {
  /** Type letter in the 文号, e.g. 答 in 示范政信答〔2026〕12号. */
  numberTag: string;
  title: string;
  body: string;
}

/** Variants chosen by the code for one document type (the DB override, if any, replaces the main text). */
export type TemplateKey = DocumentType | 'consultation_letter_agency';

const LAW = '《中华人民共和国政府信息公开条例》（以下简称《条例》）';

export const DEFAULT_TEMPLATES = {
  answer: {
    numberTag: '答',
    title: '政府信息公开申请答复书',
    body: [
      '{{applicantName}}：',
      `　　本机关于{{receivedOn}}收到您（单位）提出的政府信息公开申请（申请编号：{{trackingNo}}），您申请获取的政府信息为：“{{description}}”。根据${LAW}的规定，经审查，现答复如下：`,
      '　　{{outcomeText}}',
      '　　{{reason}}',
      '　　本答复的依据为：{{legalBasis}}。',
      '　　{{remedyNotice}}',
      '　　特此告知。',
    ].join('\n'),
  },
  correction_notice: {
    numberTag: '补',
    title: '政府信息公开申请补正告知书',
    body: [
      '{{applicantName}}：',
      `　　本机关于{{receivedOn}}收到您（单位）提出的政府信息公开申请（申请编号：{{trackingNo}}）。经审查，您的申请内容不明确。根据${LAW}第二十九条第二款、第三十条的规定，现一次性告知您需要补正的全部事项如下：`,
      '{{correctionItems}}',
      '　　请您自收到本告知书之日起{{correctionPeriodDays}}个工作日内向本机关提交补正后的申请{{correctionPeriodText}}。答复期限自本机关收到补正后的申请之日起计算。',
      '　　根据《条例》第三十条的规定，您无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。',
      '　　特此告知。',
    ].join('\n'),
  },
  extension_notice: {
    numberTag: '延',
    title: '政府信息公开申请延期答复告知书',
    body: [
      '{{applicantName}}：',
      `　　本机关于{{receivedOn}}收到您（单位）提出的政府信息公开申请（申请编号：{{trackingNo}}）。因{{extensionReason}}，本机关不能在${LAW}第三十三条第二款规定的20个工作日内作出答复。`,
      '　　经本机关政府信息公开工作机构负责人同意，根据《条例》第三十三条第二款的规定，答复期限延长{{extensionDays}}个工作日。{{answerDueText}}',
      '　　特此告知。',
    ].join('\n'),
  },
  consultation_letter: {
    numberTag: '征',
    title: '政府信息公开征求意见函',
    body: [
      '{{party}}：',
      '　　本机关于{{receivedOn}}收到政府信息公开申请（申请编号：{{trackingNo}}），申请公开的政府信息为：“{{description}}”。经审查，公开该政府信息可能损害你方合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求你方意见。',
      '　　请你方自收到本函之日起15个工作日内提出书面意见。逾期未提出意见的，由本机关依照该条例的规定决定是否公开。你方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知你方。',
      '　　{{letterNote}}',
      '　　特此函告。',
    ].join('\n'),
  },
  consultation_letter_agency: {
    numberTag: '征',
    title: '政府信息公开征求意见函',
    body: [
      '{{party}}：',
      '　　本机关于{{receivedOn}}收到政府信息公开申请（申请编号：{{trackingNo}}），申请公开的政府信息为：“{{description}}”。该政府信息由本机关与你机关共同制作。根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求你机关意见。',
      '　　请你机关自收到本函之日起15个工作日内提出意见。逾期未提出意见的，视为同意公开。',
      '　　{{letterNote}}',
      '　　特此函告。',
    ].join('\n'),
  },
  fee_notice: {
    numberTag: '费',
    title: '政府信息公开信息处理费收费通知书',
    body: [
      '{{applicantName}}：',
      `　　本机关于{{receivedOn}}收到您（单位）提出的政府信息公开申请（申请编号：{{trackingNo}}）。您申请公开政府信息的数量、频次明显超过合理范围，根据${LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关依法收取信息处理费。具体如下：`,
      '　　收费依据：{{feeBasis}}',
      '　　计收方式：{{feeMethod}}',
      '　　收费金额：人民币{{feeAmount}}元',
      '　　计算过程：{{feeComputationText}}',
      '　　缴费方式：{{paymentInstructions}}',
      '　　请您自收到本通知之次日起20个工作日内缴纳上述费用{{paymentPeriodText}}。逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。',
      '　　特此通知。',
    ].join('\n'),
  },
  delayed_answer_notice: {
    numberTag: '迟',
    title: '政府信息公开申请延迟答复告知书',
    body: [
      '{{applicantName}}：',
      `　　本机关于{{receivedOn}}收到您（单位）提出的政府信息公开申请（申请编号：{{trackingNo}}）。您申请公开政府信息的数量、频次明显超过合理范围，经审查，您说明的理由合理，但本机关无法在${LAW}第三十三条规定的期限内答复。`,
      '　　根据《条例》第三十五条的规定，本机关确定延迟答复，将于{{delayedAnswerBy}}前作出答复。延迟答复的理由：{{reason}}。',
      '　　特此告知。',
    ].join('\n'),
  },
  notice_correction: {
    numberTag: '更',
    title: '政府信息公开申请更正告知书',
    body: [
      '{{applicantName}}：',
      '　　本机关于{{receivedOn}}收到您（单位）提出的政府信息公开申请（申请编号：{{trackingNo}}）。本机关于{{correctedNoticeDate}}向您发出的{{correctedNoticeTitle}}（{{correctedDocNumber}}）载明：{{statedDateText}}。',
      '　　{{changeReason}}',
      '　　{{correctedText}}',
      '　　原告知书所载日期与本告知书不一致的，以本告知书为准。特此更正告知。',
    ].join('\n'),
  },
  receipt: {
    numberTag: '收',
    title: '政府信息公开申请回执',
    body: [
      '{{applicantName}}：',
      '　　您（单位）提出的政府信息公开申请已于{{submittedAt}}以{{channelLabel}}方式提交至{{orgName}}，申请编号为{{trackingNo}}。',
      '　　所申请的政府信息：{{description}}',
      '　　{{receiptStatusText}}',
      '　　您可以凭申请编号和查询码查询办理进度。查询码：{{accessCode}}（仅显示一次，请妥善保管；本机关工作人员不会向您索要查询码）。',
    ].join('\n'),
  },
} as const satisfies Record<TemplateKey, DefaultTemplate>;

/**
 * Default remedy notice of every answer (Art. 51; periods from the 行政复议法 and 行政诉讼法, see
 * lib/law/outcomes.ts REMEDY_NOTICE). Prefilled into the answer draft; the drafter may edit it. When the
 * organisation names its 行政复议机关 and competent court (admin → organisations → letters; inherited from
 * ancestors, lib/documents/org-documents.ts remedyBodies), the notice names them.
 */
export function defaultRemedyNotice(params: {
  administrativeReviewDays: number;
  litigationMonths: number;
  reviewBody?: string | null;
  court?: string | null;
}): string {
  const review = params.reviewBody ? `向${params.reviewBody}申请行政复议` : '申请行政复议';
  const court = params.court ? `向${params.court}` : '向人民法院';
  return (
    `如对本答复不服，可以自收到本答复之日起${params.administrativeReviewDays}日内依法${review}，` +
    `或者自收到本答复之日起${params.litigationMonths}个月内依法${court}提起行政诉讼；` +
    '也可以依照《条例》第五十一条的规定，向上一级行政机关或者政府信息公开工作主管部门投诉、举报。'
  );
}

/** Receipt paragraph: when the clock starts (Art. 31) depends on the channel and on confirmation. */
export const RECEIPT_STATUS_TEXT = {
  pending_confirmation:
    '根据《中华人民共和国政府信息公开条例》第三十一条的规定，通过互联网渠道、传真或者平常信函提交的申请，以双方确认之日（平常信函为确认之日）为收到申请之日。本机关确认后，将告知您收到申请之日。',
  received:
    '本机关收到申请之日为{{receivedOn}}。根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内予以答复；需要延长答复期限的，将另行告知。',
} as const;
