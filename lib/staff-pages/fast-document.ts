/**
 * The staff dashboard and case register written by our HTTP server itself, without Next's request pipeline
 * (issue 13 item 6: the overdue and due-soon views within 2 × their SQL floor).
 *
 * Why: profiles of /staff/cases show the page's own work — its session check, reads and rows — at a small
 * part of a request; Next's routing, its streaming render of the Pages document (React's web-stream renderer,
 * twice: the page and the document) and the stream plumbing to the socket cost several times more. The page
 * body rendered with React's `renderToString` is a fraction of the streamed render's cost.
 *
 * How, without changing what the browser gets: the front door (lib/security/front-door.ts) calls
 * serveFastStaffPage for a GET of a page that registered itself (lib/staff-pages/fast-pages.ts). It runs the
 * page's own getServerSideProps (same session check, same reads, same props) and renders the page's body
 * with the page module's own React. The document around the body — `<html>`, the head with Next's scripts,
 * `__NEXT_DATA__` — comes from a template learnt from Next: the first request for a page, language, title and
 * message set is served by Next as before while this module records Next's answer, builds its own answer for
 * the same request, and keeps the template only if the two are byte for byte the same (the request's nonce
 * aside). Until then, and for ever if they differ (a Next or React upgrade that writes documents otherwise),
 * Next serves the page: the fast path can be missing, never different. The head depends on nothing but the
 * page, its language, title and message set (pages/_document.tsx) — the template's key — and the build.
 * Only `props` and `query` of `__NEXT_DATA__` are the request's; the rest (buildId, page, flags) is Next's.
 *
 * Responses carry Next's headers for the page (learnt with the template), the front door's security headers
 * and session renewal, and are compressed as Next compresses them (Next's own `compression`). Redirects
 * (signed out) and the 404 page (no staff role) are left to Next. GONGKAI_FAST_PAGES=0 turns this off.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { GetServerSidePropsContext } from 'next';
import { getCookieParser } from 'next/dist/server/api-utils/get-cookie-parser';
import { stripInternalQueries } from 'next/dist/server/internal-utils';
import { releaseCompressionStream } from 'next/dist/server/lib/release-compression-stream';
import { htmlEscapeJsonString } from 'next/dist/shared/lib/htmlescape';
import { searchParamsToUrlQuery } from 'next/dist/shared/lib/router/utils/querystring';
import { componentLog, errorFields } from '@/lib/log';
import { registeredFastPage } from './fast-pages';
import type { StaffPageRequest } from './server';

const logger = componentLog('fast-pages');

const BODY_OPEN = '<div id="__next">';
const DATA_OPEN = '<script id="__NEXT_DATA__"';
const BODY_CLOSE = '</div>';

interface NextData {
  props: Record<string, unknown>;
  [key: string]: unknown;
}

/** A document learnt from Next for one page, language, title and message set. */
export interface Template {
  /** Up to and including `<div id="__next">`, split at the nonce. */
  head: string[];
  /** From `</div>` to the end of the `__NEXT_DATA__` opening tag, split at the nonce. */
  dataOpen: string[];
  /** After the JSON: `</script></body></html>`. */
  tail: string;
  /** Next's `__NEXT_DATA__` object (its keys' order, buildId, page and flags), its `pageProps` and `query` emptied. */
  data: NextData;
  /** The headers Next set on the page's response (not the front door's, not per response). */
  headers: [string, number | string | string[]][];
}

/** Marks a response written here (for operators and tests); Next's answers do not carry it. */
export const RENDER_HEADER = 'X-Gongkai-Render';

const templates = new Map<string, Template>();
const failures = new Map<string, number>();
/**
 * Learning stops for a page after this many documents in a row that differ from Next's: it stays with Next.
 * (A case changed between the two reads of one learning request also makes them differ, hence more than one.)
 */
const MAX_FAILURES = 10;
/** Pages whose documents differed from Next's MAX_FAILURES times (a shape we do not reproduce). */
const givenUp = new Set<string>();
const MAX_TEMPLATES = 64;
/** Headers of Next's answer that are the response's own, not the page's. */
const PER_RESPONSE = new Set(['set-cookie', 'content-length', 'content-encoding', 'transfer-encoding', 'date', 'connection', 'keep-alive', 'etag', 'last-modified']);

type Compression = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
let compress: Compression | null = null;
/** Next's own compression middleware, as Next's server makes it (gzip or deflate as the client accepts, ≥ 1 KB). */
async function compression(): Promise<Compression> {
  if (!compress) {
    // @ts-expect-error -- Next's vendored copy of `compression` has no type declarations.
    const { default: make } = (await import('next/dist/compiled/compression')) as { default: () => Compression };
    compress = make();
  }
  return compress;
}

/**
 * On in production unless GONGKAI_FAST_PAGES=0. Off in development: a page registers itself only when Next runs
 * its getServerSideProps, so an edited page would keep being written from its old module.
 */
export function fastPagesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GONGKAI_FAST_PAGES !== '0' && env.NODE_ENV === 'production';
}

/** A request header that leaves one request to Next (to compare the two answers, or to diagnose). */
export const RENDER_BY_NEXT = { name: 'x-gongkai-render', value: 'next' } as const;

/** For tests: what was learnt, and a way to forget it. */
export function fastPageTemplates(): ReadonlyMap<string, Template> {
  return templates;
}
export function forgetFastPageTemplates(): void {
  templates.clear();
  failures.clear();
  givenUp.clear();
}

/**
 * Answers a GET of a registered staff page (see above) and returns true, or returns false and leaves the
 * request to Next: no page registered (Next has not served it yet), not the page itself (a redirect or the
 * 404 page), no template yet (this request's answer from Next is then learnt from), or any failure.
 */
/**
 * A page request as Next reads it for getServerSideProps — its cookies by Next's parser, its language, its
 * query by Next's parser without Next's internal parameters (the App Router's `_rsc`) — read once by the front
 * door for the page's early read (lib/staff-pages/registry.ts) and for serveFastStaffPage.
 */
export function nextPageRequest(req: IncomingMessage, search: string): StaffPageRequest {
  const query = searchParamsToUrlQuery(new URLSearchParams(search));
  stripInternalQueries(query);
  const accept = req.headers['accept-language'];
  return { cookies: getCookieParser(req.headers)(), acceptLanguage: accept, query };
}

export async function serveFastStaffPage(req: IncomingMessage, res: ServerResponse, pathname: string, request: StaffPageRequest, nonce: string): Promise<boolean> {
  const page = registeredFastPage(pathname);
  if (!page || givenUp.has(pathname) || req.headers[RENDER_BY_NEXT.name] === RENDER_BY_NEXT.value) return false;
  let html: string;
  let template: Template | undefined;
  let gzip: Compression;
  try {
    const { query } = request;
    // What Next hands getServerSideProps: the request with its cookies parsed by Next's parser, the query.
    Object.defineProperty(req, 'cookies', { value: request.cookies, configurable: true, enumerable: true, writable: true });
    const status = { statusCode: 200 };
    const ctx = { req, res: status, query, resolvedUrl: req.url ?? pathname, params: undefined } as unknown as GetServerSidePropsContext;
    const result = await page.getServerSideProps(ctx);
    if (!('props' in result) || status.statusCode !== 200) return false;
    const props = (await result.props) as Record<string, unknown>;
    if (props.notFound) return false;
    const key = JSON.stringify([pathname, props.locale, props.title, props.messages]);
    const body = page.render(props);
    template = templates.get(key);
    if (!template) {
      learnFromNext(res, pathname, key, props, query, body, nonce);
      return false;
    }
    html = documentFrom(template, props, query, body, nonce);
    gzip = await compression();
  } catch (e) {
    logger.error({ path: pathname, ...errorFields(e) }, '[fast-pages] failed; left to Next');
    return false;
  }
  // Writing: from here on the request is ours, whatever happens.
  try {
    for (const [name, value] of template.headers) res.setHeader(name, Array.isArray(value) ? [...value] : value);
    res.setHeader(RENDER_HEADER, 'direct');
    res.statusCode = 200;
    gzip(req, res, () => undefined);
    // As Next's server does: a client gone before the end leaves the zlib stream paused for ever otherwise.
    res.once('close', () => {
      if (!res.writableFinished) releaseCompressionStream(res);
    });
    res.end(html);
  } catch (e) {
    logger.error({ path: pathname, ...errorFields(e) }, '[fast-pages] failed while writing');
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  }
  return true;
}

/** The document for a request from a learnt template. */
export function documentFrom(t: Template, props: Record<string, unknown>, query: unknown, body: string, nonce: string): string {
  const data = { ...t.data, props: { ...t.data.props, pageProps: props }, query };
  return t.head.join(nonce) + body + t.dataOpen.join(nonce) + htmlEscapeJsonString(JSON.stringify(data)) + t.tail;
}

/** One more document of `pathname` that differs from Next's; at MAX_FAILURES the page stays with Next. */
function failed(pathname: string): void {
  const n = (failures.get(pathname) ?? 0) + 1;
  failures.set(pathname, n);
  if (n >= MAX_FAILURES && !givenUp.has(pathname)) {
    givenUp.add(pathname);
    logger.warn({ page: pathname }, '[fast-pages] our document differs from Next’s; this page stays with Next');
  }
}

/** Next's document split into a template, or null when it is not shaped as a Pages document. */
export function templateFrom(html: string, nonce: string, headers: Template['headers']): Template | null {
  const open = html.indexOf(BODY_OPEN);
  const data = html.lastIndexOf(DATA_OPEN);
  if (open < 0 || data < open || html.slice(data - BODY_CLOSE.length, data) !== BODY_CLOSE) return null;
  const jsonStart = html.indexOf('>', data) + 1;
  const jsonEnd = html.indexOf('</script>', jsonStart);
  if (jsonStart <= 0 || jsonEnd < 0) return null;
  const parsed = JSON.parse(html.slice(jsonStart, jsonEnd)) as unknown;
  if (!parsed || typeof parsed !== 'object' || !('props' in parsed) || typeof parsed.props !== 'object' || parsed.props === null) return null;
  const tail = html.slice(jsonEnd);
  if (nonce === '' || tail.includes(nonce)) return null;
  // Fields Next writes only for some requests (dynamic imports, next/script, preview mode): a document
  // with them is not one whose frame is the same for every request.
  const next = parsed as NextData;
  if (next.dynamicIds !== undefined || next.isPreview !== undefined || (Array.isArray(next.scriptLoader) && next.scriptLoader.length > 0)) return null;
  return {
    head: html.slice(0, open + BODY_OPEN.length).split(nonce),
    dataOpen: html.slice(data - BODY_CLOSE.length, jsonStart).split(nonce),
    tail,
    // Nothing of the learning request is kept: its page props and query are written afresh for each request.
    data: { ...next, props: { ...next.props, pageProps: {} }, query: {} },
    headers,
  };
}

/**
 * Records Next's answer to this request and, once sent, keeps it as the key's template if our document for
 * the same request is the same. Next's compression sits in front of what is recorded: the bytes are
 * decompressed first.
 */
function learnFromNext(res: ServerResponse, pathname: string, key: string, props: Record<string, unknown>, query: unknown, body: string, nonce: string): void {
  const before = new Set(res.getHeaderNames());
  const chunks: Buffer[] = [];
  const bytesOf = (chunk: unknown, encoding: unknown) =>
    typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : chunk instanceof Uint8Array ? Buffer.from(chunk) : null;
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    const b = bytesOf(chunk, rest[0]);
    if (b) chunks.push(b);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse['write'];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    const b = typeof chunk === 'function' ? null : bytesOf(chunk, rest[0]);
    if (b) chunks.push(b);
    return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse['end'];
  res.once('finish', () => {
    try {
      if (res.statusCode !== 200) return;
      const raw = Buffer.concat(chunks);
      const encoding = String(res.getHeader('content-encoding') ?? 'identity');
      const bytes = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : raw;
      const html = bytes.toString('utf8');
      const headers = res
        .getHeaderNames()
        .filter((name) => !before.has(name) && !PER_RESPONSE.has(name))
        .map((name): [string, number | string | string[]] => [name, res.getHeader(name)!]);
      const template = templateFrom(html, nonce, headers);
      if (template && documentFrom(template, props, query, body, nonce) === html) {
        if (templates.size >= MAX_TEMPLATES && !templates.has(key)) templates.delete(templates.keys().next().value!);
        templates.set(key, template);
        failures.delete(pathname);
        return;
      }
      failed(pathname);
    } catch (e) {
      failed(pathname);
      logger.error(errorFields(e), '[fast-pages] could not learn the document');
    }
  });
}
