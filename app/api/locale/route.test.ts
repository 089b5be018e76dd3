import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { LOCALE_COOKIE_MAX_AGE } from '@/lib/i18n/locale-switch';
import { POST } from './route';

/**
 * POST /api/locale, the language switch that works without script (lib/i18n/locale-switch.ts). Bugs guarded
 * against: a hostile body or header answered with a 500, a cross-site post changing the language (the same
 * Origin rule as every state-changing form), a way back off the site (open redirect), a header injected
 * through the way back, and an unknown locale written into the cookie.
 */

const SITE = 'http://gongkai.example';

function post(body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string | null> = {}): Promise<Response> {
  const bytes: Uint8Array<ArrayBuffer> = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const h: Record<string, string> = {
    host: 'gongkai.example',
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(bytes.length),
    origin: SITE,
    referer: `${SITE}/staff`,
  };
  for (const [k, v] of Object.entries(headers)) {
    if (v === null) delete h[k];
    else h[k] = v;
  }
  return POST(new NextRequest(`${SITE}/api/locale`, { method: 'POST', headers: h, body: bytes }));
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('POST /api/locale', () => {
  it('sets the cookie and sends the browser back to the page with 303', async () => {
    const res = await post(form({ locale: 'en', back: '/staff/cases?overdue=1&sort=due' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/cases?overdue=1&sort=due');
    expect(res.headers.get('set-cookie')).toBe(
      `NEXT_LOCALE=en; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly`,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const zh = await post(form({ locale: 'zh-CN', back: '/track' }));
    expect(zh.headers.get('set-cookie')).toMatch(/^NEXT_LOCALE=zh-CN;/);
  });

  it('without a way back in the form (no script), follows the Referer on this site, else goes home', async () => {
    expect((await post(form({ locale: 'en', back: '' }))).headers.get('location')).toBe('/staff');
    expect(
      (await post(form({ locale: 'en' }), { referer: 'https://evil.example/phish' })).headers.get('location'),
    ).toBe('/');
    expect((await post(form({ locale: 'en' }), { referer: null })).headers.get('location')).toBe('/');
  });

  it.each(
    [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/%0d%0aSet-Cookie:%20a=b',
      '/x\r\nSet-Cookie: a=b',
      `/${'x'.repeat(3000)}`,
    ].map((b) => [b.slice(0, 30), b]),
  )('never redirects off the site nor injects a header: back=%s', async (_, back) => {
    const res = await post(form({ locale: 'en', back }));
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(new URL(location, SITE).origin).toBe(SITE);
    expect(location).not.toMatch(/^\/[\\/]/);
    expect([...res.headers.keys()].filter((k) => k === 'set-cookie')).toHaveLength(1);
    expect(res.headers.get('set-cookie')).toMatch(/^NEXT_LOCALE=en; /);
  });

  it.each([
    ['an unknown locale', form({ locale: 'fr', back: '/' })],
    ['a locale with a NUL byte', form({ locale: 'en\0', back: '/' })],
    ['a locale with cookie attributes', form({ locale: 'en; Domain=evil.example', back: '/' })],
    ['no locale', form({ back: '/' })],
    ['a huge locale', form({ locale: 'e'.repeat(3000) })],
  ])('refuses %s with a message and leaves the cookie alone', async (_, body) => {
    const res = await post(body);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: 'errors.validation' });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a cross-site post, or one without Origin, with a message (the same rule as every form of the site)', async () => {
    for (const origin of ['https://evil.example', 'null', 'not a url', null]) {
      const res = await post(form({ locale: 'en', back: '/' }), { origin });
      expect(res.status, String(origin)).toBe(403);
      expect(await res.json()).toEqual({ error: 'errors.forbidden' });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses a body larger than a switch, or without a declared length, and a malformed one, never with a 500', async () => {
    const big = await post(form({ locale: 'en', back: `/${'x'.repeat(10_000)}` }));
    expect(big.status).toBe(413);
    const chunked = await POST(
      new NextRequest(`${SITE}/api/locale`, {
        method: 'POST',
        headers: { host: 'gongkai.example', origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'locale=en',
      }),
    );
    expect(chunked.status).toBe(411);
    const malformed = await post('--x\r\nnot multipart', { 'content-type': 'multipart/form-data; boundary=zzz' });
    expect(malformed.status).toBe(422);
    const binary = await post(new Uint8Array([0, 0xff, 0xfe, 0x3d, 0x00]));
    expect(binary.status).toBe(422);
  });
});
