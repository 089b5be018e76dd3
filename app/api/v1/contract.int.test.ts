/**
 * Contract test of the integration API (issue 10 item 7): every operation is called through its real route
 * handler (the Request/Response objects Next hands them; no mock of our code, the real embedded PostgreSQL)
 * and EVERY answer — successes and errors — is validated against the OpenAPI 3.1 document the API itself
 * serves (GET /api/v1/openapi.json), with Ajv's JSON Schema 2020-12 validator. A status the document does not
 * list for that operation fails the test too.
 *
 * Also proven here: tokens are scoped (organisation subtree → 404 outside, operations → 403), revocable and
 * never authorised by a session cookie; a retried or parallel registration with one Idempotency-Key creates
 * one case; a stale expectedVersion answers 409 and changes nothing; hostile bodies (malformed JSON, arrays,
 * NUL bytes, huge values, unknown fields, wrong Content-Type) answer 4xx with nothing stored; errors come in
 * the caller's Accept-Language; the per-token rate limit answers 429; the CLI prints a working token.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  // A low per-token limit so the 429 test is quick; the main tokens stay far below it.
  process.env.GONGKAI_LIMIT_APIPERTOKEN = '150';
});

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { encode } from 'next-auth/jwt';
import { db } from '@/lib/db';
import { createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { createApiToken, createApiTokenForOrgCode, revokeApiToken } from '@/lib/api/v1/tokens';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import * as casesRoute from '@/app/api/v1/cases/route';
import * as caseRoute from '@/app/api/v1/cases/[ref]/route';
import { TRANSITION_NAMES } from '@/lib/cases/workflow';
import * as transitionsRoute from '@/app/api/v1/cases/[ref]/transitions/route';
import * as openApiRoute from '@/app/api/v1/openapi.json/route';
import * as restRoute from '@/app/api/v1/[[...rest]]/route';

type Json = Record<string, unknown>;
type Handler = (req: Request, ctx: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

const BASE = 'http://localhost:3000';
const PEER = 'x-gongkai-peer';
let doc: Json;
let ajv: Ajv2020;
let tree: OrgTree;
let full: string; // read, register, transition on tree.dept
let readOnly: string;
let siblingToken: string;
let rootToken: string;
let revoked: string;
let otherCaseId: string;
const checked = new Set<string>();

/** Calls a route handler as Next does. */
async function call(handler: unknown, pathname: string, init: RequestInit & { token?: string | null } = {}, params: Json = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (!headers.has(PEER)) headers.set(PEER, '203.0.113.10');
  const req = new Request(`${BASE}${pathname}`, { ...init, headers });
  return (handler as Handler)(req, { params: Promise.resolve(params) });
}

/**
 * Asserts that `res` is documented for `template` + `method` and that its JSON body validates against the
 * document's schema for that status. Returns the body.
 */
async function conforms(res: Response, template: string, method: string): Promise<Json> {
  const op = ((doc.paths as Json)[template] as Json | undefined)?.[method.toLowerCase()] as Json | undefined;
  const status = String(res.status);
  const text = await res.text();
  const body = JSON.parse(text) as Json;
  let schema: Json;
  if (op) {
    const response = (op.responses as Json)[status] as Json | undefined;
    expect(response, `${method} ${template} answered ${status}, which the document does not list: ${text.slice(0, 300)}`).toBeDefined();
    schema = ((response!.content as Json)['application/json'] as Json).schema as Json;
  } else {
    // Methods and addresses outside the documented operations answer the Error schema.
    expect(res.status === 404 || res.status === 405, `${method} ${template} → ${status}`).toBe(true);
    schema = { $ref: 'openapi.json#/components/schemas/Error' };
  }
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const ref = typeof schema.$ref === 'string' ? { $ref: schema.$ref.startsWith('#') ? `openapi.json${schema.$ref}` : schema.$ref } : schema;
  const validate = ajv.compile(ref);
  const ok = validate(body);
  expect(ok, `${method} ${template} ${status}: ${JSON.stringify(validate.errors?.slice(0, 3))} in ${text.slice(0, 500)}`).toBe(true);
  checked.add(`${method} ${template} ${status}`);
  return body;
}

const registration = (over: Json = {}): Json => ({
  channel: 'online',
  arrivedOn: chinaToday(new Date()),
  applicantType: 'natural_person',
  applicantName: '李四',
  idDocType: 'resident_id',
  idNumber: LETTER.idNumber,
  mobile: '13900139000',
  description: '请公开2025年本局道路养护资金使用情况。',
  requestedForm: 'electronic',
  deliveryMethod: 'email',
  email: 'lisi@example.cn',
  ...over,
});

const key = () => `k-${randomBytes(9).toString('hex')}`;
const jsonInit = (body: unknown, extra: Json = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'idempotency-key': key(), ...(extra as Record<string, string>) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function caseCount(): Promise<number> {
  return db.case.count({ where: { orgId: { in: [tree.root.id, tree.dept.id, tree.sibling.id] } } });
}

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  tree = await createOrgTree();
  const org = (o: { id: number }) => o.id;
  full = (await createApiToken(null, { orgId: org(tree.dept), name: '省政务服务平台', scopes: ['read', 'register', 'transition'] })).token;
  readOnly = (await createApiToken(null, { orgId: org(tree.dept), name: '12345热线（只读）', scopes: ['read'] })).token;
  siblingToken = (await createApiToken(null, { orgId: org(tree.sibling), name: '教育局系统', scopes: ['read', 'register', 'transition'] })).token;
  rootToken = (await createApiToken(null, { orgId: org(tree.root), name: '市级平台', scopes: ['read'] })).token;
  const r = await createApiToken(null, { orgId: org(tree.dept), name: '已撤销', scopes: ['read'] });
  await revokeApiToken(null, r.id);
  revoked = r.token;
  const siblingClerk = await createActor('clerk', tree.sibling);
  otherCaseId = (
    await registerCaseByStaff({ actor: siblingClerk, form: { channel: 'in_person', applicantType: 'natural_person', applicantName: '王五', description: '教育局的信息' }, now: new Date() })
  ).caseId;

  const res = await openApiRoute.GET();
  expect(res.status).toBe(200);
  doc = (await res.json()) as Json;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat('uuid', /^[0-9a-f-]{36}$/i);
  ajv.addSchema(doc, 'openapi.json');
});

afterAll(() => {
  // Every documented operation was exercised with at least one success and one error.
  for (const op of ['GET /api/v1/cases 200', 'POST /api/v1/cases 201', 'POST /api/v1/cases 200', 'GET /api/v1/cases/{ref} 200', 'POST /api/v1/cases/{ref}/transitions 200']) {
    expect(checked.has(op), `not exercised: ${op}`).toBe(true);
  }
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and every component schema compiles under JSON Schema 2020-12', () => {
    expect(doc.openapi).toBe('3.1.0');
    const schemas = (doc.components as Json).schemas as Json;
    expect(Object.keys(schemas).sort()).toEqual(['CaseDetail', 'CaseList', 'Error', 'RegisterCaseRequest', 'RegisterCaseResponse', 'TransitionRequest', 'TransitionResponse']);
    for (const id of Object.keys(schemas)) expect(() => ajv.compile({ $ref: `openapi.json#/components/schemas/${id}` })).not.toThrow();
    // One variant per workflow transition, each with its input schema.
    expect(((schemas.TransitionRequest as Json).oneOf as unknown[]).length).toBe(TRANSITION_NAMES.length);
  });

  it('describes requests the handlers accept: the document validates a good registration and refuses an unknown field', () => {
    const validate = ajv.compile({ $ref: 'openapi.json#/components/schemas/RegisterCaseRequest' });
    expect(validate(registration())).toBe(true);
    expect(validate({ ...registration(), secret: 1 })).toBe(false);
  });
});

describe('authentication', () => {
  it('refuses a missing, malformed, unknown or revoked token with 401 and WWW-Authenticate', async () => {
    for (const token of [null, 'nonsense', `gk_${'A'.repeat(43)}`, revoked]) {
      const res = await call(casesRoute.GET, '/api/v1/cases', { token, headers: { [PEER]: '203.0.113.20' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const body = await conforms(res, '/api/v1/cases', 'GET');
      expect(body.code).toBe('unauthorized');
    }
  });

  it('does not accept a staff session cookie instead of a token', async () => {
    process.env.NEXTAUTH_SECRET ??= 'contract-test-secret-contract-test-secret';
    const admin = await createActor('admin', null);
    const jwt = await encode({ token: { sub: admin.id, uid: admin.id, role: 'admin', epoch: 0, authTime: Date.now() / 1000 }, secret: process.env.NEXTAUTH_SECRET });
    const res = await call(casesRoute.GET, '/api/v1/cases', { headers: { cookie: `next-auth.session-token=${jwt}; __Secure-next-auth.session-token=${jwt}` } });
    expect(res.status).toBe(401);
    await conforms(res, '/api/v1/cases', 'GET');
  });

  it('throttles repeated failed authentications per client address (429 with Retry-After)', async () => {
    const peer = '198.51.100.77';
    let last: Response | null = null;
    for (let i = 0; i < 31; i++) last = await call(casesRoute.GET, '/api/v1/cases', { token: `gk_${'B'.repeat(43)}`, headers: { [PEER]: peer } });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await conforms(last!, '/api/v1/cases', 'GET')).code).toBe('rate_limited');
    // Another address is not affected.
    const other = await call(casesRoute.GET, '/api/v1/cases?limit=1', { token: readOnly, headers: { [PEER]: '198.51.100.78' } });
    expect(other.status).toBe(200);
    await conforms(other, '/api/v1/cases', 'GET');
  });
});

describe('register (POST /api/v1/cases)', () => {
  it('registers once per Idempotency-Key: a retry replays the same case, with the ledger', async () => {
    const before = await caseCount();
    const k = key();
    const init = jsonInit(registration({ confirmedOn: chinaToday(new Date()) }), { 'idempotency-key': k });
    const first = await call(casesRoute.POST, '/api/v1/cases', { ...init, token: full });
    expect(first.status).toBe(201);
    const a = await conforms(first, '/api/v1/cases', 'POST');
    expect(a.isReplay).toBe(false);
    expect(a.accessCode).toMatch(/^[0-9A-Z]{16}$/);
    const detail = a.case as Json;
    expect(detail.status).toBe('in_progress');
    expect(detail.channel).toBe('online');
    expect((detail.deadlines as Json).answerDue).toEqual(detail.answerDueOn);
    expect(((detail.deadlines as Json).steps as unknown[]).length).toBeGreaterThan(0);
    const again = await call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration({ confirmedOn: chinaToday(new Date()) }), { 'idempotency-key': k }), token: full });
    expect(again.status).toBe(200);
    const b = await conforms(again, '/api/v1/cases', 'POST');
    expect(b).toMatchObject({ caseId: a.caseId, trackingNo: a.trackingNo, isReplay: true });
    expect(b.accessCode).toBeUndefined();
    expect(await caseCount()).toBe(before + 1);
    const audit = await db.auditEvent.findMany({ where: { type: 'api.case_registered', data: { path: ['caseId'], equals: a.caseId as string } } });
    expect(audit).toHaveLength(1);
  });

  it('creates one case for eight parallel POSTs with one key', async () => {
    const before = await caseCount();
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration(), { 'idempotency-key': k }), token: full })),
    );
    const bodies = await Promise.all(results.map((r) => conforms(r, '/api/v1/cases', 'POST')));
    expect(new Set(bodies.map((b) => b.caseId)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await caseCount()).toBe(before + 1);
  });

  it('binds a key to its token: the same key from another token is a different registration', async () => {
    const k = key();
    const a = await conforms(await call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration(), { 'idempotency-key': k }), token: full }), '/api/v1/cases', 'POST');
    const b = await conforms(await call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration(), { 'idempotency-key': k }), token: siblingToken }), '/api/v1/cases', 'POST');
    expect(b.caseId).not.toBe(a.caseId);
    expect(((b.case as Json).org as Json).id).toBe(tree.sibling.id);
  });

  it('refuses hostile or malformed requests with a 4xx {code, message} and stores nothing', async () => {
    const before = await caseCount();
    const cases: [RequestInit, number, string][] = [
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(registration()) }, 400, 'idempotency_key_required'],
      [jsonInit(registration(), { 'idempotency-key': 'short' }), 400, 'idempotency_key_invalid'],
      [jsonInit('{"channel": "online",'), 400, 'invalid_json'],
      [jsonInit('{"a":"\u0000'), 400, 'invalid_json'],
      [jsonInit('[1,2,3]'), 400, 'body_not_object'],
      [jsonInit('"text"'), 400, 'body_not_object'],
      [jsonInit('null'), 400, 'body_not_object'],
      [jsonInit('[' .repeat(100_000)), 400, 'invalid_json'],
      [{ ...jsonInit(registration()), headers: { 'content-type': 'text/plain', 'idempotency-key': key() } }, 415, 'unsupported_media_type'],
      [jsonInit(registration({ applicantName: '张\u0000三' })), 422, 'validation'],
      [jsonInit(registration({ description: 'x'.repeat(5001) })), 422, 'validation'],
      [jsonInit(registration({ orgId: 1e308 })), 422, 'validation'],
      [jsonInit(registration({ orgId: -5 })), 422, 'validation'],
      [jsonInit(registration({ arrivedOn: '9999-99-99' })), 422, 'validation'],
      [jsonInit(registration({ applicantName: { $gt: '' } })), 422, 'validation'],
      [jsonInit(registration({ isAdmin: true, status: 'answered' })), 422, 'validation'],
      [jsonInit(registration({ channel: 'telepathy' })), 422, 'validation'],
      [jsonInit({ ...registration(), applicantName: 'x'.repeat(300_000) }), 413, 'too_large'],
    ];
    for (const [init, status, code] of cases) {
      const res = await call(casesRoute.POST, '/api/v1/cases', { ...init, token: full });
      const body = await conforms(res, '/api/v1/cases', 'POST');
      expect([res.status, body.code], JSON.stringify(body)).toEqual([status, code]);
      expect(typeof body.message).toBe('string');
    }
    expect(await caseCount()).toBe(before);
  });

  it('names the refused fields in issues, in the caller’s language', async () => {
    const zh = await conforms(
      await call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration({ unknownField: 1, mobile: '123' })), token: full }),
      '/api/v1/cases',
      'POST',
    );
    expect(zh.message).toMatch(/[\u4e00-\u9fff]/);
    const issues = zh.issues as { path: string; message: string }[];
    expect(issues.some((i) => i.message.includes('unknownField'))).toBe(true);
    const en = await conforms(
      await call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration({ unknownField: 1 }), { 'accept-language': 'en-US,en;q=0.9' }), token: full }),
      '/api/v1/cases',
      'POST',
    );
    expect(en.message).toMatch(/^[\x20-\x7e’]+$/);
    expect((en.issues as { message: string }[])[0].message).toMatch(/Fields not accepted: unknownField/);
  });

  it('answers 403 to a token without the register scope (audited) and 404 for an organisation outside the subtree', async () => {
    const before = await caseCount();
    const res = await call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration()), token: readOnly });
    expect(res.status).toBe(403);
    expect((await conforms(res, '/api/v1/cases', 'POST')).code).toBe('forbidden');
    const outside = await call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration({ orgId: tree.sibling.id })), token: full });
    expect(outside.status).toBe(404);
    await conforms(outside, '/api/v1/cases', 'POST');
    expect(await caseCount()).toBe(before);
    expect(await db.auditEvent.count({ where: { type: 'api.scope_denied', data: { path: ['scope'], equals: 'register' } } })).toBeGreaterThan(0);
  });
});

describe('read (GET /api/v1/cases/{ref})', () => {
  it('returns the case with its deadline ledger, documents and public history, by id or tracking number', async () => {
    const created = await conforms(await call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration({ channel: 'in_person' })), token: full }), '/api/v1/cases', 'POST');
    const byId = await conforms(await call(caseRoute.GET, `/api/v1/cases/${created.caseId}`, { token: readOnly }, { ref: created.caseId }), '/api/v1/cases/{ref}', 'GET');
    expect(byId.trackingNo).toBe(created.trackingNo);
    const ledger = byId.deadlines as Json;
    expect((ledger.dueDates as Json[]).find((d) => d.kind === 'answer')?.date).toBe(byId.answerDueOn);
    expect((ledger.steps as Json[]).some((s) => s.key === 'deadline.received' && String(s.text).includes('收到申请之日'))).toBe(true);
    expect((byId.history as Json[])[0]).toMatchObject({ type: 'registered', label: '登记申请' });
    expect((byId.applicant as Json).mobile).not.toBe('13900139000'); // masked
    const byNo = await call(caseRoute.GET, `/api/v1/cases/${created.trackingNo}`, { token: rootToken, headers: { 'accept-language': 'en' } }, { ref: created.trackingNo });
    const en = await conforms(byNo, '/api/v1/cases/{ref}', 'GET');
    expect(en.id).toBe(created.caseId);
    expect(((en.deadlines as Json).steps as Json[]).some((s) => String(s.text).includes('Legal receipt date'))).toBe(true);
  });

  it('answers 404 for another organisation’s case, an unknown id or a malformed reference', async () => {
    for (const ref of [otherCaseId, '00000000-0000-4000-8000-000000000000', 'GK2026-ZZZZZZZZ', '../../etc', 'x'.repeat(300)]) {
      const res = await call(caseRoute.GET, `/api/v1/cases/${encodeURIComponent(ref)}`, { token: full }, { ref });
      expect(res.status).toBe(404);
      expect((await conforms(res, '/api/v1/cases/{ref}', 'GET')).code).toBe('not_found');
    }
    // The sibling organisation's own token sees it.
    const own = await call(caseRoute.GET, `/api/v1/cases/${otherCaseId}`, { token: siblingToken }, { ref: otherCaseId });
    expect(own.status).toBe(200);
    await conforms(own, '/api/v1/cases/{ref}', 'GET');
  });
});

describe('list (GET /api/v1/cases)', () => {
  it('pages through the token’s subtree with the list filters and keyset cursors', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const qs: string = `status=open&sort=due&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const body = await conforms(await call(casesRoute.GET, `/api/v1/cases?${qs}`, { token: full }), '/api/v1/cases', 'GET');
      for (const item of body.items as Json[]) {
        expect((item.org as Json).id).toBe(tree.dept.id);
        expect(['answered', 'delivered', 'closed', 'archived']).not.toContain(item.status);
        seen.push(item.id as string);
      }
      cursor = body.nextCursor as string | null;
      if (!cursor) break;
    }
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await db.case.count({ where: { orgId: tree.dept.id, status: { in: ['pending_confirmation', 'in_progress', 'awaiting_correction', 'consulting', 'awaiting_fee', 'pending_approval'] } } }));
    expect(seen).not.toContain(otherCaseId);
    const filtered = await conforms(await call(casesRoute.GET, '/api/v1/cases?channel=in_person,online&type=natural_person&q=李四', { token: full }), '/api/v1/cases', 'GET');
    expect((filtered.items as Json[]).length).toBeGreaterThan(0);
  });

  it('refuses unknown parameters, bad values and forged cursors with 422', async () => {
    for (const qs of ['status=bogus', 'limit=1000', 'limit=-1', 'secret=1', 'cursor=eyJzIjoiZHVlIn0', 'org=99999999999', `q=${encodeURIComponent('a\u0000b')}`, 'sort=random']) {
      const res = await call(casesRoute.GET, `/api/v1/cases?${qs}`, { token: full });
      expect(res.status, qs).toBe(422);
      expect((await conforms(res, '/api/v1/cases', 'GET')).code).toBe('validation');
    }
  });
});

describe('transitions (POST /api/v1/cases/{ref}/transitions)', () => {
  it('applies a transition with compare-and-set: a stale version is 409 and changes nothing', async () => {
    const created = await conforms(await call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration()), token: full }), '/api/v1/cases', 'POST');
    const ref = created.caseId as string;
    const version = (created.case as Json).version as number;
    expect((created.case as Json).availableTransitions).toContain('confirm_receipt');
    const url = `/api/v1/cases/${ref}/transitions`;
    const ok = await call(transitionsRoute.POST, url, { ...jsonInit({ name: 'confirm_receipt', expectedVersion: version, input: { receivedOn: chinaToday(new Date()) } }), token: full }, { ref });
    expect(ok.status).toBe(200);
    const applied = await conforms(ok, '/api/v1/cases/{ref}/transitions', 'POST');
    expect(applied).toMatchObject({ status: 'in_progress', version: version + 1, event: 'receipt_confirmed' });
    expect(applied.answerDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const stale = await call(transitionsRoute.POST, url, { ...jsonInit({ name: 'claim', expectedVersion: version }), token: full }, { ref });
    expect(stale.status).toBe(409);
    expect((await conforms(stale, '/api/v1/cases/{ref}/transitions', 'POST')).code).toBe('conflict');
    const row = await db.case.findUniqueOrThrow({ where: { id: ref }, select: { version: true, assignedClerkId: true } });
    expect(row).toEqual({ version: version + 1, assignedClerkId: null });

    // Two parallel clicks with the same version: one wins, the other is 409.
    const both = await Promise.all([0, 1].map(() => call(transitionsRoute.POST, url, { ...jsonInit({ name: 'claim', expectedVersion: version + 1 }), token: full }, { ref })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    for (const r of both) await conforms(r, '/api/v1/cases/{ref}/transitions', 'POST');
    // The history names the token's service account.
    const event = await db.caseEvent.findFirstOrThrow({ where: { caseId: ref, type: 'receipt_confirmed' }, include: { actor: { select: { name: true } } } });
    expect(event.actor?.name).toBe('API：省政务服务平台');
  });

  it('applies the UI’s guards and roles, and refuses bad transition bodies', async () => {
    const created = await conforms(await call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration({ channel: 'in_person' })), token: full }), '/api/v1/cases', 'POST');
    const ref = created.caseId as string;
    const v = (created.case as Json).version as number;
    const url = `/api/v1/cases/${ref}/transitions`;
    const expectations: [unknown, number, string][] = [
      [{ name: 'approve_answer', expectedVersion: v }, 403, 'forbidden'], // a reviewer's step; the token acts as a clerk
      [{ name: 'confirm_receipt', expectedVersion: v, input: { receivedOn: chinaToday(new Date()) } }, 409, 'invalid_transition'], // already received
      [{ name: 'request_extension', expectedVersion: v, input: { days: 99, reason: '情况复杂' } }, 422, 'validation'], // guard: ≤ 20 days
      [{ name: 'fly_away', expectedVersion: v }, 422, 'validation'],
      [{ name: 'claim', expectedVersion: v, input: { extra: 1 } }, 422, 'validation'],
      [{ name: 'claim', expectedVersion: 'latest' }, 422, 'validation'],
      [{ name: 'claim', expectedVersion: 2 ** 40 }, 422, 'validation'],
      [{ name: 'claim' }, 422, 'validation'],
      [{ name: 'withdraw', expectedVersion: v, input: { reason: '\u0000' } }, 422, 'validation'],
      ['[]', 400, 'body_not_object'],
      ['{', 400, 'invalid_json'],
    ];
    for (const [body, status, code] of expectations) {
      const res = await call(transitionsRoute.POST, url, { ...jsonInit(body), token: full }, { ref });
      const out = await conforms(res, '/api/v1/cases/{ref}/transitions', 'POST');
      expect([res.status, out.code], `${JSON.stringify(body)} → ${JSON.stringify(out)}`).toEqual([status, code]);
    }
    expect((await db.case.findUniqueOrThrow({ where: { id: ref }, select: { version: true } })).version).toBe(v);
  });

  it('answers 403 without the transition scope and 404 for another organisation’s case', async () => {
    const denied = await call(transitionsRoute.POST, `/api/v1/cases/${otherCaseId}/transitions`, { ...jsonInit({ name: 'claim', expectedVersion: 0 }), token: readOnly }, { ref: otherCaseId });
    expect(denied.status).toBe(403);
    await conforms(denied, '/api/v1/cases/{ref}/transitions', 'POST');
    const hidden = await call(transitionsRoute.POST, `/api/v1/cases/${otherCaseId}/transitions`, { ...jsonInit({ name: 'claim', expectedVersion: 0 }), token: full }, { ref: otherCaseId });
    expect(hidden.status).toBe(404);
    await conforms(hidden, '/api/v1/cases/{ref}/transitions', 'POST');
    expect((await db.case.findUniqueOrThrow({ where: { id: otherCaseId }, select: { version: true } })).version).toBe(0);
  });
});

describe('methods, addresses and limits', () => {
  it('answers 405 with Allow for a wrong method and a JSON 404 for an unknown address', async () => {
    const put = await call(casesRoute.PUT, '/api/v1/cases', { method: 'PUT', token: full });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect((await conforms(put, '/api/v1/cases', 'PUT')).code).toBe('method_not_allowed');
    const get = await call(transitionsRoute.GET, '/api/v1/cases/x/transitions', { token: full }, { ref: 'x' });
    expect(get.status).toBe(405);
    await conforms(get, '/api/v1/cases/{ref}/transitions', 'GET');
    const del = await call(caseRoute.DELETE, '/api/v1/cases/x', { method: 'DELETE', headers: { 'accept-language': 'en' } }, { ref: 'x' });
    expect((await conforms(del, '/api/v1/cases/{ref}', 'DELETE')).message).toMatch(/does not accept DELETE/);
    const nowhere = await call(restRoute.GET, '/api/v1/nowhere', { token: full }, { rest: ['nowhere'] });
    expect(nowhere.status).toBe(404);
    await conforms(nowhere, '/api/v1/nowhere', 'GET');
  });

  it('rate-limits each token (429 with Retry-After), leaving other tokens alone', async () => {
    const burst = (await createApiToken(null, { orgId: tree.dept.id, name: 'burst', scopes: ['read'] })).token;
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < 151; i++) {
      // A cheap request (refused by validation after authentication and the limit): the limit counts requests.
      const res = await call(casesRoute.GET, '/api/v1/cases?status=bogus', { token: burst });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(statuses.slice(0, 150).every((s) => s === 422)).toBe(true);
    expect(statuses[150]).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await conforms(limited!, '/api/v1/cases', 'GET')).code).toBe('rate_limited');
    const other = await call(casesRoute.GET, '/api/v1/cases?limit=1', { token: readOnly });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
  });
});

describe('npm run cli -- api-token', () => {
  it('creates a token that is printed once and works against the API', () => {
    const orgCode = `T-cli-${randomBytes(3).toString('hex')}`;
    return (async () => {
      await db.organisation.update({ where: { id: tree.dept.id }, data: { code: orgCode } });
      const run = spawnSync(process.execPath, [path.join(process.cwd(), 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/cli.ts', 'api-token', 'create', '--org', orgCode, '--name', '12345热线', '--scopes', 'read,transition'], {
        env: { ...process.env },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const token = run.stdout.trim();
      expect(token).toMatch(/^gk_[A-Za-z0-9_-]{43}$/);
      const row = await db.apiToken.findFirstOrThrow({ where: { name: '12345热线' } });
      expect(row.tokenHash).not.toContain(token.slice(3)); // stored hashed
      expect(row.scopes).toEqual(['read', 'transition']);
      const res = await call(casesRoute.GET, '/api/v1/cases?limit=1', { token });
      expect(res.status).toBe(200);
      await conforms(res, '/api/v1/cases', 'GET');
      const refused = await call(casesRoute.POST, '/api/v1/cases', { ...jsonInit(registration()), token });
      expect(refused.status).toBe(403);
      await conforms(refused, '/api/v1/cases', 'POST');
      await expect(createApiTokenForOrgCode(null, { orgCode: 'NO-SUCH-ORG', name: 'x', scopes: ['read'] })).rejects.toMatchObject({ code: 'VALIDATION', messageKey: 'case.org_not_found' });
    })();
  }, 120_000);
});
