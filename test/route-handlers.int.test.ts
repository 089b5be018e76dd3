/**
 * Every route handler under app/api, called as Next.js calls it (a NextRequest and its params) with hostile
 * requests (issue 8 items 1, 5, 7; the hunt of the hardening task): no session, the wrong role, another
 * organisation's staff, ids that are not ids (NUL bytes, 10,000 characters, SQL), odd and huge query values,
 * JSON bodies that are not objects or not JSON at all, form bodies that are not forms, and state-changing
 * requests with a missing, foreign or forged Origin / X-Forwarded-Host. Asserted: never a 5xx, the right
 * refusals (404 without access, 403 cross-site, 4xx for bad input), and downloads with a well-formed
 * Content-Disposition.
 *
 * Stand-ins: Next's request scope (next/headers: one client's headers and cookies; the signed-in user of a
 * test step holds a real next-auth session cookie, encoded with next-auth's own encoder under the current
 * epoch, so getActor decodes and checks it as in production) and next-intl's server translator (the
 * catalogue in Chinese). Handlers, library and database are real.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const scope = vi.hoisted(() => ({
  headers: new Headers({ host: 'localhost' }),
  cookies: new Map<string, string>(),
}));

vi.mock('next/headers', () => {
  const jar = {
    get: (name: string) => (scope.cookies.has(name) ? { name, value: scope.cookies.get(name)! } : undefined),
    getAll: () => [...scope.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => scope.cookies.has(name),
    set: (nameOrCookie: string | { name: string; value: string }, value?: string) => {
      if (typeof nameOrCookie === 'string') scope.cookies.set(nameOrCookie, value ?? '');
      else scope.cookies.set(nameOrCookie.name, nameOrCookie.value);
    },
    delete: (name: string) => scope.cookies.delete(name),
  };
  return { headers: async () => scope.headers, cookies: async () => jar, draftMode: async () => ({ isEnabled: false }) };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, unstable_cache: <T>(fn: T) => fn }));
vi.mock('next-intl/server', async (original) => {
  const { createTranslator } = await import('next-intl');
  const { messagesFor } = await import('@/lib/i18n/catalogue');
  const t = () => createTranslator({ locale: 'zh-CN', messages: messagesFor('zh-CN') as never, onError: () => undefined });
  return {
    ...(await original<typeof import('next-intl/server')>()),
    getTranslations: async (ns?: string | { namespace?: string }) => {
      const namespace = typeof ns === 'string' ? ns : ns?.namespace;
      return namespace ? createTranslator({ locale: 'zh-CN', messages: messagesFor('zh-CN') as never, namespace: namespace as never, onError: () => undefined }) : t();
    },
    getLocale: async () => 'zh-CN',
  };
});

import ExcelJS from 'exceljs';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { LETTER, PORTAL_FORM, at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { LIMITS, ipKey, reset } from '@/lib/rate-limit';
import { isSameOrigin } from '@/lib/api/handler';
import { lockPeriod, unlockPeriod } from '@/lib/reports/period-lock';
import * as auditExport from '@/app/api/admin/audit/export/route';
import * as importStart from '@/app/api/admin/import/route';
import * as importAppeals from '@/app/api/admin/import/appeals/route';
import * as importJob from '@/app/api/admin/import/[id]/route';
import * as importTemplate from '@/app/api/admin/import/template/route';
import * as seal from '@/app/api/admin/organisations/[id]/seal/route';
import * as qualityExport from '@/app/api/admin/quality/export/route';
import * as supervisionExport from '@/app/api/admin/supervision/export/route';
import * as health from '@/app/api/health/route';
import * as portalDocument from '@/app/api/portal/cases/[id]/documents/[documentId]/route';
import * as portalFile from '@/app/api/portal/cases/[id]/files/[fileId]/route';
import * as portalReceipt from '@/app/api/portal/cases/[id]/receipt/route';
import * as portalOrgs from '@/app/api/portal/orgs/route';
import * as portalApply from '@/app/api/portal/apply/route';
import * as portalSession from '@/app/api/portal/session/route';
import * as portalTrack from '@/app/api/portal/track/route';
import * as publicReport from '@/app/api/public/reports/[org]/[year]/[format]/route';
import { publishReport } from '@/lib/reports/report-publication';
import * as reportExport from '@/app/api/reports/[year]/export/route';
import * as fullReport from '@/app/api/reports/[year]/full/route';
import * as drill from '@/app/api/reports/drill/route';
import * as reportJobFile from '@/app/api/reports/jobs/[id]/file/route';
import * as reportJob from '@/app/api/reports/jobs/[id]/route';
import * as reportJobs from '@/app/api/reports/jobs/route';
import * as staffAttachment from '@/app/api/staff/attachments/[id]/route';
import * as staffCaseAudit from '@/app/api/staff/audit/cases/[id]/route';
import * as staffAudit from '@/app/api/staff/audit/route';
import * as staffReceipt from '@/app/api/staff/cases/[id]/receipt/route';
import * as approvalSheet from '@/app/api/staff/cases/[id]/approval-sheet/route';
import * as deliveryProof from '@/app/api/staff/documents/[id]/proof/route';
import * as staffDocx from '@/app/api/staff/documents/[id]/docx/route';
import * as staffDocument from '@/app/api/staff/documents/[id]/route';
import * as clerkPicker from '@/app/api/staff/pickers/clerks/route';
import * as orgPicker from '@/app/api/staff/pickers/orgs/route';
import * as registerExportFile from '@/app/api/staff/register-exports/[id]/file/route';
import * as registerExport from '@/app/api/staff/register-exports/[id]/route';
import * as registerExports from '@/app/api/staff/register-exports/route';

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface Call {
  method?: string;
  path: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: BodyInit | null;
}

async function call(handler: unknown, c: Call): Promise<Response> {
  const req = new NextRequest(new URL(c.path, 'http://localhost'), {
    method: c.method ?? 'GET',
    headers: { host: 'localhost', ...(c.method && c.method !== 'GET' ? { origin: 'http://localhost' } : {}), ...c.headers },
    body: c.body ?? null,
  });
  return (handler as Handler)(req, { params: Promise.resolve(c.params ?? {}) });
}

let orgs: OrgTree;
let clerk: Actor;
let outsider: Actor;
let admin: Actor;
let applicant: Actor;
let caseId: string;
let rootCode: string;

/** The session cookie of the actor (as next-auth issues it at sign-in), or none. */
async function signInAs(actor: Actor | null): Promise<void> {
  scope.cookies.delete('next-auth.session-token');
  if (!actor) return;
  const { sessionEpoch } = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { sessionEpoch: true } });
  const token = await encode({
    token: { uid: actor.id, role: actor.role, orgId: actor.orgId, orgPath: actor.orgPath, epoch: sessionEpoch, authTime: Math.floor(Date.now() / 1000) },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  scope.cookies.set('next-auth.session-token', token);
}

/** Ids that are not ids. */
const BAD_IDS = ['x', '\u0000', `${randomUUID()}\u0000`, 'a'.repeat(10_000), "' OR 1=1 --", '../../etc/passwd', '%00', '１２３', '-1', '99999999999999999999', '\ud800'];

/** Query values that are not values. */
const BAD_VALUES = ['', '\u0000', 'x'.repeat(20_000), '9999-12-31', '0000-00-00', '2026-02-30', '-1', '1e400', 'NaN', "'; DROP TABLE cases; --", '\ud800', '\u202e'];

const results: { label: string; status: number }[] = [];

async function expectNo5xx(label: string, res: Response | Promise<Response>): Promise<Response> {
  const r = await res;
  results.push({ label, status: r.status });
  expect(r.status, `${label} answered ${r.status}`).toBeLessThan(500);
  return r;
}

/** The staff and admin GET routes with an `[id]` segment. */
const ID_ROUTES: [string, unknown, string][] = [
  ['admin import job', importJob.GET, '/api/admin/import/{id}'],
  ['report job', reportJob.GET, '/api/reports/jobs/{id}'],
  ['report job file', reportJobFile.GET, '/api/reports/jobs/{id}/file'],
  ['attachment', staffAttachment.GET, '/api/staff/attachments/{id}'],
  ['case events CSV', staffCaseAudit.GET, '/api/staff/audit/cases/{id}'],
  ['receipt', staffReceipt.GET, '/api/staff/cases/{id}/receipt'],
  ['approval sheet', approvalSheet.GET, '/api/staff/cases/{id}/approval-sheet'],
  ['delivery proof', deliveryProof.GET, '/api/staff/documents/{id}/proof'],
  ['document PDF', staffDocument.GET, '/api/staff/documents/{id}'],
  ['document DOCX', staffDocx.GET, '/api/staff/documents/{id}/docx'],
  ['register export', registerExport.GET, '/api/staff/register-exports/{id}'],
  ['register export file', registerExportFile.GET, '/api/staff/register-exports/{id}/file'],
  ['seal', seal.GET, '/api/admin/organisations/{id}/seal'],
];

/** The staff and admin GET routes driven by the query string, with their usual parameters. */
const QUERY_ROUTES: [string, unknown, string, Record<string, string>][] = [
  ['audit export', auditExport.GET, '/api/admin/audit/export', { format: 'csv', actor: '', type: '', from: '', to: '', target: '' }],
  ['import template', importTemplate.GET, '/api/admin/import/template', { format: 'xlsx' }],
  ['quality export', qualityExport.GET, '/api/admin/quality/export', { org: 'ROOT', subtree: '1', year: '2026' }],
  ['supervision export', supervisionExport.GET, '/api/admin/supervision/export', { org: 'ROOT', subtree: '1', from: '2026-01-01', to: '2026-03-31' }],
  ['report drill', drill.GET, '/api/reports/drill', { year: '2026', org: 'ROOT', subtree: '1', row: 'granted', column: 'total' }],
  ['report drill 四', drill.GET, '/api/reports/drill', { year: '2026', org: 'ROOT', subtree: '1', block: 'administrative_review', column: 'upheld' }],
  ['case events by range', staffAudit.GET, '/api/staff/audit', { from: '2026-03-01', to: '2026-03-31' }],
  ['clerk picker', clerkPicker.GET, '/api/staff/pickers/clerks', { q: '经办' }],
  ['organisation picker', orgPicker.GET, '/api/staff/pickers/orgs', { q: '司法' }],
  ['organisation picker by code', orgPicker.GET, '/api/staff/pickers/orgs', { q: '司法', value: 'code' }],
];

function withQuery(path: string, query: Record<string, string>): string {
  return `${path}?${new URLSearchParams(query).toString()}`;
}

beforeAll(async () => {
  ensureTestEncryptionKey();
  process.env.NEXTAUTH_SECRET ??= 'route-test-secret-route-test-secret-0123456789';
  await ensureCalendar();
  orgs = await createOrgTree();
  rootCode = (await db.organisation.findUniqueOrThrow({ where: { id: orgs.root.id }, select: { code: true } })).code;
  clerk = await createActor('clerk', orgs.dept, '经办人');
  outsider = await createActor('clerk', orgs.sibling, '外单位经办人');
  admin = await createActor('admin', orgs.root, '管理员');
  applicant = await createActor('applicant', null, '申请人');
  ({ caseId } = await registerCaseByStaff({
    actor: clerk,
    now: at('2026-03-02'),
    form: { ...LETTER, idDocType: 'passport', idNumber: 'E12345678', channel: 'in_person', arrivedOn: '2026-03-02', orgId: orgs.dept.id },
  }));
  for (const route of QUERY_ROUTES) if (route[3].org === 'ROOT') route[3].org = rootCode;
});

afterAll(() => {
  const by = new Map<number, number>();
  for (const r of results) by.set(r.status, (by.get(r.status) ?? 0) + 1);
  console.info(`[routes] ${results.length} requests: ${[...by].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(', ')}`);
});

describe('route handlers under hostile requests', () => {
  it('answer 404 to every staff and admin route without a session, and to an applicant', async () => {
    for (const who of [null, applicant]) {
      await signInAs(who);
      for (const [label, handler, path] of ID_ROUTES) {
        const res = await expectNo5xx(label, call(handler, { path: path.replace('{id}', caseId), params: { id: caseId } }));
        expect(res.status, `${label} as ${who?.role ?? 'nobody'}`).toBe(404);
      }
      for (const [label, handler, path, query] of QUERY_ROUTES) {
        const res = await expectNo5xx(label, call(handler, { path: withQuery(path, query) }));
        expect(res.status, `${label} as ${who?.role ?? 'nobody'}`).toBe(404);
      }
      const res = await expectNo5xx('report export', call(reportExport.GET, { path: `/api/reports/2026/export?org=${rootCode}`, params: { year: '2026' } }));
      expect(res.status).toBe(404);
    }
    // The section 四 import is for administrators only: nobody, an applicant and a clerk get 404 and write nothing.
    const appealsBefore = await db.appeal.count();
    for (const who of [null, applicant, clerk]) {
      await signInAs(who);
      const form = new FormData();
      form.set('file', new File([`机构代码,类型,提起日期,结果,审结日期\n${rootCode},行政复议,2026-03-01,结果维持,2026-04-01\n`], 'a.csv', { type: 'text/csv' }));
      const res = await expectNo5xx('appeals import', call(importAppeals.POST, { method: 'POST', path: '/api/admin/import/appeals', body: form }));
      expect(res.status, `appeals import as ${who?.role ?? 'nobody'}`).toBe(404);
    }
    expect(await db.appeal.count()).toBe(appealsBefore);
  });

  it('keep a case of one organisation from the staff of another', async () => {
    await signInAs(outsider);
    for (const [label, handler, path] of [
      ['receipt', staffReceipt.GET, '/api/staff/cases/{id}/receipt'],
      ['case events CSV', staffCaseAudit.GET, '/api/staff/audit/cases/{id}'],
      ['approval sheet', approvalSheet.GET, '/api/staff/cases/{id}/approval-sheet'],
    ] as const) {
      const res = await expectNo5xx(label, call(handler, { path: path.replace('{id}', caseId), params: { id: caseId } }));
      expect(res.status, label).toBe(404);
    }
    await signInAs(clerk);
    const own = await expectNo5xx('receipt', call(staffReceipt.GET, { path: `/api/staff/cases/${caseId}/receipt`, params: { id: caseId } }));
    expect(own.status).toBe(200);
  });

  it('give the organisation picker only the actor’s subtree, by id or (report pages) by code', async () => {
    const names = async (query: Record<string, string>) => {
      const res = await call(orgPicker.GET, { path: withQuery('/api/staff/pickers/orgs', query) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { value: string; label: string; hint?: string }[] }).items;
    };
    await signInAs(clerk);
    const byCode = await names({ q: '', value: 'code' });
    const codes = await db.organisation.findMany({ where: { path: { startsWith: orgs.dept.path } }, select: { code: true, name: true } });
    expect(byCode.map((o) => o.value).sort()).toEqual(codes.map((o) => o.code).sort());
    expect(byCode.every((o) => o.hint?.endsWith(o.value))).toBe(true);
    expect((await names({ q: '' })).map((o) => o.value)).toEqual(expect.arrayContaining([String(orgs.dept.id)]));
    // Neither the sibling's nor the root's code reaches a clerk of the department.
    const outside = await db.organisation.findMany({ where: { id: { in: [orgs.sibling.id, orgs.root.id] } }, select: { code: true, name: true } });
    for (const o of outside) expect((await names({ q: o.name, value: 'code' })).map((i) => i.value)).not.toContain(o.code);
  });

  it('answer ids that are not ids with 4xx, never 5xx', async () => {
    for (const who of [clerk, admin]) {
      await signInAs(who);
      for (const [label, handler, path] of ID_ROUTES) {
        for (const id of [...BAD_IDS, randomUUID()]) {
          const res = await expectNo5xx(`${label} ${JSON.stringify(id.slice(0, 20))}`, call(handler, { path: path.replace('{id}', 'x'), params: { id } }));
          expect(res.status).toBeGreaterThanOrEqual(400);
        }
      }
    }
  });

  it('answer odd and huge query values with a file or a 4xx, never 5xx', async () => {
    await signInAs(admin);
    for (const [label, handler, path, query] of QUERY_ROUTES) {
      for (const key of Object.keys(query)) {
        for (const value of BAD_VALUES) {
          await expectNo5xx(`${label} ${key}=${JSON.stringify(value.slice(0, 20))}`, call(handler, { path: withQuery(path, { ...query, [key]: value }) }));
        }
      }
    }
    for (const year of ['abc', '0', '-1', '99999', '2026\u0000', '1e3', 'x'.repeat(5000)]) {
      await expectNo5xx(`report export year ${year.slice(0, 10)}`, call(reportExport.GET, { path: `/api/reports/x/export?org=${rootCode}`, params: { year } }));
    }
    for (const value of BAD_VALUES) {
      for (const key of ['org', 'subtree', 'format']) {
        const query = { org: rootCode, subtree: '1', format: 'xlsx', [key]: value };
        await expectNo5xx(`report export ${key}`, call(reportExport.GET, { path: withQuery('/api/reports/2026/export', query), params: { year: '2026' } }));
      }
    }
  });

  it('refuse a state change without Origin, from another site, or with a forged X-Forwarded-Host (403), and changes nothing', async () => {
    await signInAs(admin);
    const body = JSON.stringify({ year: 2026, org: rootCode, subtree: true, format: 'xlsx' });
    const jobsBefore = await db.job.count();
    const forged: Record<string, string>[] = [
      { origin: '' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost.evil.example' },
      { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
      { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example', 'x-gongkai-peer': '203.0.113.9' },
      { origin: 'not a url' },
    ];
    for (const headers of forged) {
      for (const [label, handler, path, contentType] of [
        ['report job', reportJobs.POST, '/api/reports/jobs', 'application/json'],
        ['register export', registerExports.POST, '/api/staff/register-exports', 'application/json'],
        ['receipt with code', staffReceipt.POST, `/api/staff/cases/${caseId}/receipt`, 'application/x-www-form-urlencoded'],
        ['import', importStart.POST, '/api/admin/import', 'application/x-www-form-urlencoded'],
        ['appeals import', importAppeals.POST, '/api/admin/import/appeals', 'application/x-www-form-urlencoded'],
      ] as const) {
        const res = await expectNo5xx(label, call(handler, { method: 'POST', path, params: { id: caseId }, headers: { 'content-type': contentType, ...headers }, body: contentType === 'application/json' ? body : 'accessCode=ABCD' }));
        expect(res.status, `${label} with ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(await db.job.count()).toBe(jobsBefore);
    // The site's own page (Origin = Host) is let through.
    const ok = await call(reportJobs.POST, { method: 'POST', path: '/api/reports/jobs', headers: { 'content-type': 'application/json' }, body });
    expect(ok.status, await ok.clone().text()).toBe(202);
  });

  it('answer JSON bodies that are not the expected object, or not JSON, with 4xx', async () => {
    await signInAs(admin);
    const bodies = ['null', '[]', '1', '"x"', 'true', '{}', '{"query": 1}', '{"query": null}', `{"query": "${'x'.repeat(5000)}"}`, '{', '', '\u0000', '{"__proto__": {"admin": true}}', `[${'1,'.repeat(10_000)}1]`];
    for (const body of bodies) {
      for (const [label, handler, path] of [
        ['report job', reportJobs.POST, '/api/reports/jobs'],
        ['register export', registerExports.POST, '/api/staff/register-exports'],
      ] as const) {
        const res = await expectNo5xx(`${label} ${JSON.stringify(body.slice(0, 20))}`, call(handler, { method: 'POST', path, headers: { 'content-type': 'application/json' }, body }));
        expect(res.status, `${label} ${body.slice(0, 20)}`).toBeGreaterThanOrEqual(400);
      }
    }
    // Form routes given a body that is no form.
    for (const [contentType, body] of [
      ['multipart/form-data; boundary=x', '--y\r\nnonsense'],
      ['application/json', '{"file": "x"}'],
      ['text/plain', '\u0000\u0001'],
      ['multipart/form-data', ''],
    ] as const) {
      const res = await expectNo5xx(`import ${contentType}`, call(importStart.POST, { method: 'POST', path: '/api/admin/import', headers: { 'content-type': contentType }, body }));
      expect(res.status).toBeGreaterThanOrEqual(400);
      const appeals = await expectNo5xx(`appeals import ${contentType}`, call(importAppeals.POST, { method: 'POST', path: '/api/admin/import/appeals', headers: { 'content-type': contentType }, body }));
      expect(appeals.status).toBeGreaterThanOrEqual(400);
      const receipt = await expectNo5xx(`receipt ${contentType}`, call(staffReceipt.POST, { method: 'POST', path: `/api/staff/cases/${caseId}/receipt`, params: { id: caseId }, headers: { 'content-type': contentType }, body }));
      expect([200, 404, 422]).toContain(receipt.status);
    }
  });

  it('serve the public portal routes to nobody without a grant, and survive hostile ids and queries', async () => {
    await signInAs(null);
    scope.cookies.clear();
    for (const id of [caseId, ...BAD_IDS]) {
      for (const [label, handler, params] of [
        ['portal receipt', portalReceipt.GET, { id }],
        ['portal document', portalDocument.GET, { id, documentId: id }],
        ['portal file', portalFile.GET, { id, fileId: id }],
      ] as const) {
        const res = await expectNo5xx(`${label} ${JSON.stringify(id.slice(0, 20))}`, call(handler, { path: `/api/portal/cases/x`, params }));
        expect(res.status, label).toBeGreaterThanOrEqual(400);
      }
    }
    // A forged grant cookie is ignored.
    scope.cookies.set('gk_track', 'v2.0000000000000000.AAAA.AAAA.AAAA');
    expect((await expectNo5xx('portal receipt with forged grant', call(portalReceipt.GET, { path: '/x', params: { id: caseId } }))).status).toBe(404);
    scope.cookies.clear();
    for (const q of BAD_VALUES) {
      const res = await expectNo5xx(`portal orgs ${JSON.stringify(q.slice(0, 20))}`, call(portalOrgs.GET, { path: withQuery('/api/portal/orgs', { q }) }));
      expect(res.status).toBeLessThan(500);
    }
    const h = await expectNo5xx('health', call(health.GET, { path: '/api/health', headers: { authorization: 'Bearer forged' } }));
    expect(await h.json()).toEqual({ status: 'ok' });
  });

  it('serve a published annual report to anyone, and 404 for every segment that names none', async () => {
    await lockPeriod(admin, orgs.root.id, 2025);
    await publishReport(admin, { org: rootCode, year: 2025, subtree: true, expectedVersion: 0 });
    await signInAs(null);
    scope.cookies.clear();
    for (const format of ['docx', 'pdf', 'xlsx', 'csv', 'json']) {
      const res = await expectNo5xx(`public report ${format}`, call(publicReport.GET, { path: `/api/public/reports/x`, params: { org: rootCode, year: '2025', format } }));
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    }
    const bad = [...BAD_IDS, '', '..', '%2e%2e', 'json\u0000'];
    for (const value of bad) {
      for (const params of [
        { org: value, year: '2025', format: 'json' },
        { org: rootCode, year: value, format: 'json' },
        { org: rootCode, year: '2025', format: value },
      ]) {
        const res = await expectNo5xx(`public report ${JSON.stringify(params).slice(0, 60)}`, call(publicReport.GET, { path: '/api/public/reports/x', params }));
        expect(res.status).toBe(404);
      }
    }
    // Not published (another year, another organisation), or a format the page does not offer.
    for (const params of [
      { org: rootCode, year: '2024', format: 'json' },
      { org: `${rootCode}X`, year: '2025', format: 'json' },
      { org: rootCode, year: '2025', format: 'PDF' },
      { org: rootCode, year: '2025', format: 'html' },
    ]) {
      expect((await expectNo5xx(`public report ${params.year} ${params.format}`, call(publicReport.GET, { path: '/api/public/reports/x', params }))).status).toBe(404);
    }
  });

  it('records the export of the cases behind a report figure (they name applicants)', async () => {
    await signInAs(admin);
    const before = await db.auditEvent.count({ where: { type: 'export.report_drill', actorId: admin.id } });
    const res = await call(drill.GET, { path: withQuery('/api/reports/drill', { year: '2026', org: rootCode, subtree: '1', row: 'new_received', column: 'total' }) });
    expect(res.status).toBe(200);
    expect(await db.auditEvent.count({ where: { type: 'export.report_drill', actorId: admin.id } })).toBe(before + 1);
  });

  it('the complete report: 404 without access, 409 until the year is locked, a PDF once locked, never a 5xx', async () => {
    const path = (org: string, format = 'pdf') => `/api/reports/2026/full?${new URLSearchParams({ org, subtree: '1', format }).toString()}`;
    for (const who of [null, applicant, outsider]) {
      await signInAs(who);
      const res = await expectNo5xx('full report', call(fullReport.GET, { path: path(rootCode), params: { year: '2026' } }));
      expect(res.status, `full report as ${who?.role ?? 'nobody'}`).toBe(404);
    }
    await signInAs(admin);
    const unlocked = await expectNo5xx('full report', call(fullReport.GET, { path: path(rootCode), params: { year: '2026' } }));
    expect(unlocked.status).toBe(409);
    for (const year of ['abc', '2026\u0000', '99999', 'x'.repeat(5000)]) {
      await expectNo5xx('full report year', call(fullReport.GET, { path: path(rootCode), params: { year } }));
    }
    for (const [org, format] of [[rootCode, 'exe'], ['\u0000', 'pdf'], ['x'.repeat(5000), 'docx']]) {
      const res = await expectNo5xx('full report query', call(fullReport.GET, { path: path(org, format), params: { year: '2026' } }));
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
    await lockPeriod(admin, orgs.root.id, 2026);
    try {
      const res = await expectNo5xx('full report', call(fullReport.GET, { path: path(rootCode), params: { year: '2026' } }));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers.get('content-disposition') ?? '')![1])).toMatch(/2026年政府信息公开工作年度报告\.pdf$/);
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await unlockPeriod(admin, orgs.root.id, 2026, 'route test');
    }
  });

  it('send downloads as attachments with a well-formed Content-Disposition for Chinese names', async () => {
    await signInAs(clerk);
    const res = await call(staffReceipt.GET, { path: `/api/staff/cases/${caseId}/receipt`, params: { id: caseId } });
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1])).toMatch(/[\u4e00-\u9fa5]/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('export the appeals behind a section 四 cell as an XLSX that says what it is and prints properly', async () => {
    const { importAppeals: importAppealsFile } = await import('@/lib/import/import-appeals');
    const file = `机构代码,类型,提起日期,结果,审结日期,复议机关或法院\n${rootCode},行政复议,2026-02-01,结果维持,2026-03-01,示范市人民政府\n${rootCode},行政复议,2026-02-02,维持,2026-03-02,示范市人民政府\n`;
    const imported = await importAppealsFile({ data: new TextEncoder().encode(file), fileName: 'route.csv', actor: admin, today: '2026-06-30' });
    expect(imported.ok).toBe(true);
    await signInAs(admin);
    const query = { year: '2026', org: rootCode, subtree: '1', block: 'administrative_review', column: 'upheld' };
    const res = await expectNo5xx('drill 四 export', call(drill.GET, { path: withQuery('/api/reports/drill', query) }));
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toMatch(/行政复议 \/ 结果维持：共 2 件$/);
    expect(sheet.getCell('A2').value).toBe('类别');
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getCell('A3').value).toBe('行政复议');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '2:2' });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const [audit] = await db.$queryRaw<{ data: { rows: number; block: string } }[]>`
      SELECT data FROM audit_events WHERE type = 'export.report_drill' AND data->>'block' = 'administrative_review' ORDER BY id DESC LIMIT 1`;
    expect(audit?.data).toMatchObject({ rows: 2, block: 'administrative_review' });
  });
});

describe('the application form’s POST /api/portal/apply (issue 13 item 3)', () => {
  function applicationForm(fields: Record<string, string>): FormData {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return form;
  }
  const post = (form: FormData | string, headers: Record<string, string> = { 'content-length': '1000' }) =>
    call(portalApply.POST, { method: 'POST', path: '/api/portal/apply', body: form, headers });
  const casesWithKey = (key: string) => db.case.count({ where: { submissionKey: key } });
  // The per-address counter lives in the shared test database: another file's submissions from the same
  // (unknown) address, under its own raised limit, must not throttle these (they did when input-fuzz ran first).
  beforeAll(() => reset(LIMITS.submitPerIp, ipKey('unknown')));

  it('registers once per key, answers with the result as JSON and gives this browser the tracking grant', async () => {
    await signInAs(null);
    scope.cookies.clear();
    const key = `route-${randomUUID()}`;
    const fields = { ...PORTAL_FORM, submissionKey: key, orgId: String(orgs.dept.id) };
    const res = await expectNo5xx('apply', post(applicationForm(fields)));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; data: { caseId: string; trackingNo: string; accessCode: string } };
    expect(body.ok).toBe(true);
    expect(body.data.trackingNo).toMatch(/^GK\d{4}-/);
    expect([...scope.cookies.keys()].some((k) => k.includes('track'))).toBe(true);
    // A retry and a double click (in parallel) answer the same case and code; one case exists.
    const again = await Promise.all([post(applicationForm(fields)), post(applicationForm(fields))]);
    for (const r of again) expect(((await r.json()) as typeof body).data).toEqual(body.data);
    expect(await casesWithKey(key)).toBe(1);
  });

  it('refuses a cross-site post (403), a body without Content-Length (411), a body that is not a form or holds NUL bytes, and stores nothing', async () => {
    await signInAs(applicant);
    const key = `route-${randomUUID()}`;
    const fields = { ...PORTAL_FORM, submissionKey: key, orgId: String(orgs.dept.id) };
    expect((await expectNo5xx('apply cross-site', post(applicationForm(fields), { origin: 'https://evil.example', 'content-length': '1000' }))).status).toBe(403);
    expect((await expectNo5xx('apply without length', post(applicationForm(fields), {}))).status).toBe(411);
    expect((await expectNo5xx('apply not a form', post('{"a":1}', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '7' }))).status).toBe(422);
    const nul = await expectNo5xx('apply NUL', post(applicationForm({ ...fields, applicantName: '张\u0000三' })));
    expect(nul.status).toBe(200);
    expect(((await nul.json()) as { ok: boolean; messageKey: string }).messageKey).toBe('errors.validation');
    expect(await casesWithKey(key)).toBe(0);
    await signInAs(null);
  });
});

describe('the citizen pages’ routes: POST /api/portal/track and GET /api/portal/session (issue 13 item 2)', () => {
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const track = (fields: Record<string, string>, headers: Record<string, string> = { accept: 'application/json', 'content-length': '100' }) =>
    call(portalTrack.POST, { method: 'POST', path: '/api/portal/track', body: form(fields), headers });
  const grants = () => [...scope.cookies.keys()].filter((k) => k.includes('track'));
  let codes: { trackingNo: string; accessCode: string };

  beforeAll(async () => {
    await signInAs(null);
    scope.cookies.clear();
    const res = await portalApply.POST(
      new NextRequest('http://localhost/api/portal/apply', {
        method: 'POST',
        headers: { host: 'localhost', origin: 'http://localhost', 'content-length': '1000' },
        body: form({ ...PORTAL_FORM, submissionKey: `track-${randomUUID()}`, orgId: String(orgs.dept.id) }),
      }),
    );
    codes = ((await res.json()) as { data: typeof codes }).data;
    scope.cookies.clear();
  });

  it('answers the page’s script with JSON: a wrong code is refused without a grant, the right one (as typed) gives the grant and the case page', async () => {
    const wrong = await expectNo5xx('track wrong', track({ trackingNo: codes.trackingNo, accessCode: 'WRONGCODE0ABCDEF' }));
    expect(await wrong.json()).toEqual({ ok: false, messageKey: 'portal.track.wrong', values: { trackingNo: codes.trackingNo } });
    expect(grants()).toEqual([]);
    const missing = (await (await track({ trackingNo: '', accessCode: '' })).json()) as { messageKey: string; fieldErrors: Record<string, string[]> };
    expect(missing.messageKey).toBe('errors.validation');
    expect(missing.fieldErrors).toEqual({ trackingNo: ['validation.required'], accessCode: ['validation.required'] });
    const right = await expectNo5xx('track right', track({ trackingNo: ` ${codes.trackingNo.toLowerCase()} `, accessCode: codes.accessCode.toLowerCase() }));
    expect(await right.json()).toEqual({ ok: true, location: `/track/${codes.trackingNo}` });
    expect(grants().length).toBe(1);
    scope.cookies.clear();
  });

  it('sends a browser without script on with 303: back to /track with the message key, or to the case page', async () => {
    const plain = { 'content-length': '100' };
    const wrong = await expectNo5xx('track no-JS wrong', track({ trackingNo: codes.trackingNo, accessCode: 'WRONGCODE1ABCDEF' }, plain));
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toBe(`/track?trackingNo=${encodeURIComponent(codes.trackingNo)}&error=portal.track.wrong`);
    expect(grants()).toEqual([]);
    const right = await expectNo5xx('track no-JS right', track({ trackingNo: codes.trackingNo, accessCode: codes.accessCode }, plain));
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(`/track/${codes.trackingNo}`);
    expect(grants().length).toBe(1);
    scope.cookies.clear();
  });

  it('refuses a cross-site post (403), a body without Content-Length (411), NUL bytes and a body that is not a form, and grants nothing', async () => {
    const json = { accept: 'application/json', 'content-length': '100' };
    expect((await expectNo5xx('track cross-site', track(codes, { ...json, origin: 'https://evil.example' }))).status).toBe(403);
    expect((await expectNo5xx('track no Origin', call(portalTrack.POST, { method: 'POST', path: '/api/portal/track', body: form(codes), headers: { ...json, origin: '' } }))).status).toBe(403);
    expect((await expectNo5xx('track without length', track(codes, { accept: 'application/json' }))).status).toBe(411);
    const nul = await expectNo5xx('track NUL', track({ trackingNo: codes.trackingNo, accessCode: `${codes.accessCode}\u0000` }));
    expect(((await nul.json()) as { messageKey: string }).messageKey).toBe('errors.validation');
    const notForm = await expectNo5xx(
      'track not a form',
      call(portalTrack.POST, { method: 'POST', path: '/api/portal/track', body: '{"a":1}', headers: { ...json, 'content-type': 'multipart/form-data; boundary=x', 'content-length': '7' } }),
    );
    expect(notForm.status).toBe(422);
    expect(grants()).toEqual([]);
  });

  it('tells a page who is signed in (name and role only), and nobody for no session or an ended one', async () => {
    const nameOf = async (a: Actor) => (await db.user.findUniqueOrThrow({ where: { id: a.id }, select: { name: true } })).name;
    await signInAs(null);
    expect(await (await portalSession.GET()).json()).toEqual({ user: null });
    await signInAs(applicant);
    const res = await portalSession.GET();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toEqual({ user: { name: await nameOf(applicant), role: 'applicant' } });
    await signInAs(clerk);
    expect(await (await portalSession.GET()).json()).toEqual({ user: { name: await nameOf(clerk), role: 'clerk' } });
    // A session from before the user's sessions were ended (epoch) is no session.
    const { sessionEpoch } = await db.user.findUniqueOrThrow({ where: { id: applicant.id }, select: { sessionEpoch: true } });
    const ended = { uid: applicant.id, role: applicant.role, orgId: null, orgPath: null, epoch: sessionEpoch - 1, authTime: Math.floor(Date.now() / 1000) };
    scope.cookies.set('next-auth.session-token', await encode({ token: ended, secret: process.env.NEXTAUTH_SECRET! }));
    expect(await (await portalSession.GET()).json()).toEqual({ user: null });
    await signInAs(null);
  });
});

describe('isSameOrigin', () => {
  const h = (entries: Record<string, string>) => ({ headers: new Headers(entries) });
  it('believes X-Forwarded-Host only from a trusted proxy, and accepts the public URL', () => {
    const env = { GONGKAI_TRUSTED_PROXIES: '10.0.0.5' } as unknown as NodeJS.ProcessEnv;
    expect(isSameOrigin(h({ host: 'localhost:3000', origin: 'http://localhost:3000' }), env)).toBe(true);
    expect(isSameOrigin(h({ host: 'localhost:3000', origin: 'http://evil.example' }), env)).toBe(false);
    expect(isSameOrigin(h({ host: 'localhost:3000', origin: 'http://evil.example', 'x-forwarded-host': 'evil.example', 'x-gongkai-peer': '203.0.113.9' }), env)).toBe(false);
    expect(isSameOrigin(h({ host: 'app:3000', origin: 'https://gk.example.gov.cn', 'x-forwarded-host': 'gk.example.gov.cn', 'x-gongkai-peer': '10.0.0.5' }), env)).toBe(true);
    expect(isSameOrigin(h({ host: 'app:3000', origin: 'https://gk.example.gov.cn' }), { NEXTAUTH_URL: 'https://gk.example.gov.cn' } as unknown as NodeJS.ProcessEnv)).toBe(true);
    expect(isSameOrigin(h({ host: 'app:3000' }), env)).toBe(false);
  });
});
