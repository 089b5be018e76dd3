import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { flatKeys, messagesFor } from './catalogue';
import { CLIENT_MESSAGES, LITE_CLIENT_SETS } from './client-messages';
import { formatMessage, messageAt } from './lite-format';
import { pickMessages } from './pick-messages';

/** Values for every placeholder a message may use: numbers for plural/number arguments, text otherwise. */
function sampleValues(message: string, n: number): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const m of message.matchAll(/\{\s*(\w+)\s*(?:,\s*(\w+))?/g)) {
    if (m[2] === 'plural' || m[2] === 'number') values[m[1]] = n;
    else if (!(m[1] in values)) values[m[1]] = `«${m[1]}»`;
  }
  return values;
}

describe('formatMessage (the citizen pages’ translator)', () => {
  it('formats every message of the citizen sets (and the report page, whose drill-down labels use it) as next-intl does, in both locales', () => {
    let checked = 0;
    for (const locale of ['zh-CN', 'en'] as const) {
      const messages = pickMessages(messagesFor(locale), [...new Set([...LITE_CLIENT_SETS.flatMap((s) => CLIENT_MESSAGES[s]), 'report.page'])]);
      const t = createTranslator({ locale, messages });
      for (const key of flatKeys(messages)) {
        const message = messageAt(messages, key)!;
        for (const n of [0, 1, 2, 1234]) {
          const values = sampleValues(message, n);
          expect(formatMessage(message, values, locale), `${locale} ${key} n=${n}`).toBe(t(key as never, values as never));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('handles plural, select, exact matches and apostrophe quoting like ICU', () => {
    const cases: [string, Record<string, string | number>][] = [
      ['{count, plural, =0 {none} one {# item} other {# items}} left', { count: 0 }],
      ['{count, plural, =0 {none} one {# item} other {# items}} left', { count: 1 }],
      ['{count, plural, one {# item} other {# items}}', { count: 12345 }],
      ['{kind, select, person {Person {name}} other {Organisation}}', { kind: 'person', name: '张三' }],
      ['{kind, select, person {Person} other {Organisation}}', { kind: 'x' }],
      ["It''s '{literal}' and it's {v}", { v: 3 }],
      ['{n, number} of {total}', { n: 1234567, total: 1234567 }],
      ["{n, plural, other {'#' is # here}}", { n: 5 }],
      ['no placeholders at all', {}],
    ];
    for (const [message, values] of cases) {
      for (const locale of ['zh-CN', 'en']) {
        const t = createTranslator({ locale, messages: { m: message } });
        expect(formatMessage(message, values, locale), `${locale} ${message}`).toBe(t('m', values as never));
      }
    }
  });

  it('returns null (the caller shows the key) for syntax outside its subset or a missing value', () => {
    expect(formatMessage('{when, date, short}', { when: 1 }, 'en')).toBeNull();
    expect(formatMessage('{n, plural, offset:1 other {#}}', { n: 1 }, 'en')).toBeNull();
    expect(formatMessage('unbalanced }', {}, 'en')).toBeNull();
    expect(formatMessage('{open', {}, 'en')).toBeNull();
    expect(formatMessage('Hello {name}', {}, 'en')).toBeNull();
    expect(formatMessage('{n, plural, one {x}}', { n: 1 }, 'en')).toBeNull();
  });
});
