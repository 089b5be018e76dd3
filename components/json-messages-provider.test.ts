import { describe, expect, it } from 'vitest';
import { messagesFor } from '@/lib/i18n/catalogue';
import { CLIENT_MESSAGES, LITE_CLIENT_SETS, type IntlClientMessageSet } from '@/lib/i18n/client-messages';
import { LOCALES } from '@/lib/i18n/config';
import { pickMessages } from '@/lib/i18n/pick-messages';
import { pickedJson } from './client-messages';
import { parseMessages } from './json-messages-provider';

const INTL_SETS = (Object.keys(CLIENT_MESSAGES) as IntlClientMessageSet[]).filter((s) => !(LITE_CLIENT_SETS as readonly string[]).includes(s));

describe('<ClientMessages> as JSON text', () => {
  it.each(LOCALES)('%s: every set arrives in the client provider as the same messages as before', (locale) => {
    const all = messagesFor(locale);
    expect(INTL_SETS).toContain('staffCasePage');
    for (const set of INTL_SETS) {
      const json = pickedJson(all, set);
      // Made once per catalogue and set.
      expect(pickedJson(all, set)).toBe(json);
      const messages = parseMessages(json);
      expect(messages).toEqual(pickMessages(all, CLIENT_MESSAGES[set]));
      expect(Object.keys(messages).length).toBeGreaterThan(0);
    }
  });

  it('parses each text once, shares it frozen, and keeps the locales apart', () => {
    const zh = pickedJson(messagesFor('zh-CN'), 'staffCasePage');
    const en = pickedJson(messagesFor('en'), 'staffCasePage');
    expect(zh).not.toBe(en);
    const a = parseMessages(zh);
    expect(parseMessages(zh)).toBe(a);
    // An equal text of another origin (e.g. the next request's Flight payload) finds the same parse.
    expect(parseMessages(`${zh} `.trimEnd())).toBe(a);
    expect(parseMessages(en)).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    const staff = a.staff as Record<string, unknown>;
    expect(Object.isFrozen(staff)).toBe(true);
    expect(() => {
      staff.case = 'changed';
    }).toThrow(TypeError);
  });

  it('stays bounded whatever texts it is handed', () => {
    for (let i = 0; i < 200; i++) parseMessages(JSON.stringify({ k: String(i) }));
    const zh = pickedJson(messagesFor('zh-CN'), 'staffCasePage');
    expect(parseMessages(zh)).toEqual(pickMessages(messagesFor('zh-CN'), CLIENT_MESSAGES.staffCasePage));
  });
});
