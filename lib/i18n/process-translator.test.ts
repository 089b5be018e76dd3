import { describe, expect, it, vi } from 'vitest';
import { createTranslator } from 'next-intl';
import { messagesFor } from './catalogue';
import { LOCALES } from './config';
import { fillTemplate, lookupMessage, processTranslator, simpleTemplate } from './process-translator';

/** Every message key of the catalogue (dotted paths to strings). */
function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v as object, `${prefix}${k}.`)));
}

describe('processTranslator', () => {
  it.each(LOCALES)('%s: formats like a fresh per-request translator, twice in a row (the cached parse)', (locale) => {
    const messages = messagesFor(locale);
    const t = processTranslator(locale);
    const samples: [string, Record<string, string | number>][] = [
      ['staff.case.title', { trackingNo: 'GK-2026-000001' }],
      ['staff.deadline.overdueBy', { days: 3 }],
      ['staff.deadline.daysLeft', { days: 1 }],
      ['staff.personRole', { name: '张三', role: '经办人' }],
      ['staff.labelValue', { label: 'A', value: 'B' }],
      ['staff.case.back', {}],
    ];
    for (const [key, values] of samples) {
      const fresh = createTranslator({ locale, messages, timeZone: 'Asia/Shanghai' });
      const expected = fresh(key as never, values as never);
      expect(expected).not.toBe(key);
      expect(t(key, values)).toBe(expected);
      expect(t(key, values)).toBe(expected);
    }
    // Values are applied on every call, never cached with the message.
    expect(t('staff.case.title', { trackingNo: 'A-1' })).not.toBe(t('staff.case.title', { trackingNo: 'B-2' }));
  });

  it('keeps one translator per locale, different for each', () => {
    expect(processTranslator('zh-CN')).toBe(processTranslator('zh-CN'));
    expect(processTranslator('en')).not.toBe(processTranslator('zh-CN'));
    expect(processTranslator('en').locale).toBe('en');
    expect(processTranslator('zh-CN').locale).toBe('zh-CN');
    expect(processTranslator('en')('common.yes')).not.toBe(processTranslator('zh-CN')('common.yes'));
  });

  it('has() answers as next-intl’s has() does, for every key, groups and missing keys', () => {
    const messages = messagesFor('zh-CN');
    const t = processTranslator('zh-CN');
    const fresh = createTranslator({ locale: 'zh-CN', messages, timeZone: 'Asia/Shanghai' });
    const keys = keysOf(messages);
    expect(keys.length).toBeGreaterThan(1000);
    for (const key of keys) expect(t.has(key), key).toBe(true);
    for (const key of ['staff', 'staff.case', 'workflow.event']) expect(t.has(key) && fresh.has(key as never), key).toBe(true);
    for (const key of ['staff.facts.nothing', 'workflow.event.no_such_event', 'nope', 'staff..case', 'staff.case.title.more']) {
      expect(fresh.has(key as never), key).toBe(false);
      expect(t.has(key), key).toBe(false);
    }
    // Stricter than next-intl's lookup, which follows the prototype: a data value naming an Object method is no message.
    for (const key of ['constructor', 'staff.toString', 'workflow.event.__proto__']) expect(t.has(key), key).toBe(false);
    expect(lookupMessage(messages, 'staff.case.back')).toBe(messages.staff && typeof messages.staff === 'object' ? (messages.staff.case as Record<string, string>).back : undefined);
  });

  it.each(LOCALES)('%s: every message with arguments formats as next-intl does, through the simple-message path or not', (locale) => {
    const messages = messagesFor(locale);
    const t = processTranslator(locale);
    let simple = 0;
    for (const key of keysOf(messages)) {
      const message = lookupMessage(messages, key) as string;
      const template = simpleTemplate(message);
      if (!template || template.names.length === 0) continue;
      simple++;
      const fresh = createTranslator({ locale, messages, timeZone: 'Asia/Shanghai' });
      // Strings (empty, with ICU-looking characters, which are values, not syntax), numbers (0, negative, fractions).
      for (const pick of [(i: number) => `值${i}`, () => '', () => "{x} <b> '#'", (i: number) => i, () => 0, () => -1.5]) {
        const values = Object.fromEntries(template.names.map((n, i) => [n, pick(i)]));
        expect(t(key, values), key).toBe(fresh(key as never, values as never));
      }
    }
    expect(simple).toBeGreaterThan(200);
    // A Date value takes next-intl's path: the same result (here its error fallback, the key) as a fresh translator.
    const fresh = createTranslator({ locale, messages, timeZone: 'Asia/Shanghai', onError: () => undefined });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const dated = { trackingNo: new Date('2026-12-05T16:00:00Z') };
    expect(t('staff.case.title', dated)).toBe(fresh('staff.case.title' as never, dated as never));
    quiet.mockRestore();
  });

  it('takes the simple path only for text and {name} arguments', () => {
    expect(simpleTemplate('第{n}条，{ org }')).toEqual({ texts: ['第', '条，', ''], names: ['n', 'org'] });
    expect(simpleTemplate('无参数')).toEqual({ texts: ['无参数'], names: [] });
    for (const m of ["It''s {x}", '{n, plural, one {# day} other {# days}}', '<b>{x}</b>', '{d, date, short}', '{x', 'x}', '{a-b}', '{0}'])
      expect(simpleTemplate(m), m).toBeNull();
    const tpl = simpleTemplate('{a}+{b}')!;
    expect(fillTemplate(tpl, { a: 'x', b: 2 })).toBe('x+2');
    expect(fillTemplate(tpl, { a: 'x' })).toBeUndefined();
    expect(fillTemplate(tpl, { a: 'x', b: new Date(0) })).toBeUndefined();
    // A missing value still reports as next-intl does (its fallback: the key), not an empty text.
    const t = processTranslator('zh-CN');
    const fresh = createTranslator({ locale: 'zh-CN', messages: messagesFor('zh-CN'), timeZone: 'Asia/Shanghai', onError: () => undefined });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(t('staff.case.title', {})).toBe(fresh('staff.case.title' as never, {} as never));
    expect(quiet).toHaveBeenCalled();
    quiet.mockRestore();
  });
});
