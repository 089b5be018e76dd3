import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Route handlers export only HTTP methods (issue 8, hardening): Next.js answers HEAD from GET, OPTIONS with the
 * exported methods, and any other method (TRACE, made-up ones) with 405. The app's routes serve GET/POST (and
 * refuse HEAD where their GET is audited: `headNotAllowed`, lib/api/audited-downloads.test.ts); the
 * token API (app/api/v1) also exports PUT/PATCH/DELETE on purpose, to answer them with its own JSON 405/404.
 * Every handler goes through a wrapper (withActor, the API's apiRoute) or catches its own errors into
 * errorResponse / apiErrorResponse, except next-auth's own endpoint.
 */
const METHODS = new Set(['GET', 'POST']);
const API_V1_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const ALLOWED_OTHER_EXPORTS = new Set(['dynamic', 'runtime', 'revalidate', 'maxDuration']);

function routes(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routes(p) : e.name === 'route.ts' ? [p] : [];
  });
}

describe('route handler exports', () => {
  const files = routes('app');
  it('finds the routes', () => expect(files.length).toBeGreaterThan(25));

  it.each(files)('%s exports only its methods and guards its errors', (file) => {
    const methods = file.startsWith(path.join('app', 'api', 'v1')) ? API_V1_METHODS : METHODS;
    const source = fs.readFileSync(file, 'utf8');
    const exported = [...source.matchAll(/export\s+(?:const|async function|function)\s+([A-Za-z_]\w*)/g)].map((m) => m[1]);
    const reexported = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((x) => x.trim().split(/\s+as\s+/).pop()!));
    const headRefused = /export const HEAD = headNotAllowed;/.test(source);
    for (const name of [...exported, ...reexported]) expect(methods.has(name) || ALLOWED_OTHER_EXPORTS.has(name) || (name === 'HEAD' && headRefused), `${file} exports ${name}`).toBe(true);
    if (file.includes('[...nextauth]')) return;
    const guarded =
      /withActor(<[^>]*>)?\(|apiRoute(<[^>]*>)?\(/.test(source) ||
      /apiErrorResponse\(|notAllowed|methodNotAllowed/.test(source) ||
      (/try\s*\{/.test(source) && /errorResponse\(|status: 503/.test(source));
    expect(guarded, `${file}: every handler uses withActor or catches into errorResponse`).toBe(true);
  });
});
