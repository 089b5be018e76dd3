import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/i18n/[file]/route';
import { messagesFor, type Messages } from './catalogue';
import { CLIENT_MESSAGES } from './client-messages';
import { LOCALES } from './config';
import { ASSET_MESSAGE_SETS, INLINE_MESSAGE_SETS, MESSAGES_GLOBAL, messageAssetSrc, refMessages, type MessageSetRef } from './message-asset-ref';
import { buildMessageAsset, IMMUTABLE, lookUpMessageAsset, messageAsset, messageSetRef, STALE } from './message-assets';
import { pickMessages } from './pick-messages';

/**
 * The Pages Router pages' message sets as cached scripts (lib/i18n/message-asset-ref.ts, message-assets.ts,
 * app/i18n/[file]/route.ts). Bugs guarded against: an asset that assigns other messages than the page's set
 * (texts missing or shown as keys after hydration), a hash that does not follow the content (browsers keep a
 * stale set for a year), the messages back in the page's JSON, and a hostile asset name answered with a 500.
 */

/** Runs an asset's script as the browser would (a fresh global) and returns what it assigned. */
function run(body: string): Record<string, Messages> {
  const sandbox: Record<string, unknown> = {};
  sandbox.self = sandbox;
  vm.runInNewContext(body, sandbox);
  return sandbox[MESSAGES_GLOBAL] as Record<string, Messages>;
}

const fileOf = (ref: MessageSetRef) => messageAssetSrc({ ...ref, hash: ref.hash! }).slice('/i18n/'.length);

describe('the assets', () => {
  it.each(LOCALES)('%s: each asset assigns exactly the page’s picked set, and the props carry only its name and hash', (locale) => {
    for (const set of ASSET_MESSAGE_SETS) {
      const picked = pickMessages(messagesFor(locale), CLIENT_MESSAGES[set]);
      const { ref, body } = messageAsset(set, locale);
      const assigned = run(body);
      expect(Object.keys(assigned)).toEqual([`${set}.${locale}`]);
      expect(JSON.parse(JSON.stringify(assigned[`${set}.${locale}`]))).toEqual(picked);
      // The server render reads the same messages from the ref; the page's JSON carries the ref without them.
      expect(ref.messages).toEqual(picked);
      expect(JSON.parse(JSON.stringify({ messages: ref }))).toEqual({ messages: { set, locale, hash: ref.hash } });
      expect(JSON.stringify(ref).length).toBeLessThan(80);
      expect(messageSetRef(set, locale)).toBe(ref);
    }
    // The sets are frozen copies: the catalogue itself, which other code reads, is left as it is.
    expect(Object.isFrozen(messageAsset('home', locale).ref.messages!.home)).toBe(true);
    expect(Object.isFrozen(messagesFor(locale).home)).toBe(false);
  });

  it.each(LOCALES)('%s: /apply’s and /track’s sets stay in the props (no hash, no asset)', (locale) => {
    for (const set of INLINE_MESSAGE_SETS) {
      const ref = messageSetRef(set, locale);
      expect(JSON.parse(JSON.stringify(ref))).toEqual({ set, locale, messages: pickMessages(messagesFor(locale), CLIENT_MESSAGES[set]) });
      expect(refMessages(JSON.parse(JSON.stringify(ref)) as MessageSetRef)).toEqual(ref.messages);
      expect(lookUpMessageAsset(`${set}.${locale}.0123456789abcdef.js`)).toBeNull();
    }
    expect([...ASSET_MESSAGE_SETS, ...INLINE_MESSAGE_SETS].sort()).toEqual(['apply', 'home', 'staffDashboard', 'staffList', 'track']);
  });

  it('names each set and locale apart, and the hash follows the content', () => {
    const hashes = ASSET_MESSAGE_SETS.flatMap((set) => LOCALES.map((locale) => messageAsset(set, locale).ref.hash));
    expect(new Set(hashes).size).toBe(hashes.length);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{16}$/);
    const messages = { app: { name: '公开' } };
    const a = buildMessageAsset('home', 'zh-CN', messages);
    expect(buildMessageAsset('home', 'zh-CN', { app: { name: '公开' } }).ref.hash).toBe(a.ref.hash);
    expect(buildMessageAsset('home', 'zh-CN', { app: { name: '公开 ' } }).ref.hash).not.toBe(a.ref.hash);
    expect(buildMessageAsset('home', 'en', messages).ref.hash).not.toBe(a.ref.hash);
    expect(buildMessageAsset('staffList', 'zh-CN', messages).ref.hash).not.toBe(a.ref.hash);
  });

  it('keeps texts with quotes, backslashes, line separators and </script> intact', () => {
    const messages = { a: { b: '"引号" \\ \u2028 \u2029 </script><script>alert(1)</script> ${x} `' } };
    expect(run(buildMessageAsset('staffDashboard', 'en', messages).body)['staffDashboard.en']).toEqual(messages);
  });
});

describe('the browser side', () => {
  it('takes the messages from the ref on the server, from the asset’s global in the browser', () => {
    const { ref, body } = messageAsset('staffList', 'en');
    expect(refMessages(ref)).toBe(ref.messages);
    // What the browser gets: the JSON of the props, and the global the asset assigned.
    const fromJson = JSON.parse(JSON.stringify(ref)) as MessageSetRef;
    const g = globalThis as { [MESSAGES_GLOBAL]?: Record<string, Messages> };
    expect(refMessages(fromJson)).toEqual({});
    g[MESSAGES_GLOBAL] = run(body);
    try {
      expect(refMessages(fromJson)).toEqual(ref.messages);
      expect(refMessages({ ...fromJson, locale: 'zh-CN' })).toEqual({});
    } finally {
      delete g[MESSAGES_GLOBAL];
    }
  });
});

describe('GET /i18n/<file>', () => {
  // As Next.js calls the handler: the segment decoded into params (the URL itself is not read).
  const get = (file: string) => GET(new Request('http://localhost/i18n/asset'), { params: Promise.resolve({ file }) });

  it('answers the current asset as immutable JavaScript', async () => {
    const { ref, body } = messageAsset('staffList', 'zh-CN');
    const res = await get(fileOf(ref));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toBe(body);
  });

  it('answers a well-formed stale hash (a previous deploy’s document) with the current set, not cached under that name', async () => {
    const { ref, body } = messageAsset('staffDashboard', 'en');
    const stale = ref.hash === '0123456789abcdef' ? 'fedcba9876543210' : '0123456789abcdef';
    const res = await get(fileOf({ ...ref, hash: stale }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(STALE);
    expect(await res.text()).toBe(body);
  });

  it('answers 404, never an error, for unknown sets, locales, malformed hashes and hostile names', async () => {
    const { ref } = messageAsset('home', 'zh-CN');
    const hostile = [
      '',
      'home',
      `auth.zh-CN.${ref.hash}.js`, // a set that is not a Pages page's
      `apply.zh-CN.${ref.hash}.js`, // a set that stays in its document
      `constructor.zh-CN.${ref.hash}.js`,
      `__proto__.zh-CN.${ref.hash}.js`,
      `home.fr.${ref.hash}.js`,
      `home.zh-CN.${ref.hash.toUpperCase()}.js`,
      `home.zh-CN.${ref.hash}x.js`,
      `home.zh-CN.${ref.hash}.json`,
      `home.zh-CN.${ref.hash}.js\u0000`,
      `home\u0000.zh-CN.${ref.hash}.js`,
      `../home.zh-CN.${ref.hash}.js`,
      `home.zh-CN.${ref.hash}.js/../../etc/passwd`,
      `${'a'.repeat(100_000)}.zh-CN.${ref.hash}.js`,
      '%00',
      '\uD800',
    ];
    for (const file of hostile) {
      expect(lookUpMessageAsset(file), file.slice(0, 60)).toBeNull();
      const res = await get(file);
      expect(res.status, file.slice(0, 60)).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});
