/**
 * The staff dashboard and case register served by the Pages Router (/staff, /staff/cases; issue 13 item 1)
 * among the staff workspace's App Router pages: the App Router header's links load them as documents and
 * pages become idle (proxy.ts answers the App Router's prefetches of them), their own links lead back, the
 * register's picker loads matches on demand and the GET form filters, and the language switch (a form post)
 * loads the page again in the other language.
 */
import { expect, test } from '@playwright/test';
import { apiSignIn, demoLogin } from '../fixtures/auth';
import { switchLanguage } from '../fixtures/language';
import { pickOption } from '../fixtures/picker';

test('a clerk goes from an App Router page to the register and back, filters by organisation and sorts', async ({ page }) => {
  await apiSignIn(page, demoLogin('clerk', 'SFS'));
  await page.goto('/staff/queue');
  await page.waitForLoadState('networkidle', { timeout: 15_000 });
  await page.getByRole('navigation').getByRole('link', { name: '申请件' }).click();
  await page.waitForURL('**/staff/cases');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请件');
  await expect(page.getByTestId('case-row').first()).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page.waitForLoadState('networkidle', { timeout: 15_000 });

  // The organisation picker loads its matches on demand; the GET form carries the choice.
  await pickOption(page, page.getByRole('combobox', { name: '受理机关' }), '示范市教育局');
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(/\/staff\/cases\?.*org=\d+/);
  await expect(page.getByRole('combobox', { name: '受理机关' })).toHaveValue('示范市教育局');
  await expect(page.getByTestId('result-count')).toBeVisible();

  // Sorting keeps the filter; the nav leads back to an App Router page.
  await page.getByRole('link', { name: '答复期限' }).first().click();
  await page.waitForURL(/sort=due/);
  expect(new URL(page.url()).searchParams.get('org')).toMatch(/^\d+$/);
  await page.getByRole('navigation').getByRole('link', { name: /待办/ }).click();
  await page.waitForURL('**/staff/queue');
});

test('the dashboard links to the filtered register and switches language', async ({ page }) => {
  await apiSignIn(page, demoLogin('reviewer', 'SFS'));
  await page.goto('/staff');
  await expect(page).toHaveTitle('公开 · 政府信息公开申请办理系统');
  await expect(page.getByTestId('dashboard-overdue')).toBeVisible();
  // The switch is a form (lib/i18n/locale-switch.ts): it works whether or not the page has hydrated yet, and
  // switchLanguage waits for its post and for the page back in the other language, nothing else. (It was a
  // React handler: switching back before the reloaded page had hydrated was lost, and this test failed.)
  await switchLanguage(page, 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  await switchLanguage(page, 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作概况');
  await page.getByTestId('dashboard-overdue').click();
  await page.waitForURL(/\/staff\/cases\?overdue=1&sort=due/);
  await expect(page.getByRole('checkbox', { name: '只看已超期' })).toBeChecked();
});

test('the register’s rows are written once and survive hydration and the language switch', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await apiSignIn(page, demoLogin('clerk', 'SFS'));
  await page.goto('/staff/cases?sort=created');
  await page.waitForLoadState('networkidle', { timeout: 15_000 });
  const rows = page.getByTestId('case-row');
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  // The page's JSON carries no rows (only their count and key): they are in the HTML once.
  const data = await page.evaluate(() => JSON.parse(document.getElementById('__NEXT_DATA__')!.textContent!).props.pageProps);
  expect(data.rows).toBeNull();
  expect(data.rowCount).toBe(count);
  // The form's plain fields, sort links and column heads are markup rendered once (register-static.tsx): in the
  // HTML, not in the JSON, and hydration leaves them as they are.
  expect(data.registerHtml).toBeNull();
  expect(await page.locator('#__NEXT_DATA__').textContent()).not.toContain('f-status');
  await expect(page.locator(`[data-html="${data.registerKey}.fieldsB"] #f-overdue`)).toHaveCount(1);
  await expect(page.getByRole('link', { name: /登记时间/ })).toHaveAttribute('aria-current', 'true');
  const first = await rows.first().getAttribute('data-tracking-no');
  expect(await page.locator('#__NEXT_DATA__').textContent()).not.toContain(first!);
  // Hydrated (the picker answers) and the rows are still those of the document.
  await pickOption(page, page.getByRole('combobox', { name: '受理机关' }), '示范市教育局');
  await expect(rows).toHaveCount(count);
  await expect(rows.first()).toHaveAttribute('data-tracking-no', first!);
  await expect(rows.first().getByTestId('case-status')).not.toBeEmpty();
  // The plain fields work after hydration: the search text goes with the form, the sort kept.
  await page.getByLabel('查询', { exact: true }).fill('不存在的申请 <x>');
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(/q=/);
  expect(new URL(page.url()).searchParams.get('q')).toBe('不存在的申请 <x>');
  expect(new URL(page.url()).searchParams.get('sort')).toBe('created');
  await expect(page.getByLabel('查询', { exact: true })).toHaveValue('不存在的申请 <x>');
  await page.goto('/staff/cases?sort=created');
  await page.waitForLoadState('networkidle', { timeout: 15_000 });
  // The language switch loads the page again, with its query; the rows' labels follow.
  await switchLanguage(page, 'en');
  expect(new URL(page.url()).search).toBe('?sort=created');
  await expect(rows.first()).toHaveAttribute('data-tracking-no', first!);
  const status = await rows.first().getByTestId('case-status').textContent();
  expect(status).toMatch(/^[\x20-\x7e]+$/);
  await switchLanguage(page, 'zh-CN');
  expect(errors).toEqual([]);
});
