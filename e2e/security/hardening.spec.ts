/**
 * Issue 8 against the running app (scripts/server.mjs in front of Next.js): forged client-address headers do
 * not dodge throttles, security headers and CSP nonces on pages, same-origin redirects after sign-in,
 * registration that does not tell whether a number is taken, and sessions that end everywhere.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiSignIn, DEMO_PASSWORD, demoLogin } from '../fixtures/auth';
import { registerAndSignIn } from '../citizen/portal-helpers';

async function postSignIn(request: APIRequestContext, identifier: string, password: string, headers: Record<string, string>) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await request.post('/api/auth/callback/credentials', { form: { csrfToken, identifier, password, json: 'true' }, headers, maxRedirects: 0 });
  return ((await res.json()) as { url: string }).url;
}

test('forged X-Forwarded-For, X-Real-IP and peer headers do not reset the per-account-and-address limit', async ({ request }) => {
  const account = `nobody.${Date.now()}@example.cn`;
  const urls: string[] = [];
  for (let i = 1; i <= 7; i++) {
    urls.push(
      await postSignIn(request, account, `wrong-${i}`, {
        'X-Forwarded-For': `203.0.113.${i}`,
        'X-Real-IP': `198.51.100.${i}`,
        'X-Gongkai-Peer': `192.0.2.${i}`,
      }),
    );
  }
  expect(urls.slice(0, 5).every((u) => u.includes('error=failed'))).toBe(true);
  expect(urls.slice(5).every((u) => u.includes('error=throttled'))).toBe(true);
});

test('pages carry a nonce CSP (every script has the nonce), Permissions-Policy, no framing; no HSTS over http', async ({ request }) => {
  for (const path of ['/', '/signin', '/apply', '/track']) {
    const res = await request.get(path);
    const csp = res.headers()['content-security-policy'] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, `${path} has a CSP nonce`).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers()['permissions-policy']).toContain('camera=()');
    expect(res.headers()['strict-transport-security']).toBeUndefined();
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, `${path}: ${tag}`).toContain(`nonce="${nonce}"`);
  }
  const again = await request.get('/signin');
  expect(again.headers()['content-security-policy']).not.toBe((await request.get('/signin')).headers()['content-security-policy']);
});

for (const evil of ['/%5Cevil.example/x', '/%09/evil.example/x', '/%5C%5Cevil.example/x', '//evil.example', 'https://evil.example/', 'javascript:alert(1)']) {
  test(`after a genuine sign-in, callbackUrl=${evil} stays on this site`, async ({ page, baseURL }) => {
    await page.goto(`/signin?callbackUrl=${evil}`);
    await page.locator('#identifier').fill(demoLogin('applicant', null));
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/' || !url.href.startsWith(`${baseURL}/signin`));
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
}

test('registration answers a taken number exactly like a free one', async ({ page }) => {
  const status = async (identifier: string) => {
    await page.goto('/register');
    await page.locator('#name').fill('试探');
    await page.locator('#identifier').fill(identifier);
    await page.locator('#password').fill('Probe@2026!');
    await page.locator('form button[type=submit]').click();
    await expect(page.getByTestId('register-code-form')).toBeVisible();
    return page.getByTestId('register-code-form').getByRole('status').textContent();
  };
  const taken = await status('13800000001'); // the demo applicant
  const staff = await status(demoLogin('clerk'));
  const free = await status(`136${String(Date.now()).slice(-8)}`);
  expect(taken).toBe(free);
  expect(staff).toBe(free);
});

test('sign-out ends a copied session; "sign out everywhere" ends the user’s sessions (admin)', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { login } = await registerAndSignIn(page, '会话测试');
  // A copy of the session cookie in another browser.
  const copy = await browser.newContext();
  await copy.addCookies(await page.context().cookies());
  const copied = await copy.newPage();
  await copied.goto('/my');
  await expect(copied).toHaveURL(/\/my$/);

  // "Sign out everywhere" by an admin ends both.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await apiSignIn(admin, demoLogin('admin'));
  await admin.goto(`/admin/users?tab=applicants&q=${login}`);
  await admin.getByTestId('applicant-users').getByTestId('sign-out-everywhere').first().click();
  await expect(admin.getByRole('status').filter({ hasText: '所有登录会话已结束' })).toBeVisible();
  await copied.goto('/my');
  await expect(copied).toHaveURL(/\/signin/);
  await page.goto('/my');
  await expect(page).toHaveURL(/\/signin/);

  // Signing in again and then out: the copied cookie stops working too.
  await apiSignIn(page, login, 'Portal@2026!');
  await copy.clearCookies();
  await copy.addCookies(await page.context().cookies());
  await copied.goto('/my');
  await expect(copied).toHaveURL(/\/my$/);
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await page.request.post('/api/auth/signout', { form: { csrfToken, json: 'true' } });
  await expect
    .poll(async () => {
      await copied.goto('/my');
      return copied.url();
    }, { timeout: 15_000 })
    .toMatch(/\/signin/);
  await copy.close();
  await adminContext.close();
});
