/**
 * A HEAD request must not write audit events: Next.js answers HEAD with a route's GET handler when the route
 * exports no HEAD, so every route whose GET records an export or a revealed field exports
 * `HEAD = headNotAllowed`. Found by reading every route file for the calls that audit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headNotAllowed } from '@/lib/api/handler';

/** Calls that write an audit event on a read (directly, or inside the library function named). */
const AUDITING_CALLS = ['recordAudit(', 'exportAuditEvents(', 'renderDeliveryProofPdf(', 'buildArchivePackage('];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return name === 'route.ts' ? [path] : [];
  });
}

const audited = routeFiles('app/api')
  .map((path) => ({ path, text: readFileSync(path, 'utf8') }))
  .filter(({ text }) => /export (const|async function) GET\b/.test(text) && AUDITING_CALLS.some((c) => text.includes(c)));

describe('HEAD on audited downloads', () => {
  it('finds the audited downloads (the scan itself works)', () => {
    const paths = audited.map((a) => a.path);
    expect(paths).toContain(join('app/api/reports/[year]/export/route.ts'));
    expect(paths).toContain(join('app/api/admin/audit/export/route.ts'));
    expect(paths).toContain(join('app/api/staff/documents/[id]/proof/route.ts'));
    expect(paths.length).toBeGreaterThanOrEqual(11);
  });

  it.each(audited.map((a) => [a.path, a.text] as const))('%s exports HEAD = headNotAllowed', (_path, text) => {
    expect(text).toMatch(/export const HEAD = headNotAllowed;/);
  });

  it('answers 405 with Allow: GET and a message key', async () => {
    const res = await headNotAllowed();
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toEqual({ error: 'errors.methodNotAllowed' });
  });
});
