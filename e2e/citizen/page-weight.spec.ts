/**
 * Issue 13 item 2 in Chromium: the citizen pages' first load. Every script the browser fetches while the page
 * loads and settles (network idle) counts, each gzip-compressed as a server would send it; so does the HTML
 * document. Limits: ≤ 120 KB gzip of JavaScript and ≤ 15 KB gzip of HTML on /, /apply and /track, for an
 * anonymous visitor and for a signed-in applicant (whose page also asks who is signed in).
 */
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { registerAndSignIn } from './portal-helpers';

const KB = 1024;
const JS_LIMIT = 120 * KB;
const HTML_LIMIT = 15 * KB;
const PAGES = ['/', '/apply', '/track'] as const;

async function firstLoad(page: Page, path: string) {
  const scripts = new Map<string, number>();
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    pending.push(
      res.body().then(
        (body) => void scripts.set(res.url(), gzipSync(body).length),
        () => undefined,
      ),
    );
  });
  const doc = await page.goto(path);
  expect(doc?.status(), path).toBe(200);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('main h1').first()).toBeVisible();
  await Promise.all(pending);
  const html = gzipSync(await doc!.body()).length;
  const js = [...scripts.values()].reduce((a, b) => a + b, 0);
  return { html, js, scripts: [...scripts.entries()].map(([url, gz]) => `${new URL(url).pathname} ${(gz / KB).toFixed(1)} KB`) };
}

function check(path: string, w: Awaited<ReturnType<typeof firstLoad>>) {
  const report = `${path}: JS ${(w.js / KB).toFixed(1)} KB gzip, HTML ${(w.html / KB).toFixed(1)} KB gzip\n  ${w.scripts.join('\n  ')}`;
  test.info().annotations.push({ type: 'page weight', description: report });
  expect(w.scripts.length, report).toBeGreaterThan(0);
  expect(w.js, report).toBeLessThanOrEqual(JS_LIMIT);
  expect(w.html, report).toBeLessThanOrEqual(HTML_LIMIT);
}

test('citizen pages: first-load JS ≤ 120 KB gzip and HTML ≤ 15 KB gzip, anonymous', async ({ browser }) => {
  for (const path of PAGES) {
    // A fresh context per page: nothing cached from the page before.
    const context = await browser.newContext({ locale: 'zh-CN' });
    check(path, await firstLoad(await context.newPage(), path));
    await context.close();
  }
});

test('citizen pages: the same limits for a signed-in applicant', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: 'zh-CN' });
  const setup = await context.newPage();
  await registerAndSignIn(setup, '赵六');
  const cookies = await context.cookies();
  await context.close();
  for (const path of PAGES) {
    const fresh = await browser.newContext({ locale: 'zh-CN' });
    await fresh.addCookies(cookies);
    const page = await fresh.newPage();
    const weight = await firstLoad(page, path);
    await expect(page.getByTestId('signed-in-as')).toBeAttached();
    check(path, weight);
    await fresh.close();
  }
});
