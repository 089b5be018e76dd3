/**
 * Fuzz test of every public form handler and the staff search (issue 8 item 7): thousands of generated
 * values — NUL bytes, lone surrogates, right-to-left overrides, control characters, huge strings, huge,
 * negative and NaN numbers, impossible and far-future dates, odd Unicode — sent to the real server actions
 * (application submission, registration, tracking look-up, 补正 answer, withdrawal), the sign-in check and the
 * staff case search, on the embedded PostgreSQL.
 *
 * Asserted for every request: nothing is thrown that would be a 5xx (only Next's redirect signal), the answer
 * is never the generic "system error", nothing unexpected is logged as an error, and a refused request stores
 * nothing (row counts of every table a form writes to are unchanged). At the end: no stored text holds a NUL,
 * a control or a bidi character.
 *
 * The only stand-ins are Next's request scope (next/headers: one client's headers and cookie jar;
 * next/cache: revalidation is a no-op outside a server): the actions, the library and the database are real.
 * Seeded PRNG (FUZZ_SEED to vary it), bounded counts (FUZZ_SCALE to multiply them); well under 60 s.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const scope = vi.hoisted(() => {
  // Per-address limits high enough that the fuzz reaches the code behind them (as the e2e suite does).
  // Sign-in and tracking keep their limits: once throttled they refuse cheaply (no Argon2), after the text
  // rule has already looked at the values.
  for (const name of ['SUBMITPERIP', 'SIGNUPPERIP']) process.env[`GONGKAI_LIMIT_${name}`] = '1000000';
  process.env.NEXTAUTH_SECRET ??= 'fuzz-test-secret-fuzz-test-secret-0123456789';
  return { headers: new Headers({ host: 'localhost', 'x-real-ip': '198.51.100.7' }), cookies: new Map<string, string>() };
});

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
    toString: () => [...scope.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
  return { headers: async () => scope.headers, cookies: async () => jar, draftMode: async () => ({ isEnabled: false }) };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, unstable_cache: <T>(fn: T) => fn }));
// next-auth reads Next's request scope through a CommonJS require the mock above cannot reach: the visitor
// has no session (every public form is used anonymously here; sign-in itself is fuzzed through authorize).
vi.mock('next-auth', async (original) => ({ ...(await original<typeof import('next-auth')>()), getServerSession: async () => null }));

import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { listCases } from '@/lib/cases/queries';
import { transitionCase } from '@/lib/cases/transition-case';
import { authOptions } from '@/lib/auth/options';
import { submitApplicationAction } from '@/app/(public)/apply/actions';
import { startRegistrationAction } from '@/app/(public)/register/actions';
import { submitCorrectionAction, trackLookupAction, withdrawAction } from '@/app/(public)/track/actions';
import { parseListQuery } from '@/app/(staff)/staff/cases/list-params';
import { DomainError } from '@/lib/errors';

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const SCALE = Math.max(0.1, Number(process.env.FUZZ_SCALE ?? 1));
const n = (count: number) => Math.round(count * SCALE);

/** mulberry32: small, fast, good enough to pick test values reproducibly. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}
type Rng = ReturnType<typeof prng>;

const HOSTILE: readonly string[] = [
  '', ' ', '\u0000', 'a\u0000b', '\u0000'.repeat(50), '\ud800', 'x\udfffy', '\udbff\u0000', 'scan\u202efdp.txt', '\u202e\u2066张三\u2069',
  '\u200f\u061c', '\u0001\u0002\u001b[31mred', '\r\n\r\n', '\t\t', '\u0085\u009f', '\ufeff', '\uffff\ufffe', 'x'.repeat(10_001), '长'.repeat(60_000),
  '1e11', '100000000000', '-1', '0', 'NaN', 'Infinity', '-Infinity', '0x10', '1.5', '9'.repeat(40), '-0', '1e-7', '2147483648', '-2147483649',
  '2030-01-01', '0000-00-00', '2026-02-30', '9999-12-31', '2410-03-26', '1969-12-31', '2026-13-01', '20260302', '+275760-09-13',
  "' OR 1=1 --", "'; DROP TABLE cases; --", '<script>alert(1)</script>', '../../etc/passwd', '%00', '%5C%5Cevil.example', '😀👩‍👩‍👧', 'e\u0301',
  '１２３', '\u3000', 'null', 'undefined', '[object Object]', '{"a":1}', '__proto__', 'constructor', 'GK2026-\u0000', '11010520300101001X',
];

const RANGES: readonly [number, number][] = [
  [0x00, 0x1f], [0x20, 0x7e], [0x7f, 0x9f], [0x4e00, 0x9fa5], [0xd800, 0xdfff], [0x202a, 0x202e], [0x2066, 0x2069], [0xfff0, 0xffff], [0x1f600, 0x1f64f],
];

/** A random string: mostly hostile code points, sometimes one of the known hostile values. */
function hostile(rng: Rng): string {
  stats.values++;
  if (rng.chance(0.55)) return rng.pick(HOSTILE);
  const length = rng.chance(0.05) ? 5_000 + rng.int(20_000) : rng.int(40);
  let out = '';
  for (let i = 0; i < length; i++) {
    const [lo, hi] = rng.pick(RANGES);
    out += String.fromCodePoint(lo + rng.int(hi - lo + 1));
  }
  return out;
}

/** A random number as text: any magnitude, sign, fraction, exponent, or none at all. */
function number(rng: Rng): string {
  stats.values++;
  return rng.pick([
    () => String(rng.int(100)),
    () => String(-rng.int(1e6)),
    () => String(rng.next() * 10 ** rng.int(30)),
    () => `${rng.int(10)}e${rng.int(400)}`,
    () => rng.pick(['NaN', 'Infinity', '', ' ', '0', '-0', '1.999', '9007199254740993']),
  ])();
}

/**
 * The base form with some fields replaced by hostile values, some dropped, some unknown ones added. With
 * probability `refusedShare` one field certainly carries a refused character (NUL, lone surrogate), so the
 * expensive paths behind validation (Argon2 for access codes and passwords) are reached by the rest only.
 */
function mutate(rng: Rng, base: Record<string, string>, extraFields: readonly string[] = [], refusedShare = 0): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) {
    if (rng.chance(0.05)) continue; // field missing
    out[k] = rng.chance(0.3) ? (rng.chance(0.2) ? number(rng) : hostile(rng)) : v;
  }
  for (const k of extraFields) if (rng.chance(0.2)) out[k] = hostile(rng);
  if (rng.chance(0.05)) out[hostile(rng).slice(0, 30) || 'x'] = hostile(rng);
  if (rng.chance(refusedShare)) {
    const key = rng.pick(Object.keys(base));
    out[key] = `${out[key] ?? ''}${rng.pick(['\u0000', '\ud800', '\udfff'])}${hostile(rng)}`;
  }
  return out;
}

function formData(values: Record<string, string>, files: Record<string, File[]> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.append(k, v);
  for (const [k, list] of Object.entries(files)) for (const f of list) form.append(k, f);
  return form;
}

function hostileFiles(rng: Rng): File[] {
  const count = rng.chance(0.6) ? 0 : 1 + rng.int(rng.chance(0.1) ? 7 : 3);
  const files: File[] = [];
  for (let i = 0; i < count; i++) {
    const name = rng.chance(0.5) ? hostile(rng).slice(0, 300) : rng.pick(['scan\u202efdp.txt', 'a.pdf', '补正材料.docx', '', 'x\u0000.pdf']);
    const kind = rng.int(5);
    const body =
      kind === 0
        ? new TextEncoder().encode(`%PDF-1.7\n${hostile(rng)}\n%%EOF`)
        : kind === 1
          ? new TextEncoder().encode(hostile(rng))
          : kind === 2
            ? Uint8Array.from({ length: rng.int(2000) }, () => rng.int(256))
            : kind === 3
              ? new TextEncoder().encode('<html><script>alert(1)</script></html>')
              : new Uint8Array(rng.chance(0.2) ? 10 * 1024 * 1024 + 1 : 0);
    files.push(new File([body], name, { type: rng.pick(['application/pdf', 'text/html', '', 'image/png']) }));
  }
  return files;
}

// ── what every answer must satisfy ───────────────────────────────────────────────────────────────────────

const COUNTED_TABLES = ['cases', 'case_events', 'attachments', 'users', 'outbox_messages', 'correction_requests', 'audit_events'] as const;

async function rowCounts(): Promise<string> {
  const rows = await db.$queryRawUnsafe<Record<string, bigint>[]>(
    `SELECT ${COUNTED_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`,
  );
  return COUNTED_TABLES.map((t) => `${t}=${rows[0][t]}`).join(' ');
}

const stats = { calls: 0, values: 0, refused: 0, accepted: 0, redirects: 0 };
const errorLog = vi.spyOn(console, 'error');

function isRedirect(e: unknown): boolean {
  const digest = (e as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT');
}

/**
 * Runs one request: it must not throw (a redirect is a success), must not answer the generic error, and
 * when refused must leave every counted table as it was.
 */
async function probe(label: string, input: unknown, call: () => Promise<unknown>): Promise<'accepted' | 'refused'> {
  stats.calls++;
  const before = await rowCounts();
  let result: unknown;
  try {
    result = await call();
  } catch (e) {
    if (isRedirect(e)) {
      stats.redirects++;
      return 'accepted';
    }
    throw new Error(`${label} threw for ${JSON.stringify(input)?.slice(0, 500)} (seed ${SEED}): ${String(e)}`, { cause: e });
  }
  const state = result as { ok?: boolean; messageKey?: string } | null;
  expect(state?.messageKey, `${label} answered the generic error for ${JSON.stringify(input)?.slice(0, 500)} (seed ${SEED})`).not.toBe('errors.generic');
  if (state && state.ok === false) {
    stats.refused++;
    expect(await rowCounts(), `${label} stored something for a refused request ${JSON.stringify(input)?.slice(0, 500)}`).toBe(before);
    return 'refused';
  }
  stats.accepted++;
  return 'accepted';
}

// ── fixtures ──────────────────────────────────────────────────────────────────────────────────────────────

let orgs: OrgTree;
let clerk: Actor;
let portalForm: Record<string, string>;

async function portalCase(rng: Rng): Promise<{ caseId: string; trackingNo: string; accessCode: string; version: number }> {
  const result = (await submitApplicationAction(null, formData({ ...portalForm, submissionKey: `fuzz-${rng.int(1e9)}-${Date.now()}` }))) as {
    ok: boolean;
    data: { caseId: string; trackingNo: string; accessCode: string };
  };
  expect(result.ok).toBe(true);
  return { ...result.data, version: 0 };
}

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '经办人');
  portalForm = {
    applicantType: 'natural_person',
    applicantName: '李四',
    idDocType: 'resident_id',
    idNumber: '11010519491231002X',
    orgId: String(orgs.dept.id),
    mobile: '13900139000',
    email: 'lisi@example.cn',
    postalAddress: '',
    postalCode: '',
    description: '示范市2025年道路维修资金使用情况',
    documentRef: '',
    requestedForm: 'electronic',
    deliveryMethod: 'online_download',
  };
  errorLog.mockClear();
});

afterAll(() => {
  console.info(`[fuzz] seed ${SEED}: ${stats.values} generated values in ${stats.calls} requests, ${stats.accepted} accepted, ${stats.redirects} redirects, ${stats.refused} refused`);
});

describe(`fuzzing the public forms and the staff search (seed ${SEED})`, () => {
  it('application submission', async () => {
    const rng = prng(SEED + 1);
    let accepted = 0;
    for (let i = 0; i < n(300); i++) {
      const values = mutate(rng, { ...portalForm, submissionKey: `fuzz-apply-${i}-${SEED}` }, ['uscc', 'legalRepresentative', 'contactPerson'], 0.3);
      if (rng.chance(0.1)) values.applicantType = rng.pick(['commercial_enterprise', 'other_org', 'natural_person']);
      const files = { files: hostileFiles(rng) };
      if ((await probe('apply', values, () => submitApplicationAction(null, formData(values, files)))) === 'accepted') accepted++;
    }
    expect(accepted).toBeGreaterThan(0); // the generator also produces valid applications
  });

  it('registration', async () => {
    const rng = prng(SEED + 2);
    for (let i = 0; i < n(200); i++) {
      const base = { name: '王五', identifier: rng.chance(0.5) ? `fuzz${i}@example.cn` : `139${String(10_000_000 + i).slice(-8)}`, password: 'correct horse battery' };
      const values = mutate(rng, base, ['code', 'otp'], 0.6);
      await probe('register', values, () => startRegistrationAction(null, formData(values)));
    }
  });

  it('sign-in', async () => {
    const rng = prng(SEED + 3);
    type Authorize = (credentials: Record<string, string>, req: unknown) => Promise<unknown>;
    const provider = authOptions.providers[0] as unknown as { options?: { authorize?: Authorize }; authorize?: Authorize };
    const authorize = (provider.options?.authorize ?? provider.authorize)!;
    for (let i = 0; i < n(100); i++) {
      const credentials = mutate(rng, { identifier: rng.chance(0.5) ? '13900139000' : 'x@example.cn', password: 'wrong password' });
      stats.calls++;
      const before = await rowCounts();
      const outcome = await authorize(credentials, { headers: { 'x-real-ip': '198.51.100.8' } }).then(
        (user) => ({ user }),
        (e: unknown) => ({ error: e as Error }),
      );
      // Refusals are next-auth's own error codes (shown as ?error=…), never a database error; a refused
      // sign-in writes its audit event (auth.sign_in_failed / _throttled) and nothing else.
      if ('error' in outcome) expect(['failed', 'throttled', 'CredentialsSignin'], String(outcome.error)).toContain(outcome.error.message);
      else expect(outcome.user).toBeNull();
      const withoutAudit = (counts: string) => counts.replace(/ audit_events=\d+/, '');
      expect(withoutAudit(await rowCounts())).toBe(withoutAudit(before));
      stats.refused++;
    }
  });

  it('tracking look-up', async () => {
    const rng = prng(SEED + 4);
    const known = await portalCase(rng);
    for (let i = 0; i < n(300); i++) {
      const values = mutate(rng, { trackingNo: rng.chance(0.5) ? known.trackingNo : 'GK2026-ABCDEFGH', accessCode: rng.chance(0.1) ? known.accessCode : 'AAAA-BBBB-CCCC-DDDD' }, [], 0.5);
      await probe('track', values, () => trackLookupAction(null, formData(values)));
    }
  });

  it('补正 answers (text and files)', async () => {
    const rng = prng(SEED + 5);
    const target = await portalCase(rng);
    const today = chinaToday(new Date());
    let version = (await transitionCase({ caseId: target.caseId, expectedVersion: 0, name: 'confirm_receipt', input: { receivedOn: today }, actor: clerk, now: new Date() })).version;
    version = (
      await transitionCase({ caseId: target.caseId, expectedVersion: version, name: 'request_correction', input: { items: '请补充身份证明', periodDays: 15 }, actor: clerk, now: new Date() })
    ).version;
    for (let i = 0; i < n(150); i++) {
      const current = (await db.case.findUniqueOrThrow({ where: { id: target.caseId }, select: { version: true } })).version;
      const values = mutate(rng, { caseId: target.caseId, version: String(rng.chance(0.7) ? current : rng.int(5)), correctionText: '已补充身份证复印件' }, [], 0.75);
      const files = { correctionFiles: hostileFiles(rng) };
      await probe('correction', values, () => submitCorrectionAction(null, formData(values, files)));
    }
    expect(version).toBeGreaterThan(0);
  });

  it('withdrawal', async () => {
    const rng = prng(SEED + 6);
    let target = await portalCase(rng);
    for (let i = 0; i < n(120); i++) {
      const values = mutate(rng, { caseId: target.caseId, version: String(rng.chance(0.8) ? 99 : 0), reason: '不再需要', returnTo: `/track/${target.trackingNo}` }, [], 0.8);
      const outcome = await probe('withdraw', values, () => withdrawAction(null, formData(values)));
      if (outcome === 'accepted') target = await portalCase(rng); // withdrawn: fuzz the next one
    }
  });

  it('staff case search', async () => {
    const rng = prng(SEED + 7);
    const keys = ['q', 'status', 'org', 'sub', 'clerk', 'channel', 'type', 'outcome', 'year', 'due', 'overdue', 'sort', 'cursor'];
    for (let i = 0; i < n(500); i++) {
      const raw: Record<string, string | string[]> = {};
      for (const k of keys) if (rng.chance(0.4)) raw[k] = rng.chance(0.1) ? [hostile(rng), hostile(rng)] : rng.chance(0.3) ? number(rng) : hostile(rng);
      if (rng.chance(0.3)) raw.q = rng.pick(['GK2026', '李四', '道路', 'GK', '%', '_', '\\']);
      if (rng.chance(0.2)) {
        // A well-formed cursor with hostile contents (the page's own cursors are base64url JSON).
        const v = rng.pick([null, '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '2026-03-02T00:00:00Z', 'x', 1e300]);
        const id = rng.pick(['00000000-0000-0000-0000-000000000000', 'not-a-uuid', clerk.id]);
        raw.cursor = Buffer.from(JSON.stringify({ s: rng.pick(['received', 'created', 'due']), v, id })).toString('base64url');
      }
      stats.calls++;
      const query = parseListQuery(raw);
      // As the page does (lib/staff-pages/server.ts loadStaffCaseList): a refused cursor shows the first page.
      const list = (cursor: string | null) => listCases(clerk, query.filters, { sort: query.sort, cursor });
      const result = await list(query.cursor)
        .catch((e: unknown) => {
          if (e instanceof DomainError && e.code === 'VALIDATION') return list(null);
          throw e;
        })
        .catch((e: unknown) => {
          throw new Error(`staff search threw for ${JSON.stringify(raw).slice(0, 500)} (seed ${SEED}): ${String(e)}`, { cause: e });
        });
      expect(Array.isArray(result.items)).toBe(true);
    }
  });

  it('stored nothing hostile and logged no unexpected error', async () => {
    const dirty = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM cases
      WHERE applicant_name ~ '[\u0001-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]'
         OR coalesce(description, '') ~ '[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]'`;
    expect(Number(dirty[0].n)).toBe(0);
    const files = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM attachments WHERE filename ~ '[\u0001-\u001f\u007f\u202a-\u202e\u2066-\u2069]'`;
    expect(Number(files[0].n)).toBe(0);
    const unexpected = errorLog.mock.calls.filter((args) => /unexpected|failed/.test(String(args[0])));
    expect(unexpected.map((a) => String(a[0]) + String(a[1]).slice(0, 200))).toEqual([]);
    expect(stats.calls).toBeGreaterThan(n(1500));
    expect(stats.values).toBeGreaterThan(n(5000));
  });
});
