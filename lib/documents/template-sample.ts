/**
 * The sample case a template preview is merged with (issue 11 item 4): fictitious values for every field a
 * template may use, so that an admin sees each placeholder filled as a real letter would fill it. Pure.
 */
import { correctionPeriodText, paymentPeriodText, answerDueText } from '@/lib/documents/notice-dates';
import { formatChineseDate, mergeTemplate, type TemplateFields } from '@/lib/documents/templates';
import { DEFAULT_TEMPLATES, RECEIPT_STATUS_TEXT, defaultRemedyNotice } from '@/lib/documents/default-templates';
import { attachmentsText, CHANNEL_DOCUMENT_LABEL, OUTCOME_DOCUMENT_TEXT } from '@/lib/documents/outcome-text';
import { REMEDY_NOTICE } from '@/lib/law/outcomes';
import type { EditableTemplateType } from '@/lib/documents/template-rules';

/** The sample letter's date (成文日期) and the year of its 文号. */
export const SAMPLE_ISSUED_ON = '2026-03-18';

export function sampleFields(type: EditableTemplateType, org: { name: string; reviewBody?: string | null; court?: string | null }): TemplateFields {
  const common: TemplateFields = {
    applicantName: '张三',
    trackingNo: 'GK-2026-000123',
    receivedOn: formatChineseDate('2026-03-02'),
    description: '2025年本市老旧小区改造项目的资金使用明细',
    orgName: org.name,
    you: '您',
    date: formatChineseDate(SAMPLE_ISSUED_ON),
  };
  const outcome = OUTCOME_DOCUMENT_TEXT.granted;
  const byType: Record<EditableTemplateType, TemplateFields> = {
    answer: {
      outcomeLabel: outcome.label,
      outcomeText: outcome.text,
      reason: '（样例）拒绝或部分公开时，此处载明理由。',
      legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第二项',
      attachmentsText: attachmentsText(1),
      remedyNotice: defaultRemedyNotice({ ...REMEDY_NOTICE, reviewBody: org.reviewBody, court: org.court }),
    },
    correction_notice: {
      correctionItems: '　　1. 请明确所需信息的名称、文号或者便于查询的其他特征性描述。\n　　2. 请提供申请人身份证明。',
      correctionPeriodDays: 15,
      correctionPeriodText: correctionPeriodText('2026-03-05', '2026-03-26'),
      correctionPeriodEndsOn: formatChineseDate('2026-03-26'),
    },
    extension_notice: {
      extensionDays: 20,
      extensionReason: '所申请信息涉及多个单位，需要调取、汇总',
      answerDueOn: formatChineseDate('2026-04-28'),
      answerDueText: answerDueText('2026-04-28', []),
    },
    consultation_letter: { party: '示范建设工程有限公司', letterNote: '联系人：李四，电话：010-12345678。' },
    fee_notice: {
      feeBasis: '《政府信息公开信息处理费管理办法》第五条',
      feeMethod: '按件计收',
      feeAmount: '200.00',
      feeComputationText: '2026年3月同一申请人向本机关提出的政府信息公开申请，在本申请之前已有10件，本申请计1件，为当月第11件；第11件每件200元，计200元；合计200元。',
      paymentInstructions: '请通过非税收入缴款码缴纳，缴款码随本通知送达。',
      paymentDueOn: formatChineseDate('2026-04-16'),
      paymentPeriodText: paymentPeriodText('2026-03-19', '2026-04-16'),
    },
    delayed_answer_notice: { delayedAnswerBy: formatChineseDate('2026-05-29'), reason: '申请数量明显超过合理范围，需要逐件检索' },
    notice_correction: {
      correctedNoticeDate: formatChineseDate('2026-03-10'),
      correctedNoticeTitle: `《${DEFAULT_TEMPLATES.extension_notice.title}》`,
      correctedDocNumber: '示范政信延〔2026〕3号',
      statedDateText: '本机关将于2026年4月21日前作出答复',
      changeReason: '本机关于2026年3月20日结束征求第三方意见，征求意见所需时间不计算在答复期限内。',
      correctedText: '根据《条例》第三十三条的规定，本申请的答复期限于2026年4月28日届满，本机关将于2026年4月28日前作出答复。',
    },
    receipt: {
      submittedAt: formatChineseDate('2026-03-02'),
      channelLabel: CHANNEL_DOCUMENT_LABEL.online,
      receiptStatusText: mergeTemplate(RECEIPT_STATUS_TEXT.received, { receivedOn: formatChineseDate('2026-03-02') }),
      accessCode: 'ABCD-EFGH',
    },
  };
  return { ...common, ...byType[type] };
}
