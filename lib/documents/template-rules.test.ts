import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '@/lib/documents/default-templates';
import {
  allowedFields,
  EDITABLE_TEMPLATE_TYPES,
  REQUIRED_ELEMENTS,
  TEMPLATE_LIMITS,
  validateTemplate,
  type EditableTemplateType,
  type TemplateProblem,
} from '@/lib/documents/template-rules';
import { TEMPLATE_FIELDS } from '@/lib/documents/template-fields';
import { messagesFor } from '@/lib/i18n/catalogue';

const def = (type: EditableTemplateType) => ({ numberTag: DEFAULT_TEMPLATES[type].numberTag, title: DEFAULT_TEMPLATES[type].title, body: DEFAULT_TEMPLATES[type].body });
const missing = (problems: TemplateProblem[]) => problems.filter((p) => p.key === 'admin.templates.problems.missingElement').map((p) => p.params?.element);
const keys = (problems: TemplateProblem[]) => problems.map((p) => p.key);

function lookup(catalogue: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), catalogue);
}

describe('template rules', () => {
  it.each(EDITABLE_TEMPLATE_TYPES)('accept the built-in default text of %s', (type) => {
    expect(validateTemplate(type, def(type))).toEqual([]);
  });

  it('name every required element in both catalogues, and use only known fields', () => {
    for (const type of EDITABLE_TEMPLATE_TYPES) {
      for (const element of REQUIRED_ELEMENTS[type]) {
        expect(typeof lookup(messagesFor('zh-CN'), `admin.templates.elements.${element.id}`), `${type}/${element.id}`).toBe('string');
        expect(typeof lookup(messagesFor('en'), `admin.templates.elements.${element.id}`), `${type}/${element.id}`).toBe('string');
        for (const f of element.anyOfFields ?? []) {
          expect(TEMPLATE_FIELDS).toContain(f);
          expect(allowedFields(type).has(f)).toBe(true);
        }
      }
    }
  });

  it('refuse an answer without its legal basis or remedy notice, naming them', () => {
    const d = def('answer');
    const body = d.body.replace('　　本答复的依据为：{{legalBasis}}。\n', '').replace('　　{{remedyNotice}}\n', '');
    const problems = validateTemplate('answer', { ...d, body });
    expect(missing(problems)).toEqual(['legalBasis', 'remedy']);
    expect(problems.find((p) => p.params?.element === 'remedy')?.params?.need).toBe('{{remedyNotice}}');
  });

  it('refuse a correction notice that drops the period, the items, Art. 30 or the lapse consequence', () => {
    const d = def('correction_notice');
    expect(missing(validateTemplate('correction_notice', { ...d, body: d.body.replace('{{correctionPeriodDays}}', '十五') }))).toEqual(['correctionPeriod']);
    // The last day is an accepted alternative to the number of days.
    expect(validateTemplate('correction_notice', { ...d, body: d.body.replace('{{correctionPeriodDays}}个工作日内', '{{correctionPeriodEndsOn}}前') })).toEqual([]);
    expect(missing(validateTemplate('correction_notice', { ...d, body: d.body.replace('{{correctionItems}}', '见附件') }))).toEqual(['correctionItems']);
    expect(missing(validateTemplate('correction_notice', { ...d, body: d.body.replaceAll('第三十条', '有关条款') }))).toEqual(['legalBasisArt30']);
    expect(missing(validateTemplate('correction_notice', { ...d, body: d.body.replace('视为放弃申请', '不再处理') }))).toEqual(['lapseConsequence']);
  });

  it('refuse notices that drop the dates they must state', () => {
    const ext = def('extension_notice');
    expect(missing(validateTemplate('extension_notice', { ...ext, body: ext.body.replace('{{answerDueText}}', '') }))).toEqual(['newAnswerDate']);
    expect(validateTemplate('extension_notice', { ...ext, body: ext.body.replace('{{answerDueText}}', '本机关将于{{answerDueOn}}前作出答复。') })).toEqual([]);
    const fee = def('fee_notice');
    expect(missing(validateTemplate('fee_notice', { ...fee, body: fee.body.replace('{{paymentPeriodText}}', '') }))).toEqual(['paymentPeriod']);
    const delayed = def('delayed_answer_notice');
    expect(missing(validateTemplate('delayed_answer_notice', { ...delayed, body: delayed.body.replace('{{delayedAnswerBy}}', '适当时候') }))).toEqual(['delayedAnswerBy']);
    const consult = def('consultation_letter');
    expect(missing(validateTemplate('consultation_letter', { ...consult, body: consult.body.replace('15个工作日', '一个月') }))).toEqual(['consultationPeriod']);
    const receipt = def('receipt');
    expect(missing(validateTemplate('receipt', { ...receipt, body: receipt.body.replace('{{receiptStatusText}}', '') }))).toEqual(['receivedOnRule']);
  });

  it('refuse unknown fields and fields the type does not fill', () => {
    const d = def('correction_notice');
    const problems = validateTemplate('correction_notice', { ...d, body: `${d.body}\n{{applicantAddress}}{{feeAmount}}{{ orgName }}` });
    expect(problems).toEqual([
      { field: 'body', key: 'admin.templates.problems.unknownField', params: { name: '{{applicantAddress}}' } },
      { field: 'body', key: 'admin.templates.problems.fieldNotForType', params: { name: '{{feeAmount}}' } },
    ]);
  });

  it('refuse unbalanced or malformed braces, with the line', () => {
    const d = def('delayed_answer_notice');
    for (const bad of ['{{reason', 'reason}}', '{reason}', '{{reason}', '{{ 理由 }}', '{{}}', '{{reason}}}']) {
      const problems = validateTemplate('delayed_answer_notice', { ...d, body: `${d.body}\n　　${bad}` });
      expect(keys(problems), bad).toContain('admin.templates.problems.braces');
      expect(problems.find((p) => p.key === 'admin.templates.problems.braces')?.params?.line).toBe(d.body.split('\n').length + 1);
    }
  });

  it('refuse control characters, empty or oversized text and a bad number tag', () => {
    const d = def('answer');
    expect(keys(validateTemplate('answer', { ...d, body: `${d.body}\u0000` }))).toContain('admin.templates.problems.control');
    expect(keys(validateTemplate('answer', { ...d, title: '答复\u0000书' }))).toContain('admin.templates.problems.control');
    expect(keys(validateTemplate('answer', { ...d, body: `${d.body}${'长'.repeat(TEMPLATE_LIMITS.bodyChars)}` }))).toEqual(['admin.templates.problems.bodyTooLong']);
    expect(keys(validateTemplate('answer', { ...d, body: '  \n ' }))).toEqual(['admin.templates.problems.bodyMissing']);
    expect(keys(validateTemplate('answer', { ...d, body: `${d.body}${'\n'.repeat(TEMPLATE_LIMITS.bodyLines)}` }))).toContain('admin.templates.problems.tooManyLines');
    expect(keys(validateTemplate('answer', { ...d, title: '' }))).toEqual(['admin.templates.problems.titleMissing']);
    expect(keys(validateTemplate('answer', { ...d, title: '答'.repeat(41) }))).toEqual(['admin.templates.problems.titleTooLong']);
    expect(keys(validateTemplate('answer', { ...d, title: '{{title}}' }))).toEqual(['admin.templates.problems.titleBraces']);
    for (const tag of ['', 'A', '答〔', '答复答复答', '1']) {
      expect(keys(validateTemplate('answer', { ...d, numberTag: tag })), tag).toEqual(['admin.templates.problems.numberTag']);
    }
    expect(validateTemplate('answer', { ...d, numberTag: '答复' })).toEqual([]);
  });
});
