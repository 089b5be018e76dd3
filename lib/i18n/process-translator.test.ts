import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import { messagesFor } from './catalogue';
import { LOCALES } from './config';
import { lookupMessage, processTranslator } from './process-translator';

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
});
