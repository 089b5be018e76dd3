/**
 * What an organisation's own template of a letter type must keep (issue 11 item 4): the elements the law
 * makes part of each letter, as data, and the check of an edited template against them. Pure; no I/O.
 *
 * An element is kept when the body contains one of its merge fields (`anyOfFields`) or one of its texts
 * (`anyOfTexts`, for the article cited in the legal basis and the statutory periods that the default texts
 * state literally). The 文号 and the 成文日期 are not in the body: the layout prints them under the title and
 * in the signature block of every letter (GB/T 9704-2012 7.2.4, 7.3.5), so no edit can drop them; the type
 * letter of the 文号 (`numberTag`) is checked here.
 *
 * A template may use only the fields the code fills for its type (unknown `{{fields}}` would print as
 * blanks): the common fields of every case, the fields of its type, and any field its built-in default text
 * uses. Braces must form `{{field}}`; anything else (an unbalanced `{{`, a lone `}`) is refused, not printed.
 */
import type { DocumentType } from '@/lib/generated/prisma/enums';
import { DEFAULT_TEMPLATES } from '@/lib/documents/default-templates';
import { TEMPLATE_FIELDS, type TemplateField } from '@/lib/documents/template-fields';

/** Letter types whose text an organisation may adapt (every document type has a template). */
export const EDITABLE_TEMPLATE_TYPES = [
  'answer',
  'correction_notice',
  'extension_notice',
  'consultation_letter',
  'fee_notice',
  'delayed_answer_notice',
  'notice_correction',
  'receipt',
] as const satisfies readonly DocumentType[];
export type EditableTemplateType = (typeof EDITABLE_TEMPLATE_TYPES)[number];

export function isEditableTemplateType(value: unknown): value is EditableTemplateType {
  return typeof value === 'string' && (EDITABLE_TEMPLATE_TYPES as readonly string[]).includes(value);
}

export interface RequiredElement {
  /** Names the element in messages: catalogue key `admin.templates.elements.<id>`. */
  id: string;
  anyOfFields?: readonly TemplateField[];
  anyOfTexts?: readonly string[];
}

/** Fields every letter of a case can use (caseMergeFields in issue-document.ts). */
export const COMMON_FIELDS = ['applicantName', 'trackingNo', 'receivedOn', 'description', 'orgName'] as const satisfies readonly TemplateField[];
/** Filled when a letter is issued; the receipt has neither. */
const ISSUED_FIELDS = ['docNumber', 'date'] as const satisfies readonly TemplateField[];

/** Fields the code fills for each type (transition-case.ts, answer-draft.ts, case-documents.ts). */
export const TYPE_FIELDS: Record<EditableTemplateType, readonly TemplateField[]> = {
  answer: [...ISSUED_FIELDS, 'attachmentsText', 'outcomeLabel', 'outcomeText', 'reason', 'legalBasis', 'remedyNotice'],
  correction_notice: [...ISSUED_FIELDS, 'correctionItems', 'correctionPeriodDays', 'correctionPeriodText', 'correctionPeriodEndsOn'],
  extension_notice: [...ISSUED_FIELDS, 'extensionDays', 'extensionReason', 'answerDueOn', 'answerDueText'],
  consultation_letter: [...ISSUED_FIELDS, 'party', 'letterNote'],
  fee_notice: [...ISSUED_FIELDS, 'feeBasis', 'feeMethod', 'feeAmount', 'feeComputationText', 'paymentInstructions', 'paymentDueOn', 'paymentPeriodText'],
  delayed_answer_notice: [...ISSUED_FIELDS, 'delayedAnswerBy', 'reason'],
  notice_correction: [...ISSUED_FIELDS, 'correctedNoticeDate', 'correctedNoticeTitle', 'correctedDocNumber', 'statedDateText', 'changeReason', 'correctedText'],
  receipt: ['submittedAt', 'channelLabel', 'receiptStatusText', 'accessCode'],
};

const ADDRESSEE: RequiredElement = { id: 'addressee', anyOfFields: ['applicantName'] };
const TRACKING_NO: RequiredElement = { id: 'trackingNo', anyOfFields: ['trackingNo'] };

/**
 * Required elements per type, with the article that requires them. Articles are those of the 2019
 * 《中华人民共和国政府信息公开条例》 (regulations.md).
 */
export const REQUIRED_ELEMENTS: Record<EditableTemplateType, readonly RequiredElement[]> = {
  // Art. 36: the answer states the outcome and, for a refusal, the reason; Art. 33: received on; remedy:
  // Art. 51 and the 行政复议法 / 行政诉讼法 periods (REMEDY_NOTICE); the legal basis of the decision.
  answer: [
    ADDRESSEE,
    TRACKING_NO,
    { id: 'receivedOn', anyOfFields: ['receivedOn'] },
    { id: 'request', anyOfFields: ['description'] },
    { id: 'outcome', anyOfFields: ['outcomeText'] },
    { id: 'reason', anyOfFields: ['reason'] },
    { id: 'legalBasis', anyOfFields: ['legalBasis'] },
    { id: 'remedy', anyOfFields: ['remedyNotice'] },
  ],
  // Art. 29 para 3 / Art. 30: the items to correct, told at once, and a reasonable period from receipt;
  // Art. 30: failing to correct in time without good reason counts as giving up the application.
  correction_notice: [
    ADDRESSEE,
    TRACKING_NO,
    { id: 'correctionItems', anyOfFields: ['correctionItems'] },
    { id: 'correctionPeriod', anyOfFields: ['correctionPeriodDays', 'correctionPeriodEndsOn'] },
    { id: 'legalBasisArt30', anyOfTexts: ['第三十条'] },
    { id: 'lapseConsequence', anyOfTexts: ['视为放弃'] },
  ],
  // Art. 33 para 2: the applicant is told of the extension (at most 20 working days) and of the new date.
  extension_notice: [
    ADDRESSEE,
    TRACKING_NO,
    { id: 'extensionDays', anyOfFields: ['extensionDays'] },
    { id: 'newAnswerDate', anyOfFields: ['answerDueText', 'answerDueOn'] },
    { id: 'legalBasisArt33', anyOfTexts: ['第三十三条'] },
  ],
  // Art. 32: the third party is consulted in writing and replies within 15 working days of receipt;
  // silence leaves the decision to the agency.
  consultation_letter: [
    { id: 'party', anyOfFields: ['party'] },
    TRACKING_NO,
    { id: 'request', anyOfFields: ['description'] },
    { id: 'consultationPeriod', anyOfTexts: ['15个工作日', '十五个工作日'] },
    { id: 'legalBasisArt32', anyOfTexts: ['第三十二条'] },
  ],
  // Art. 42 and 国办函〔2020〕109号: basis, method and amount of the fee, how to pay, 20 working days from
  // the day after receipt, unpaid = application given up.
  fee_notice: [
    ADDRESSEE,
    TRACKING_NO,
    { id: 'feeBasis', anyOfFields: ['feeBasis'] },
    { id: 'feeMethod', anyOfFields: ['feeMethod'] },
    { id: 'feeAmount', anyOfFields: ['feeAmount'] },
    { id: 'paymentInstructions', anyOfFields: ['paymentInstructions'] },
    { id: 'paymentPeriod', anyOfFields: ['paymentPeriodText', 'paymentDueOn'] },
    { id: 'legalBasisArt42', anyOfTexts: ['第四十二条'] },
    { id: 'lapseConsequence', anyOfTexts: ['视为放弃'] },
  ],
  // Art. 35: the agency fixes a reasonable time to answer and tells the applicant with the reason.
  delayed_answer_notice: [
    ADDRESSEE,
    TRACKING_NO,
    { id: 'delayedAnswerBy', anyOfFields: ['delayedAnswerBy'] },
    { id: 'reason', anyOfFields: ['reason'] },
    { id: 'legalBasisArt35', anyOfTexts: ['第三十五条'] },
  ],
  // docs/decisions.md "a date in a letter": the correction names the letter, what it stated and the new date.
  notice_correction: [
    ADDRESSEE,
    TRACKING_NO,
    { id: 'correctedLetter', anyOfFields: ['correctedNoticeTitle', 'correctedDocNumber'] },
    { id: 'statedDate', anyOfFields: ['statedDateText'] },
    { id: 'correctedDate', anyOfFields: ['correctedText'] },
  ],
  // Art. 31: when the application counts as received; the tracking number and access code for enquiries.
  receipt: [
    ADDRESSEE,
    TRACKING_NO,
    { id: 'submittedAt', anyOfFields: ['submittedAt'] },
    { id: 'receivedOnRule', anyOfFields: ['receiptStatusText'] },
    { id: 'accessCode', anyOfFields: ['accessCode'] },
  ],
};

/** Limits of an edit (a letter is one to three pages; these leave ample room). */
export const TEMPLATE_LIMITS = { bodyChars: 20_000, bodyLines: 200, titleChars: 40 } as const;

const FIELD_NAMES = new Set<string>(TEMPLATE_FIELDS);
const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const ANY_PLACEHOLDER_LIKE = /\{\{[^{}\n]*\}\}/g;

/** Fields a template of `type` may use. */
export function allowedFields(type: EditableTemplateType): ReadonlySet<TemplateField> {
  const fromDefault = [...DEFAULT_TEMPLATES[type].body.matchAll(PLACEHOLDER)].map((m) => m[1] as TemplateField);
  return new Set<TemplateField>([...COMMON_FIELDS, ...TYPE_FIELDS[type], ...fromDefault.filter((f) => FIELD_NAMES.has(f))]);
}

/** Field names used in a text, in order of first use. */
export function fieldsIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

export interface TemplateProblem {
  /** Catalogue key of the message (`admin.templates.problems.*`). */
  key: string;
  params?: Record<string, string | number>;
  /** Which input it concerns. */
  field: 'numberTag' | 'title' | 'body';
}

export interface TemplateDraft {
  numberTag: string;
  title: string;
  body: string;
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const HAN_TAG = /^\p{Script=Han}{1,4}$/u;

/** Every problem of an edited template (empty = it may be saved). */
export function validateTemplate(type: EditableTemplateType, draft: TemplateDraft): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const { numberTag, title, body } = draft;

  if (!HAN_TAG.test(numberTag)) problems.push({ field: 'numberTag', key: 'admin.templates.problems.numberTag' });

  if (title.trim() === '') problems.push({ field: 'title', key: 'admin.templates.problems.titleMissing' });
  else if (title.length > TEMPLATE_LIMITS.titleChars) problems.push({ field: 'title', key: 'admin.templates.problems.titleTooLong', params: { max: TEMPLATE_LIMITS.titleChars } });
  if (CONTROL.test(title) || /\n/.test(title)) problems.push({ field: 'title', key: 'admin.templates.problems.control' });
  if (/[{}]/.test(title)) problems.push({ field: 'title', key: 'admin.templates.problems.titleBraces' });

  // Size first: nothing else is looked at in a body that is too large.
  if (body.length > TEMPLATE_LIMITS.bodyChars) {
    problems.push({ field: 'body', key: 'admin.templates.problems.bodyTooLong', params: { max: TEMPLATE_LIMITS.bodyChars } });
    return problems;
  }
  if (body.trim() === '') {
    problems.push({ field: 'body', key: 'admin.templates.problems.bodyMissing' });
    return problems;
  }
  const lines = body.split('\n');
  if (lines.length > TEMPLATE_LIMITS.bodyLines) problems.push({ field: 'body', key: 'admin.templates.problems.tooManyLines', params: { max: TEMPLATE_LIMITS.bodyLines } });
  if (CONTROL.test(body.replace(/\t/g, ''))) problems.push({ field: 'body', key: 'admin.templates.problems.control' });

  // Braces: what is left after removing every well-formed {{…}} must contain none.
  lines.forEach((line, i) => {
    const rest = line.replace(ANY_PLACEHOLDER_LIKE, (m) => (/^\{\{\s*[A-Za-z]+\s*\}\}$/.test(m) ? '' : m));
    const bad = rest.match(/\{\{[^{}\n]*\}\}|[{}]/);
    if (bad) {
      const at = rest.indexOf(bad[0]);
      problems.push({ field: 'body', key: 'admin.templates.problems.braces', params: { line: i + 1, near: rest.slice(Math.max(0, at - 6), at + 12) } });
    }
  });

  const allowed = allowedFields(type);
  for (const name of fieldsIn(body)) {
    if (!FIELD_NAMES.has(name)) problems.push({ field: 'body', key: 'admin.templates.problems.unknownField', params: { name: `{{${name}}}` } });
    else if (!allowed.has(name as TemplateField)) problems.push({ field: 'body', key: 'admin.templates.problems.fieldNotForType', params: { name: `{{${name}}}` } });
  }

  const used = new Set(fieldsIn(body));
  for (const element of REQUIRED_ELEMENTS[type]) {
    const byField = element.anyOfFields?.some((f) => used.has(f)) ?? false;
    const byText = element.anyOfTexts?.some((t) => body.includes(t)) ?? false;
    if (byField || byText) continue;
    const need = element.anyOfFields ? element.anyOfFields.map((f) => `{{${f}}}`).join(' / ') : element.anyOfTexts!.map((t) => `“${t}”`).join(' / ');
    problems.push({ field: 'body', key: 'admin.templates.problems.missingElement', params: { element: element.id, need } });
  }
  return problems;
}
