import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Route handlers export only the methods they serve (issue 8, hardening): Next.js then answers HEAD from GET,
 * OPTIONS with the allowed methods, and any other method (PUT, DELETE, TRACE, made-up ones) with 405 — never
 * a handler that was not meant for it. Every handler goes through the one wrapper (withActor) or catches its
 * own errors into errorResponse (lib/api/handler.ts), except next-auth's own endpoint.
 */
const METHODS = new Set(['GET', 'POST']);
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

  it.each(files)('%s exports only GET/POST and guards its errors', (file) => {
    const source = fs.readFileSync(file, 'utf8');
    const exported = [...source.matchAll(/export\s+(?:const|async function|function)\s+([A-Za-z_]\w*)/g)].map((m) => m[1]);
    const reexported = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((x) => x.trim().split(/\s+as\s+/).pop()!));
    for (const name of [...exported, ...reexported]) expect(METHODS.has(name) || ALLOWED_OTHER_EXPORTS.has(name), `${file} exports ${name}`).toBe(true);
    if (file.includes('[...nextauth]')) return;
    const guarded = /withActor(<[^>]*>)?\(/.test(source) || (/try\s*\{/.test(source) && /errorResponse\(|status: 503/.test(source));
    expect(guarded, `${file}: every handler uses withActor or catches into errorResponse`).toBe(true);
  });
});
