import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, MAX_REQUEST_MB, requestLimitMb, tooLargeResponse } from './body-limit';
import fs from 'node:fs';
import path from 'node:path';

const post = (path: string, bytes: number, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-length': String(bytes), ...headers } });

describe('request size limit', () => {
  it('matches the server-action body size limit of next.config.js', () => {
    const config = fs.readFileSync(path.join(process.cwd(), 'next.config.js'), 'utf8');
    expect(/bodySizeLimit:\s*'([^']+)'/.exec(config)?.[1]).toBe(`${MAX_REQUEST_MB}mb`);
  });

  it('answers 413 with a bilingual page for a 60 MB form post', async () => {
    const res = tooLargeResponse(post('/apply', 60 * 1024 * 1024, { accept: 'text/html' }))!;
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain('提交的内容过大');
    expect(html).toContain('55 MB');
  });

  it('answers the integration API in its own error shape, in the caller’s language', async () => {
    const zh = tooLargeResponse(post('/api/v1/cases', MAX_REQUEST_BYTES + 1))!;
    expect(zh.status).toBe(413);
    expect(await zh.json()).toEqual({ code: 'too_large', message: '请求体过大（最多 55 MB）。' });
    const en = tooLargeResponse(post('/api/v1/cases/x/transitions', MAX_REQUEST_BYTES + 1, { 'accept-language': 'en-GB,en;q=0.9' }))!;
    expect(await en.json()).toEqual({ code: 'too_large', message: 'The request body is too large (at most 55 MB).' });
  });

  it('answers JSON for API routes, with the larger import limit', async () => {
    const res = tooLargeResponse(post('/api/reports/jobs', MAX_REQUEST_BYTES + 1))!;
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'validation.request.too_large', params: { max: '55 MB' } });
    expect(requestLimitMb('/api/admin/import')).toBe(101);
    expect(tooLargeResponse(post('/api/admin/import', 80 * 1024 * 1024))).toBeNull();
  });

  it('lets requests within the limit, GETs and undeclared lengths through', () => {
    expect(tooLargeResponse(post('/apply', MAX_REQUEST_BYTES))).toBeNull();
    expect(tooLargeResponse(new Request('http://localhost/apply'))).toBeNull();
    expect(tooLargeResponse(post('/apply', 1, { 'content-length': 'abc' }))).toBeNull();
  });
});
