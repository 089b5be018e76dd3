/**
 * The App Router's fetches of the Pages Router's citizen pages (lib/portal/pages-routes.ts) are answered by
 * proxy.ts with 204 and no body, so its prefetches end at once and its navigations load the document; the
 * documents themselves, and the App Router's fetches of its own pages, pass through.
 */
import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { PAGES_ROUTES, isAppRouterFetchOfPagesRoute } from './pages-routes';

const get = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://gongkai.example${path}`, { headers }));

describe('Pages Router citizen pages and the App Router', () => {
  it('names exactly the three citizen pages and the two staff pages', () => {
    expect([...PAGES_ROUTES].sort()).toEqual(['/', '/apply', '/staff', '/staff/cases', '/track']);
  });

  it('recognises a script’s fetch of them (Fetch Metadata, or RSC where visible), with or without a trailing slash, and nothing else', () => {
    const fetches = [new Headers({ rsc: '1' }), new Headers({ 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' }), new Headers({ 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'same-origin' })];
    for (const h of fetches) {
      for (const p of ['/', '/apply', '/track', '/apply/', '/staff', '/staff/cases', '/staff/cases/']) expect(isAppRouterFetchOfPagesRoute(p, h), p).toBe(true);
      for (const p of ['/signin', '/track/GK2026-ABCDEFGH', '/applyx', '/my', '/staff/queue', '/staff/cases/new', '/staff/cases/0190a1b2-0000-7000-8000-000000000000']) expect(isAppRouterFetchOfPagesRoute(p, h), p).toBe(false);
    }
    // Document loads: a browser's navigation, and clients without Fetch Metadata (curl, monitors, the bench).
    expect(isAppRouterFetchOfPagesRoute('/apply', new Headers({ 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' }))).toBe(false);
    expect(isAppRouterFetchOfPagesRoute('/apply', new Headers())).toBe(false);
    expect(isAppRouterFetchOfPagesRoute('/apply', new Headers({ rsc: '0' }))).toBe(false);
  });

  it('proxy.ts answers such a fetch with 204, no body, the CSP and no-store', async () => {
    for (const p of ['/', '/apply?_rsc=abc', '/track', '/staff', '/staff/cases?status=open']) {
      const res = await get(p, { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors', 'next-router-prefetch': '1' });
      expect(res.status, p).toBe(204);
      expect(await res.text()).toBe('');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-middleware-next')).toBeNull();
    }
  });

  it('passes the documents, and the App Router’s fetches of its own pages, through', async () => {
    for (const [p, headers] of [
      ['/apply', {}],
      ['/', { accept: 'text/html', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' }],
      ['/signin', { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' }],
      ['/track/GK2026-ABCDEFGH', { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' }],
      ['/staff/queue', { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' }],
    ] as const) {
      const res = await get(p, headers);
      expect(res.headers.get('x-middleware-next'), p).toBe('1');
      expect(res.headers.get('content-security-policy')).toContain('nonce-');
    }
  });
});
