/**
 * Request size limits, answered with a clear 413 before Next.js reads the body (Next answers a server action
 * over `serverActions.bodySizeLimit` with a bare 500). Called from proxy.ts for every POST/PUT/PATCH; the
 * reverse proxy in front should have a slightly larger limit of its own (docs/deployment.md). A request
 * without Content-Length (chunked) still meets Next's own limit.
 *
 * Keep MAX_REQUEST_BYTES equal to next.config.js `experimental.serverActions.bodySizeLimit`.
 */

/** 5 application files of 10 MB plus the form (lib/attachments/upload-sniff.ts) and some margin. */
export const MAX_REQUEST_MB = 55;
export const MAX_REQUEST_BYTES = MAX_REQUEST_MB * 1024 * 1024;

/** Paths with their own larger limit: the admin's historical-case import (larger files go through the CLI). */
const LARGER_LIMITS: { prefix: string; mb: number }[] = [{ prefix: '/api/admin/import', mb: 101 }];

export function requestLimitMb(pathname: string): number {
  return LARGER_LIMITS.find((l) => pathname === l.prefix || pathname.startsWith(`${l.prefix}/`))?.mb ?? MAX_REQUEST_MB;
}

const PAGE = (max: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>提交的内容过大 · Request too large</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6">
<h1>提交的内容过大</h1>
<p>一次提交最多 ${max}。请减少或压缩附件后返回上一页重新提交。</p>
<p lang="en">What you sent is too large (at most ${max}). Please go back and send fewer or smaller files.</p>
</body></html>`;

/**
 * A 413 answer when the declared body is over the path's limit, else null. JSON for API routes and
 * scripts, a short bilingual page for browsers.
 */
export function tooLargeResponse(request: Request): Response | null {
  if (!['POST', 'PUT', 'PATCH'].includes(request.method)) return null;
  const declared = request.headers.get('content-length');
  if (declared === null || !/^\d+$/.test(declared.trim())) return null;
  const url = new URL(request.url);
  const mb = requestLimitMb(url.pathname);
  if (Number(declared) <= mb * 1024 * 1024) return null;
  const max = `${mb} MB`;
  const wantsJson = url.pathname.startsWith('/api/') || (request.headers.get('accept') ?? '').includes('application/json');
  const headers = { Connection: 'close', 'Cache-Control': 'no-store' };
  if (url.pathname === '/api/v1' || url.pathname.startsWith('/api/v1/')) {
    // The integration API's error shape (docs/api.md): {code, message} in the caller's language.
    const en = /^\s*en\b/i.test(request.headers.get('accept-language') ?? '');
    const message = en ? `The request body is too large (at most ${max}).` : `请求体过大（最多 ${max}）。`;
    return Response.json({ code: 'too_large', message }, { status: 413, headers });
  }
  if (wantsJson) {
    return Response.json({ error: 'validation.request.too_large', params: { max } }, { status: 413, headers });
  }
  return new Response(PAGE(max), { status: 413, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}
