import { describe, expect, it } from 'vitest';
import { messagesFor } from '@/lib/i18n/catalogue';
import { LOCALES } from '@/lib/i18n/config';
import { OUTCOMES } from '@/lib/law/ids';
import { OUTCOME_DOCUMENT_TEXT } from '@/lib/documents/outcome-text';
import { SECTION3_ROWS } from '@/lib/statistics/layouts';

// The annual table's row label of 部分公开 carries a counting instruction for the report
// ("区分处理的，只计这一情形，不计其他情形"). Applicants, letters and staff pages name the outcome only.
const COUNTING_INSTRUCTION = /只计|不计其他|counts? here only|nowhere else/i;

describe('outcome labels outside the annual table', () => {
  it.each(LOCALES)('%s: no outcome label carries the table’s counting instruction', (locale) => {
    const labels = (messagesFor(locale).outcome ?? {}) as Record<string, string>;
    for (const o of OUTCOMES) {
      expect(typeof labels[o], o).toBe('string');
      expect(labels[o], o).not.toMatch(COUNTING_INSTRUCTION);
    }
    expect(labels.partially_granted).toBe(locale === 'zh-CN' ? '部分公开' : 'Partially granted (information separated)');
  });

  it('letters name the outcome without it either', () => {
    for (const o of Object.keys(OUTCOME_DOCUMENT_TEXT) as (keyof typeof OUTCOME_DOCUMENT_TEXT)[]) {
      expect(OUTCOME_DOCUMENT_TEXT[o].label, o).not.toMatch(COUNTING_INSTRUCTION);
    }
  });

  it('the annual table itself keeps the instruction (its official row label)', () => {
    expect(JSON.stringify(SECTION3_ROWS['2021'])).toMatch(/只计这一情形/);
  });
});
