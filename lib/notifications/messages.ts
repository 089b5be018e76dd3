/**
 * Texts of the notifications sent to applicants (e-mail and SMS). These are messages that leave the system,
 * so they are built here as final text: Chinese always, followed by English when the applicant's locale is
 * English. The formal documents (答复书, 补正告知书 …) are not in the message: it tells the applicant that
 * a document was issued and where to read it, because an e-mail is not a lawful service of every letter.
 */
import type { OutboxChannel } from '@/lib/generated/prisma/enums';

export interface NotificationParams {
  submitted: { trackingNo: string; orgName: string; isPendingConfirmation: boolean };
  /** answerDueTentative: the date is 暂定 (a provisional holiday calendar, docs/decisions.md). */
  receipt_confirmed: { trackingNo: string; orgName: string; receivedOn: string; answerDueOn: string | null; answerDueTentative?: boolean };
  /**
   * The period runs from the applicant's receipt of the notice (Art. 30; regulations.md §15): the message gives
   * the working days; periodEndsOn only when the delivery is known (periodProvisional false).
   */
  correction_requested: {
    trackingNo: string;
    orgName: string;
    periodEndsOn: string;
    periodDays?: number;
    periodProvisional?: boolean;
    docNumber: string;
  };
  /** answerDueTentative: still open (consultation, fee) or on a provisional calendar — the date is the latest, 暂定. */
  extension_approved: {
    trackingNo: string;
    orgName: string;
    days: number;
    answerDueOn: string | null;
    answerDueTentative?: boolean;
    docNumber: string;
  };
  /** 更正告知书: the answer date a letter stated was moved by a later fact (docs/decisions.md). */
  notice_corrected: { trackingNo: string; orgName: string; answerDueOn: string | null; answerDueTentative?: boolean; docNumber: string };
  delayed_answer_set: { trackingNo: string; orgName: string; answerBy: string; docNumber: string };
  /** Payment within 20 working days from the day after receipt; paymentDueOn stated only when the receipt is known. */
  fee_notice_issued: {
    trackingNo: string;
    orgName: string;
    amountYuan: string;
    paymentDueOn: string;
    paymentDueProvisional?: boolean;
    /** paymentDueOn was counted through a year whose holiday notice is not out yet: 暂定. */
    paymentDueTentative?: boolean;
    docNumber: string;
  };
  answer_issued: { trackingNo: string; orgName: string; docNumber: string; outcomeLabel: string };
  withdrawn: { trackingNo: string; orgName: string };
  /** close_other (（六）3 其他): closed for another cause, with the reason. */
  closed_other: { trackingNo: string; orgName: string; reason: string };
  /** Registration (lib/accounts/register-applicant.ts): the one-time code for a free address. */
  signup_code: { code: string; minutes: number };
  /** Registration attempted with an address that already has an account: no code, a notice to the owner. */
  signup_existing: { minutes: number };
  /** A superior office reminds a subordinate's staff of its annual report (lib/admin/report-oversight.ts). */
  report_reminder: { fromOrgName: string; orgName: string; year: number; openItems: string };
}
export type NotificationTemplate = keyof NotificationParams;

interface Text {
  subject: string;
  body: string;
  sms: string;
}

const TRACK_ZH = '您可以凭申请编号和查询码在政府信息公开申请平台查看详情。';
const TRACK_EN = 'You can follow the application on the disclosure portal with your tracking number and access code.';

const ZH: { [T in NotificationTemplate]: (p: NotificationParams[T]) => Text } = {
  submitted: (p) => ({
    subject: `【${p.orgName}】政府信息公开申请已提交（${p.trackingNo}）`,
    body:
      `您的政府信息公开申请已提交至${p.orgName}，申请编号：${p.trackingNo}。` +
      (p.isPendingConfirmation ? '本机关确认后将告知您收到申请之日（《政府信息公开条例》第三十一条）。' : '') +
      TRACK_ZH,
    sms: `【${p.orgName}】您的政府信息公开申请已提交，申请编号${p.trackingNo}。`,
  }),
  receipt_confirmed: (p) => ({
    subject: `【${p.orgName}】已确认收到您的政府信息公开申请（${p.trackingNo}）`,
    body:
      `${p.orgName}已确认收到您的政府信息公开申请（申请编号：${p.trackingNo}），收到申请之日为${p.receivedOn}（《政府信息公开条例》第三十一条）。` +
      (p.answerDueOn ? `本机关将于${p.answerDueOn}${p.answerDueTentative ? '（暂定）' : ''}前答复。` : '') +
      TRACK_ZH,
    sms: `【${p.orgName}】已确认收到您的申请${p.trackingNo}，收到申请之日为${p.receivedOn}。`,
  }),
  correction_requested: (p) => ({
    subject: `【${p.orgName}】政府信息公开申请补正告知（${p.trackingNo}）`,
    body: `${p.orgName}已就您的政府信息公开申请（申请编号：${p.trackingNo}）出具补正告知书（${p.docNumber}）。${correctionPeriodZh(p)}；无正当理由逾期不补正的，视为放弃申请（《政府信息公开条例》第三十条）。${TRACK_ZH}`,
    sms: `【${p.orgName}】您的申请${p.trackingNo}需要补正，${correctionPeriodZh(p)}，详见补正告知书。`,
  }),
  extension_approved: (p) => ({
    subject: `【${p.orgName}】政府信息公开申请延期答复告知（${p.trackingNo}）`,
    body:
      `${p.orgName}决定将您的政府信息公开申请（申请编号：${p.trackingNo}）的答复期限延长${p.days}个工作日（《政府信息公开条例》第三十三条第二款），延期答复告知书文号：${p.docNumber}。` +
      (p.answerDueOn ? (p.answerDueTentative ? `按目前情况，本机关最迟于${p.answerDueOn}（暂定）前答复。` : `本机关将于${p.answerDueOn}前答复。`) : '') +
      TRACK_ZH,
    sms: `【${p.orgName}】您的申请${p.trackingNo}答复期限延长${p.days}个工作日。`,
  }),
  notice_corrected: (p) => ({
    subject: `【${p.orgName}】政府信息公开申请更正告知（${p.trackingNo}）`,
    body:
      `${p.orgName}就您的政府信息公开申请（申请编号：${p.trackingNo}）出具更正告知书（${p.docNumber}），更正此前告知书所载的答复日期。` +
      (p.answerDueOn ? `答复期限现为${p.answerDueOn}${p.answerDueTentative ? '（暂定）' : ''}。` : '') +
      TRACK_ZH,
    sms: `【${p.orgName}】您的申请${p.trackingNo}答复日期更正${p.answerDueOn ? `为${p.answerDueOn}${p.answerDueTentative ? '（暂定）' : ''}` : ''}，详见更正告知书。`,
  }),
  delayed_answer_set: (p) => ({
    subject: `【${p.orgName}】政府信息公开申请延迟答复告知（${p.trackingNo}）`,
    body: `${p.orgName}决定对您的政府信息公开申请（申请编号：${p.trackingNo}）延迟答复，将于${p.answerBy}前答复（《政府信息公开条例》第三十五条），告知书文号：${p.docNumber}。${TRACK_ZH}`,
    sms: `【${p.orgName}】您的申请${p.trackingNo}将于${p.answerBy}前答复。`,
  }),
  fee_notice_issued: (p) => ({
    subject: `【${p.orgName}】信息处理费收费通知（${p.trackingNo}）`,
    body: `${p.orgName}就您的政府信息公开申请（申请编号：${p.trackingNo}）出具收费通知书（${p.docNumber}），金额人民币${p.amountYuan}元，${feePeriodZh(p)}；逾期未缴纳的，视为放弃申请。${TRACK_ZH}`,
    sms: `【${p.orgName}】您的申请${p.trackingNo}需缴纳信息处理费${p.amountYuan}元，${feePeriodZh(p)}。`,
  }),
  answer_issued: (p) => ({
    subject: `【${p.orgName}】政府信息公开申请答复（${p.trackingNo}）`,
    body: `${p.orgName}已对您的政府信息公开申请（申请编号：${p.trackingNo}）作出答复（${p.docNumber}，处理结果：${p.outcomeLabel}）。${TRACK_ZH}`,
    sms: `【${p.orgName}】您的申请${p.trackingNo}已答复（${p.docNumber}），请登录平台查看。`,
  }),
  withdrawn: (p) => ({
    subject: `【${p.orgName}】政府信息公开申请已撤回（${p.trackingNo}）`,
    body: `您的政府信息公开申请（申请编号：${p.trackingNo}）已撤回，${p.orgName}终止办理。${TRACK_ZH}`,
    sms: `【${p.orgName}】您的申请${p.trackingNo}已撤回。`,
  }),
  closed_other: (p) => ({
    subject: `【${p.orgName}】政府信息公开申请终止办理（${p.trackingNo}）`,
    body: `${p.orgName}对您的政府信息公开申请（申请编号：${p.trackingNo}）终止办理。理由：${p.reason}${TRACK_ZH}`,
    sms: `【${p.orgName}】您的申请${p.trackingNo}已终止办理，理由请登录平台查看。`,
  }),
  signup_code: (p) => ({
    subject: '【政府信息公开申请平台】注册验证码',
    body: `您正在注册政府信息公开申请平台账号，验证码：${p.code}，${p.minutes}分钟内有效。请勿将验证码告诉他人；如非本人操作，请忽略本消息。`,
    sms: `【政府信息公开申请平台】注册验证码：${p.code}，${p.minutes}分钟内有效，请勿告诉他人。`,
  }),
  signup_existing: () => ({
    subject: '【政府信息公开申请平台】注册提醒',
    body: '有人使用您的手机号码或电子邮箱申请注册政府信息公开申请平台账号，但该号码或邮箱已有账号，未创建新账号。如是您本人操作，请直接登录；如非本人操作，请忽略本消息。',
    sms: '【政府信息公开申请平台】有人使用本号码申请注册，但本号码已有账号，未创建新账号。如是本人操作请直接登录。',
  }),
  report_reminder: (p) => ({
    subject: `【${p.fromOrgName}】请抓紧完成${p.year}年政府信息公开工作年度报告`,
    body: `${p.orgName}：${p.fromOrgName}提醒您抓紧完成${p.year}年政府信息公开工作年度报告的数据核对和锁定（《政府信息公开条例》第四十九条、第五十条）。目前尚待处理：${p.openItems}。请登录政府信息公开申请办理系统，在“年度报告”中查看。`,
    sms: `【${p.fromOrgName}】请抓紧完成${p.year}年政府信息公开工作年度报告（尚待处理：${p.openItems}）。`,
  }),
};

const EN: { [T in NotificationTemplate]: (p: NotificationParams[T]) => Omit<Text, 'sms'> } = {
  submitted: (p) => ({
    subject: `Application ${p.trackingNo} submitted`,
    body:
      `Your application for disclosure of government information was submitted to ${p.orgName} (tracking number ${p.trackingNo}).` +
      (p.isPendingConfirmation ? ' The agency will tell you the legal receipt date once it confirms receipt (Art. 31 of the Regulations).' : '') +
      ` ${TRACK_EN}`,
  }),
  receipt_confirmed: (p) => ({
    subject: `Receipt of application ${p.trackingNo} confirmed`,
    body:
      `${p.orgName} confirmed receipt of your application ${p.trackingNo}; the legal receipt date is ${p.receivedOn} (Art. 31).` +
      (p.answerDueOn ? ` The answer is due by ${p.answerDueOn}${p.answerDueTentative ? ' (provisional)' : ''}.` : '') +
      ` ${TRACK_EN}`,
  }),
  correction_requested: (p) => ({
    subject: `Application ${p.trackingNo}: correction requested`,
    body: `${p.orgName} asks you to correct your application ${p.trackingNo} ${p.periodProvisional && p.periodDays ? `within ${p.periodDays} working days of receiving the notice` : `by ${p.periodEndsOn}`} (correction notice ${p.docNumber}, Art. 30). Without a correction in time and without good reason the application is deemed withdrawn. ${TRACK_EN}`,
  }),
  extension_approved: (p) => ({
    subject: `Application ${p.trackingNo}: answer period extended`,
    body:
      `${p.orgName} extended the answer period of application ${p.trackingNo} by ${p.days} working days (Art. 33 para 2; notice ${p.docNumber}).` +
      (p.answerDueOn ? ` The answer is now due by ${p.answerDueOn}${p.answerDueTentative ? ' at the latest (provisional)' : ''}.` : '') +
      ` ${TRACK_EN}`,
  }),
  notice_corrected: (p) => ({
    subject: `Application ${p.trackingNo}: corrected notice`,
    body:
      `${p.orgName} issued a corrected notice (${p.docNumber}) for application ${p.trackingNo}: the answer date stated earlier has changed.` +
      (p.answerDueOn ? ` The answer is now due by ${p.answerDueOn}${p.answerDueTentative ? ' (provisional)' : ''}.` : '') +
      ` ${TRACK_EN}`,
  }),
  delayed_answer_set: (p) => ({
    subject: `Application ${p.trackingNo}: delayed answer`,
    body: `${p.orgName} will answer application ${p.trackingNo} by ${p.answerBy} (Art. 35; notice ${p.docNumber}). ${TRACK_EN}`,
  }),
  fee_notice_issued: (p) => ({
    subject: `Application ${p.trackingNo}: processing fee`,
    body: `${p.orgName} issued a fee notice (${p.docNumber}) for application ${p.trackingNo}: CNY ${p.amountYuan}, payable ${p.paymentDueProvisional ? 'within 20 working days from the day after you receive the notice' : `by ${p.paymentDueOn}${p.paymentDueTentative ? ' (provisional)' : ''}`}. If it is not paid in time the application is deemed withdrawn. ${TRACK_EN}`,
  }),
  answer_issued: (p) => ({
    subject: `Application ${p.trackingNo} answered`,
    body: `${p.orgName} answered your application ${p.trackingNo} (${p.docNumber}). ${TRACK_EN}`,
  }),
  withdrawn: (p) => ({
    subject: `Application ${p.trackingNo} withdrawn`,
    body: `Your application ${p.trackingNo} was withdrawn; ${p.orgName} has stopped handling it. ${TRACK_EN}`,
  }),
  closed_other: (p) => ({
    subject: `Application ${p.trackingNo} closed`,
    body: `${p.orgName} has stopped handling your application ${p.trackingNo}. Reason: ${p.reason} ${TRACK_EN}`,
  }),
  signup_code: (p) => ({
    subject: 'Registration code',
    body: `Your registration code for the disclosure portal is ${p.code}, valid for ${p.minutes} minutes. Do not share it. If you did not ask for it, ignore this message.`,
  }),
  signup_existing: () => ({
    subject: 'Registration attempt',
    body: 'Someone tried to register on the disclosure portal with your mobile number or e-mail address, which already has an account; no new account was created. If it was you, simply sign in.',
  }),
  report_reminder: (p) => ({
    subject: `${p.fromOrgName}: please complete the ${p.year} annual disclosure report`,
    body: `${p.fromOrgName} reminds ${p.orgName} to check and lock its ${p.year} annual report on government information disclosure (Arts. 49–50 of the Regulations). Still open: ${p.openItems}. Sign in to the case system and open "Annual report".`,
  }),
};

/** The correction period as the notice words it: from receipt, with a last day only once delivery is known. */
function correctionPeriodZh(p: NotificationParams['correction_requested']): string {
  return p.periodProvisional && p.periodDays ? `请自收到补正告知书之日起${p.periodDays}个工作日内补正` : `请于${p.periodEndsOn}前补正`;
}

function feePeriodZh(p: NotificationParams['fee_notice_issued']): string {
  return p.paymentDueProvisional ? '请自收到收费通知之次日起20个工作日内缴纳' : `请于${p.paymentDueOn}${p.paymentDueTentative ? '（暂定）' : ''}前缴纳`;
}

export function isEnglishLocale(locale: string | null | undefined): boolean {
  return typeof locale === 'string' && locale.toLowerCase().startsWith('en');
}

/** The message for one channel: SMS gets the short Chinese text (plus a short English line for en). */
export function buildMessage<T extends NotificationTemplate>(
  template: T,
  params: NotificationParams[T],
  options: { locale: string | null | undefined; channel: OutboxChannel },
): { subject: string; body: string } {
  const zh = ZH[template](params);
  const en = isEnglishLocale(options.locale) ? EN[template](params) : null;
  if (options.channel === 'sms') {
    return { subject: zh.subject, body: en ? `${zh.sms} ${en.subject}.` : zh.sms };
  }
  return {
    subject: en ? `${zh.subject} / ${en.subject}` : zh.subject,
    body: en ? `${zh.body}\n\n${en.body}` : zh.body,
  };
}
