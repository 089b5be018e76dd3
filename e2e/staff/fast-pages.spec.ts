/**
 * The staff dashboard and register written by our own server without Next's pipeline once learnt from Next
 * (lib/staff-pages/fast-document.ts; issue 13 item 6). Bugs guarded against: a document that differs from
 * Next's (the browser would hydrate something else, or load other scripts), another request's nonce or user
 * in a page (another user's page from a learnt template must be the one Next writes for them), the fast path
 * never engaging, a compressed answer that is not what Next would send, hostile
 * query strings or cookies answered with a 500, and pages hydrating with errors.
 */
import { expect, test, type APIResponse } from '@playwright/test';
import { apiSignIn, demoLogin } from '../fixtures/auth';
import { pickOption } from '../fixtures/picker';

const RENDER = 'x-gongkai-render';

/** A document with its request's nonce blanked (the one thing two answers to one page may differ in). */
async function normalised(r: APIResponse): Promise<string> {
  const html = await r.text();
  const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
  expect(nonce, 'the document carries a nonce').toBeTruthy();
  return html.split(nonce!).join('NONCE');
}

test('after Next has served a page once, the server writes it itself: the same document, headers and nonce policy', async ({ page }) => {
  await apiSignIn(page, demoLogin('clerk', 'SFS'));
  // A query of its own, so that this test's first request is the one that learns its template (or meets one).
  for (const path of ['/staff/cases?overdue=1&sort=due&q=fast', '/staff/cases?sort=created', '/staff']) {
    // Each web worker learns a page and language from Next once (its first request for them, maybe in an
    // earlier spec), then writes it itself.
    const answers: APIResponse[] = [];
    for (let i = 0; i < 8; i++) answers.push(await page.request.get(path, { maxRedirects: 0 }));
    for (const r of answers) expect(r.status(), path).toBe(200);
    const direct = answers.filter((r) => r.headers()[RENDER] === 'direct');
    expect(direct.length, `${path}: written by our server once learnt`).toBeGreaterThanOrEqual(4);
    const docs = await Promise.all(answers.map(normalised));
    for (const d of docs) expect(d, path).toBe(docs[0]);
    // Each answer has its own nonce, on the policy and on every script.
    const nonces = await Promise.all(answers.map(async (r) => /nonce="([^"]+)"/.exec(await r.text())![1]));
    expect(new Set(nonces).size).toBe(answers.length);
    for (const [i, r] of answers.entries()) {
      const h = r.headers();
      expect(h['content-security-policy']).toContain(`'nonce-${nonces[i]}'`);
      expect(h['cache-control']).toBe('private, no-cache, no-store, max-age=0, must-revalidate');
      expect(h['content-type']).toBe('text/html; charset=utf-8');
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['x-frame-options']).toBe('DENY');
      expect(h['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  }
});

test('another user and language get their own page from the learnt template, and it hydrates without errors', async ({ browser }) => {
  const errors: string[] = [];
  for (const [login, lang] of [
    [demoLogin('clerk', 'SFS'), 'zh-CN'],
    [demoLogin('reviewer', 'SFS'), 'en'],
  ] as const) {
    const context = await browser.newContext({ locale: lang, extraHTTPHeaders: { 'Accept-Language': lang } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${login}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${login}: ${e.message}`));
    await apiSignIn(page, login);
    // Loaded until the worker answering has learnt the page (each learns it from Next once).
    let direct = false;
    for (let i = 0; i < 8 && !direct; i++) {
      const r = await page.goto('/staff/cases?overdue=1&sort=due');
      direct = r?.headers()[RENDER] === 'direct';
    }
    expect(direct).toBe(true);
    await page.waitForLoadState('networkidle', { timeout: 15_000 });
    // This user's page from the template another request taught is the page Next writes for this user.
    const path = '/staff/cases?overdue=1&sort=due';
    let ours: APIResponse | null = null;
    for (let i = 0; i < 8 && !ours; i++) {
      const r = await page.request.get(path);
      if (r.headers()[RENDER] === 'direct') ours = r;
    }
    const nexts = await page.request.get(path, { headers: { [RENDER]: 'next' } });
    expect(nexts.headers()[RENDER]).toBeUndefined();
    expect(await normalised(ours!)).toBe(await normalised(nexts));
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'en' ? 'Cases' : '申请件');
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    // Hydrated: the organisation picker answers typing with matches loaded on demand.
    await pickOption(page, page.getByRole('combobox', { name: lang === 'en' ? 'Organisation' : '受理机关' }), '示范市教育局');
    await context.close();
  }
  expect(errors).toEqual([]);
});

test('compressed as Next compresses, and hostile requests get a page or the sign-in redirect, never an error', async ({ page, request }) => {
  await apiSignIn(page, demoLogin('clerk', 'SFS'));
  const path = '/staff/cases?overdue=1&sort=due';
  const direct = async (headers: Record<string, string>) => {
    for (let i = 0; i < 8; i++) {
      const r = await page.request.fetch(path, { headers });
      if (r.headers()[RENDER] === 'direct') return r;
    }
    throw new Error('never written by our server');
  };
  const gz = await direct({ 'Accept-Encoding': 'gzip' });
  // Playwright decodes bodies itself; ask the server plainly too and compare the two.
  const plain = await direct({ 'Accept-Encoding': 'identity' });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect(gz.headers()['content-encoding']).toBe('gzip');
  expect(gz.headers()['vary']).toContain('Accept-Encoding');
  expect((await normalised(gz)).length).toBe((await normalised(plain)).length);

  const hostile = [
    '/staff/cases?q=%00%00&status=x&status=open&org=9999999999999999999999&cursor=%FF',
    `/staff/cases?q=${'长'.repeat(1000)}&sort=due&overdue=1`,
    '/staff/cases?__proto__[x]=1&constructor=2&due=-5',
    '/staff?x=%E0%A4%A',
    '/staff/cases?_rsc=abc&overdue=1&sort=due',
  ];
  for (const p of hostile) {
    for (let i = 0; i < 4; i++) {
      const r = await page.request.get(p, { maxRedirects: 0 });
      expect(r.status(), p.slice(0, 60)).toBe(200);
      expect(await r.text()).toContain('__NEXT_DATA__');
    }
  }
  // A forged session cookie: the sign-in page, from Next, as before.
  const forged = await request.get('/staff/cases', { headers: { Cookie: 'next-auth.session-token=x%00y' }, maxRedirects: 0 });
  expect([302, 303, 307]).toContain(forged.status());
  expect(forged.headers()['location']).toContain('/signin');
  expect(forged.headers()[RENDER]).toBeUndefined();
});
