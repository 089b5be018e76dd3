/**
 * The citizen pages served by the Pages Router (/, /apply, /track; issue 13 item 2) among the App Router's
 * pages: links between the two routers load whole documents and pages become idle (the App Router's
 * prefetches of them are answered by proxy.ts), the language switch reloads the page in the other language,
 * the header knows who is signed in, and /track works without JavaScript.
 */
import { expect, test } from '@playwright/test';

test('App Router pages link to the citizen pages: idle after load, a click loads the page', async ({ page }) => {
  await page.goto('/signin');
  // The header's links to /, /apply and /track were prefetched; none of those requests may stay open.
  await page.waitForLoadState('networkidle', { timeout: 15_000 });
  await page.getByRole('navigation').getByRole('link', { name: '提交申请' }).click();
  await page.waitForURL('**/apply');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政府信息公开申请');
  await page.waitForLoadState('networkidle', { timeout: 15_000 });
  // And back from a citizen page to an App Router page.
  await page.getByRole('link', { name: '登录' }).click();
  await page.waitForURL('**/signin');
  await expect(page.locator('main h1').first()).toBeVisible();
});

test('the language switch on a citizen page reloads it in English, and back', async ({ page }) => {
  await page.goto('/track');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle('查询办理进度 · 公开');
  await page.getByTestId('language-switcher').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('track-submit')).toHaveText('Track');
  await expect(page.getByTestId('language-switcher')).toHaveValue('en');
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText('Apply for government information');
  await page.getByTestId('language-switcher').selectOption('zh-CN');
  await expect(page.locator('main h1')).toHaveText('政府信息公开申请');
});

test('/track without JavaScript: the form posts itself and a refusal comes back on the page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/track?trackingNo=gk2026-zzzzzzzz');
  await expect(page.locator('#trackingNo')).toHaveValue('GK2026-ZZZZZZZZ');
  await page.locator('#accessCode').fill('WRONGCODE0ABCDEF');
  await page.getByTestId('track-submit').click();
  await page.waitForURL(/\/track\?/);
  await expect(page.getByTestId('track-error')).toHaveText('申请编号或查询码不正确。');
  await expect(page.locator('#trackingNo')).toHaveValue('GK2026-ZZZZZZZZ');
  // Free text in the error parameter is never shown: only message keys are.
  await page.goto('/track?error=%3Cb%3Ehello%3C%2Fb%3E');
  await expect(page.getByTestId('track-error')).toHaveCount(0);
  await context.close();
});
