/**
 * The Pages Router pages' client texts come from a cached script, not from the document (issue 13 item 6;
 * lib/i18n/message-asset-ref.ts): the document's JSON names the set (set, locale, hash), the browser loads
 * /i18n/<set>.<locale>.<hash>.js — with the CSP nonce, before Next's scripts — and the page hydrates with
 * those texts in both languages, without errors or hydration warnings. /apply and /track keep their sets in
 * the document (their first-load JavaScript budget, issue 13 item 2). Hostile asset names get 404.
 */
import { expect, test, type Page } from '@playwright/test';
import { apiSignIn, demoLogin } from '../fixtures/auth';

/** Console errors (React's hydration mismatches and CSP refusals are errors), page errors and failed responses. */
function watch(page: Page) {
  const problems: string[] = [];
  // Nothing is excused: React's form-replay script on /apply carries the nonce (lib/security/form-replay-nonce.ts)
  // and the favicon is served (app/favicon.ico).
  const note = (p: string) => problems.push(p);
  page.on('console', (m) => {
    // Errors, and the browser's complaints about our response headers at any level (an unknown Permissions-Policy feature).
    if (m.type() === 'error' || /Permissions-Policy|Content-Security-Policy/.test(m.text())) note(`${m.type()}: ${m.text()} (${page.url()} ${m.location().url})`);
  });
  page.on('pageerror', (e) => note(`pageerror: ${e.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) note(`${res.status()} ${res.url()}`);
  });
  const assets: { url: string; status: number; cacheControl: string | undefined; type: string | undefined }[] = [];
  page.on('response', (res) => {
    if (new URL(res.url()).pathname.startsWith('/i18n/')) assets.push({ url: res.url(), status: res.status(), cacheControl: res.headers()['cache-control'], type: res.headers()['content-type'] });
  });
  return { problems, assets };
}

/** Loads a page; checks its document names its message set instead of carrying it, and that the asset came. */
async function open(page: Page, seen: ReturnType<typeof watch>, path: string, set: string, locale: string, notInJson: string) {
  seen.assets.length = 0;
  const doc = await page.goto(path);
  expect(doc?.status(), path).toBe(200);
  await page.waitForLoadState('networkidle', { timeout: 15_000 });
  const html = await doc!.text();
  const json = html.match(/<script id="__NEXT_DATA__" type="application\/json"[^>]*>([\s\S]*?)<\/script>/)?.[1];
  expect(json, path).toBeTruthy();
  const { messages } = JSON.parse(json!).props.pageProps as { messages: { set: string; locale: string; hash: string } };
  expect(messages).toEqual({ set, locale, hash: expect.stringMatching(/^[0-9a-f]{16}$/) });
  expect(json, path).not.toContain(notInJson);
  // The HTML has the text (server render); the script tag comes before Next's own scripts.
  expect(html).toContain(notInJson);
  const src = `/i18n/${set}.${locale}.${messages.hash}.js`;
  const tag = html.indexOf(`src="${src}"`);
  expect(tag, path).toBeGreaterThan(0);
  const firstNextScript = html.search(/<script[^>]*\ssrc="\/_next\//);
  expect(firstNextScript, path).toBeGreaterThan(0);
  expect(tag).toBeLessThan(firstNextScript);
  expect(seen.assets.map((a) => new URL(a.url).pathname)).toEqual([src]);
  expect(seen.assets[0]).toMatchObject({ status: 200, cacheControl: 'public, max-age=31536000, immutable', type: 'text/javascript; charset=utf-8' });
  return messages.hash;
}

/** Loads a page whose set stays in the document (INLINE_MESSAGE_SETS): no asset, the messages in its JSON. */
async function openInline(page: Page, seen: ReturnType<typeof watch>, path: string, set: string, locale: string, inJson: string) {
  seen.assets.length = 0;
  const doc = await page.goto(path);
  expect(doc?.status(), path).toBe(200);
  await page.waitForLoadState('networkidle', { timeout: 15_000 });
  const { messages } = (await page.evaluate(() => JSON.parse(document.getElementById('__NEXT_DATA__')!.textContent!).props.pageProps)) as { messages: { set: string; locale: string; hash?: string } };
  expect(messages).toMatchObject({ set, locale });
  expect(messages.hash).toBeUndefined();
  expect(JSON.stringify(messages)).toContain(inJson);
  expect(seen.assets).toEqual([]);
}

test('citizen pages: the home page’s texts from the cached script, /apply’s and /track’s in the document, hydrated in both languages', async ({ page }) => {
  const seen = watch(page);
  await open(page, seen, '/', 'home', 'zh-CN', '跳到主要内容');
  await expect(page.locator('main h1')).toHaveText('政府信息公开申请');
  // The language switch (a form post: lib/i18n/locale-switch.ts) loads the page again in English.
  await page.getByTestId('language-switcher').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toHaveText('Apply for government information');
  await open(page, seen, '/', 'home', 'en', 'Skip to main content');
  await openInline(page, seen, '/apply', 'apply', 'en', 'Skip to main content');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apply for government information');
  await openInline(page, seen, '/track', 'track', 'en', 'Skip to main content');
  await expect(page.getByTestId('track-submit')).toHaveText('Track');
  await page.getByTestId('language-switcher').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('track-submit')).toHaveText('查询');
  expect(seen.problems).toEqual([]);
});

test('staff pages: texts from the cached script, hydrated in both languages', async ({ page }) => {
  const seen = watch(page);
  await apiSignIn(page, demoLogin('clerk', 'SFS'));
  await open(page, seen, '/staff/cases?overdue=1&sort=due', 'staffList', 'zh-CN', '跳到主要内容');
  await expect(page.getByRole('checkbox', { name: '只看已超期' })).toBeChecked();
  await page.getByTestId('language-switcher').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cases');
  // The reloaded page's own message script may still be on its way: let it land before counting the next page's.
  await page.waitForLoadState('networkidle', { timeout: 15_000 });
  await open(page, seen, '/staff', 'staffDashboard', 'en', 'Skip to main content');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  await page.getByTestId('language-switcher').selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作概况');
  expect(seen.problems).toEqual([]);
});

test('the asset route: the current name immutable, a stale hash the current set uncached, anything else 404', async ({ request }) => {
  const doc = await request.get('/');
  const hash = (await doc.text()).match(/\/i18n\/home\.zh-CN\.([0-9a-f]{16})\.js/)?.[1];
  expect(hash).toBeTruthy();
  const current = await request.get(`/i18n/home.zh-CN.${hash}.js`);
  expect(current.status()).toBe(200);
  expect(current.headers()['set-cookie']).toBeUndefined();
  const stale = await request.get(`/i18n/home.zh-CN.${hash === '0123456789abcdef' ? 'fedcba9876543210' : '0123456789abcdef'}.js`);
  expect(stale.status()).toBe(200);
  expect(stale.headers()['cache-control']).toBe('no-cache');
  expect(await stale.text()).toBe(await current.text());
  for (const path of [
    `/i18n/auth.zh-CN.${hash}.js`,
    `/i18n/apply.zh-CN.${hash}.js`, // a set that stays in its document
    `/i18n/home.fr.${hash}.js`,
    `/i18n/home.zh-CN.${hash}.js%00`,
    `/i18n/%00home.zh-CN.${hash}.js`,
    '/i18n/%E0%A4%A',
    `/i18n/${'a'.repeat(4000)}.js`,
    '/i18n/',
    '/i18n/..%2F..%2Fpackage.json',
  ]) {
    const res = await request.get(path);
    expect(res.status(), path.slice(0, 60)).toBeGreaterThanOrEqual(400);
    expect(res.status(), path.slice(0, 60)).toBeLessThan(500);
  }
});
