import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { NOT_FOUND_PATH, hasMalformedPercentEncoding } from '@/lib/http/malformed-path';

describe('paths with malformed percent-encoding', () => {
  it('are recognised; well-formed encodings (NUL, slashes, Chinese) are not', () => {
    for (const p of ['/reports/%ff/2025', '/reports/%E0%A4%A/2025', '/track/%', '/x/%zz', '/%C0%AF']) expect(hasMalformedPercentEncoding(p), p).toBe(true);
    for (const p of ['/reports/SFS/2025', '/reports/%00/2025', '/reports/..%2F..%2Fetc/2025', '/reports/%E7%A4%BA/2025', '/']) expect(hasMalformedPercentEncoding(p), p).toBe(false);
  });

  it('get the 404 page (a rewrite to a path no route has) or a JSON 404 under /api, with the security headers', async () => {
    const page = await proxy(new NextRequest('http://gongkai.example/reports/%ff/2025'));
    expect(page.headers.get('x-middleware-rewrite')).toBe(`http://gongkai.example${NOT_FOUND_PATH}`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const api = await proxy(new NextRequest('http://gongkai.example/api/public/reports/%ff/2025/json'));
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'errors.notFound' });
    expect(api.headers.get('content-security-policy')).toContain("default-src 'self'");
    const fine = await proxy(new NextRequest('http://gongkai.example/reports/SFS/2025'));
    expect(fine.headers.get('x-middleware-next')).toBe('1');
  });
});
