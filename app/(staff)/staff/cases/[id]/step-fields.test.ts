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
    const texts = stepTexts(t, TRANSITION_NAMES, accepted);
    for (const name of TRANSITION_NAMES) {
      const text = texts[name];
      expect(text?.title, name).toBe(t(`workflow.transition.${name}`));
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
    const texts = stepTexts(t, ['claim', 'request_correction'], { claim: [] });
    expect(Object.keys(texts).sort()).toEqual(['claim', 'request_correction']);
    expect(texts.request_correction?.fields).toEqual({});
    expect(texts.request_correction?.title).toBe(t('workflow.transition.request_correction'));
  });
});
