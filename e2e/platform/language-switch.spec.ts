/**
 * The language switch is a form (lib/i18n/locale-switch.ts): POST /api/locale sets the cookie and answers 303
 * back to the page. It used to be a React change handler that wrote the cookie and reloaded: a choice made
 * before the (re)loaded page had hydrated reached no handler and was silently lost (e2e/staff/staff-pages.spec.ts
 * failed switching back from English). Here the switch works on pages that never hydrate, on both routers,
 * without JavaScript at all, and when the user chooses again while the first choice is still in flight.
 */
import { expect, test } from '@playwright/test';
import { apiSignIn, demoLogin } from '../fixtures/auth';
import { switchLanguage } from '../fixtures/language';

const PAGES = [
  // A Pages Router page (the flaky spec's) and an App Router page.
  { path: '/staff', zh: '工作概况', en: 'Overview' },
  { path: '/staff/queue', zh: '待办', en: 'To do' },
];

test('switches and switches back on pages whose scripts never run (before hydration), on both routers', async ({
  page,
}) => {
  await apiSignIn(page, demoLogin('reviewer', 'SFS'));
  // No page script ever runs: only the document's inline switch script does.
  await page.route('**/_next/static/**/*.js', (route) => route.abort());
  for (const { path, zh, en } of PAGES) {
    await page.goto(path, { waitUntil: 'commit' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh);
    expect(await page.evaluate(() => 'next' in window), `${path} not hydrated`).toBe(false);
    await switchLanguage(page, 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en);
    // At once, on the page just loaded (still not hydrated): the switch that was lost before.
    await switchLanguage(page, 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh);
    expect(new URL(page.url()).pathname).toBe(path);
  }
});

test('on hydrated pages of both routers too, with no console error (hydration leaves the form alone)', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  await apiSignIn(page, demoLogin('reviewer', 'SFS'));
  for (const { path, zh, en } of PAGES) {
    await page.goto(path);
    await page.waitForLoadState('networkidle', { timeout: 15_000 });
    expect(await page.evaluate(() => 'next' in window), `${path} hydrated`).toBe(true);
    await switchLanguage(page, 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en);
    await page.waitForLoadState('networkidle', { timeout: 15_000 });
    await switchLanguage(page, 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh);
    await page.waitForLoadState('networkidle', { timeout: 15_000 });
  }
  expect(errors).toEqual([]);
});

test('choosing again while earlier choices are in flight ends in the last one chosen', async ({ page, context }) => {
  await apiSignIn(page, demoLogin('clerk', 'SFS'));
  await page.goto('/staff/cases?sort=created');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // The first two posts are held (a slow network); the third goes through at once.
  const posts: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/locale', async (route) => {
    posts.push(new URLSearchParams(route.request().postData() ?? '').get('locale') ?? '');
    if (posts.length <= 2) await held;
    await route.continue().catch(() => undefined); // the browser may have dropped it meanwhile
  });
  // The user's keys on the focused select (options 简体中文, English), on the page still shown while the posts
  // are held: Chromium answers no DevTools evaluation then, and Playwright's locators would wait for the
  // pending navigation, but input reaches the page as it reaches it from a user.
  await page.getByTestId('language-switcher').focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => posts).toEqual(['en']);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => posts).toEqual(['en', 'zh-CN']);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cases');
  expect(new URL(page.url()).search).toBe('?sort=created');
  expect(posts).toEqual(['en', 'zh-CN', 'en']);
  // The earlier choices go on late (their navigations were dropped): the last choice stays.
  release();
  await page.waitForTimeout(1000);
  expect((await context.cookies()).find((c) => c.name === 'NEXT_LOCALE')?.value).toBe('en');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the switch’s button posts the form, and the same page comes back in the other language', async ({ page }) => {
    await page.goto('/track?trackingNo=GK-NONE');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByTestId('language-switcher').selectOption('en');
    await page.getByTestId('language-submit').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/track?trackingNo=GK-NONE');
    await expect(page.getByTestId('track-submit')).toHaveText('Track');
    // An App Router page too.
    await page.goto('/signin');
    await expect(page.getByTestId('language-switcher')).toHaveValue('en');
    await page.getByTestId('language-switcher').selectOption('zh-CN');
    await page.getByTestId('language-submit').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    expect(new URL(page.url()).pathname).toBe('/signin');
  });
});

test('the route through the whole stack: a cross-site post is refused, a foreign way back goes home', async ({
  request,
  baseURL,
}) => {
  const crossSite = await request.post('/api/locale', {
    form: { locale: 'en', back: '/' },
    headers: { origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  expect(crossSite.headers()['set-cookie']).toBeUndefined();
  for (const back of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
    const res = await request.post('/api/locale', {
      form: { locale: 'en', back },
      headers: { origin: baseURL! },
      maxRedirects: 0,
    });
    expect(res.status(), back).toBe(303);
    expect(res.headers()['location'], back).toBe('/');
  }
  const unknown = await request.post('/api/locale', {
    form: { locale: 'xx\u0000', back: '/' },
    headers: { origin: baseURL! },
    maxRedirects: 0,
  });
  expect(unknown.status()).toBe(422);
  expect(await unknown.json()).toEqual({ error: 'errors.validation' });
});
