import { describe, expect, it } from 'vitest';
import { pickMessages } from './pick-messages';
import { messagesFor } from './catalogue';
import { CLIENT_MESSAGES } from './client-messages';

describe('pickMessages', () => {
  const all = { a: { b: { c: 'x', d: 'y' }, e: 'z' }, f: 'w', g: { h: 'v' } };

  it('keeps only the named subtrees, nested as before', () => {
    expect(pickMessages(all, ['a.b.c', 'g'])).toEqual({ a: { b: { c: 'x' } }, g: { h: 'v' } });
    expect(pickMessages(all, ['a.b', 'a.e'])).toEqual({ a: { b: { c: 'x', d: 'y' }, e: 'z' } });
  });

  it('ignores keys that name nothing', () => {
    expect(pickMessages(all, ['nope', 'a.nope', 'f.deeper'])).toEqual({});
  });
});

describe('client message sets', () => {
  it('name only keys that exist in both locales', () => {
    for (const [name, keys] of Object.entries(CLIENT_MESSAGES)) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const picked = pickMessages(messagesFor(locale), keys);
        const missing = keys.filter((k) => k.split('.').reduce<unknown>((m, p) => (m as Record<string, unknown> | undefined)?.[p], picked) === undefined);
        expect(missing, `${name} ${locale}`).toEqual([]);
      }
    }
  });

  it('are much smaller than the whole catalogue for the citizen pages', () => {
    const whole = JSON.stringify(messagesFor('zh-CN')).length;
    for (const name of ['apply', 'track', 'portalCase', 'auth'] as const) {
      expect(JSON.stringify(pickMessages(messagesFor('zh-CN'), CLIENT_MESSAGES[name])).length).toBeLessThan(whole / 3);
    }
  });
});
