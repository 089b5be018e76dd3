import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/config';
import { processTranslator } from '@/lib/i18n/process-translator';
import { TRANSITION_NAMES } from '@/lib/cases/workflow';
import { TRANSITION_INPUT_SCHEMAS } from '@/lib/cases/transition-inputs';
import { FIELDS, stepTexts } from './step-fields';

/** What the page passes: each step's schema field names (page.tsx supportedFields). */
const accepted = Object.fromEntries(
  TRANSITION_NAMES.map((name) => [name, Object.keys((TRANSITION_INPUT_SCHEMAS[name] as unknown as { shape?: Record<string, unknown> }).shape ?? {})]),
);

describe('stepTexts: the case page translates its steps on the server', () => {
  it.each(LOCALES)('%s: every step has its title and every field its label and, where asked, its hint', (locale) => {
    const t = processTranslator(locale);
    const texts = stepTexts(t, TRANSITION_NAMES.map((name) => ({ name, blockedBy: null })), accepted);
    for (const name of TRANSITION_NAMES) {
      const text = texts[name];
      expect(text?.title, name).toBe(t(`workflow.transition.${name}`));
      expect(text?.blocked, name).toBeUndefined();
      expect(text?.help, name).toBe(t.has(`staff.action.help.${name}`) ? t(`staff.action.help.${name}`) : undefined);
      for (const f of FIELDS[name]) {
        const shown = text?.fields[f.name];
        if (!accepted[name].includes(f.name)) {
          // A field the schema does not take is not shown, so it gets no text.
          expect(shown, `${name}.${f.name}`).toBeUndefined();
          continue;
        }
        const key = f.label ?? f.name;
        expect(t.has(`staff.field.${key}`), `staff.field.${key}`).toBe(true);
        expect(shown?.label, `${name}.${f.name}`).toBe(t(`staff.field.${key}`));
        if (f.hint) {
          expect(t.has(`staff.field.hint.${key}`), `staff.field.hint.${key}`).toBe(true);
          expect(shown?.hint).toBe(t(`staff.field.hint.${key}`));
        } else expect(shown?.hint).toBeUndefined();
      }
    }
  });

  it('gives only the listed steps, and no field texts for a step whose fields are not accepted (held back)', () => {
    const t = processTranslator('zh-CN');
    const texts = stepTexts(
      t,
      [
        { name: 'claim', blockedBy: null },
        { name: 'request_correction', blockedBy: null },
      ],
      { claim: [] },
    );
    expect(Object.keys(texts).sort()).toEqual(['claim', 'request_correction']);
    expect(texts.request_correction?.fields).toEqual({});
    expect(texts.request_correction?.title).toBe(t('workflow.transition.request_correction'));
  });

  it.each(LOCALES)('%s: words a held-back step’s reason and what the draft lacks, as the form did in the browser', (locale) => {
    const t = processTranslator(locale);
    const texts = stepTexts(
      t,
      [
        { name: 'submit_answer', blockedBy: { guard: 'answer_complete', messageKey: 'workflow.guard.answer_complete', params: { missing: ['outcome', 'no_such_code'] } } },
        { name: 'lapse_correction', blockedBy: { guard: 'correction_period_ended', messageKey: 'workflow.guard.correction_period_ended', params: { endsOn: '2026-03-20' } } },
        // A guard without a staff.blocked wording: the guard's own message.
        { name: 'approve_answer', blockedBy: { guard: 'answer_complete_x', messageKey: 'workflow.guard.answer_complete', params: {} } },
      ],
      {},
    );
    expect(texts.submit_answer?.blocked).toEqual({
      reason: t('staff.blocked.answer_complete'),
      missing: [
        { code: 'outcome', label: t('answer.missing.outcome') },
        { code: 'no_such_code', label: 'no_such_code' },
      ],
    });
    expect(texts.lapse_correction?.blocked?.reason).toBe(t('staff.blocked.correction_period_ended', { endsOn: '2026-03-20' }));
    expect(texts.lapse_correction?.blocked?.reason).toContain('2026-03-20');
    expect(texts.approve_answer?.blocked).toEqual({ reason: t('workflow.guard.answer_complete'), missing: [] });
  });
});
