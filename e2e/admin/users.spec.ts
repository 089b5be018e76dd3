/**
 * Admin account management: an admin creates a clerk account in the UI, the clerk can sign in with it and
 * works in their organisation's scope; once deactivated, the same session loses access at once
 * (lib/auth/session.ts reads isActive on every request).
 */
import { expect, test } from '@playwright/test';
import { apiSignIn } from '../fixtures/auth';
import { pickOption } from '../fixtures/picker';

test('admin creates a clerk who can then sign in; deactivation locks the clerk out', async ({ page, browser, baseURL }) => {
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: '用户', level: 1 })).toBeVisible();

  const email = `clerk.e2e.${Date.now()}${Math.floor(Math.random() * 1000)}@demo.gongkai.cn`;
  const form = page.getByTestId('create-user-form');
  await form.getByLabel('姓名').fill('测试经办人');
  await form.getByLabel('登录账号（手机号码或电子邮箱）').fill(email);
  await form.locator('#role').selectOption('clerk');
  // The organisation box loads its matches on demand (no 500-option select).
  await pickOption(page, form.getByRole('combobox', { name: '所属机构' }), '示范市教育局');
  await form.getByLabel('初始密码').fill('Welcome@2026');
  await form.getByRole('button', { name: '创建账号' }).click();
  await expect(form.getByRole('status').filter({ hasText: '账号已创建。' })).toBeVisible();
  const row = page.getByTestId('staff-users').getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('经办人');
  await expect(row).toContainText('示范市教育局');

  // A clerk without an organisation is refused with a field error.
  await form.getByLabel('姓名').fill('无机构');
  await form.getByLabel('登录账号（手机号码或电子邮箱）').fill(`x.${email}`);
  await form.locator('#role').selectOption('clerk');
  await form.getByRole('button', { name: '清除' }).click();
  await expect(form.getByRole('combobox', { name: '所属机构' })).toHaveValue('');
  await form.getByLabel('初始密码').fill('Welcome@2026');
  await form.getByRole('button', { name: '创建账号' }).click();
  await expect(form.getByText('经办人和审核人必须属于一个机构。')).toBeVisible();

  // The new clerk signs in and sees their own organisation's annual report (staff may view their subtree).
  const clerkContext = await browser.newContext({ baseURL });
  const clerkPage = await clerkContext.newPage();
  await apiSignIn(clerkPage, email, 'Welcome@2026');
  const res = await clerkPage.goto('/admin/reports?org=SFS-JY&year=2025');
  expect(res?.status()).toBe(200);
  await expect(clerkPage.getByTestId('signed-in-as')).toContainText('测试经办人');
  await expect(clerkPage.getByTestId('report-heading')).toContainText('示范市教育局');
  // …but not the admin pages.
  expect((await clerkPage.goto('/admin/users'))?.status()).toBe(404);

  // Deactivation takes effect on the clerk's next request.
  await row.getByRole('button', { name: '停用' }).click();
  await expect(page.getByTestId('staff-users').getByRole('row').filter({ hasText: email })).toContainText('已停用');
  await clerkPage.goto('/admin/reports?org=SFS-JY&year=2025');
  await expect(clerkPage).toHaveURL(/\/signin/);
  await clerkContext.close();
});

test('applicants are listed read-only with their contact masked', async ({ page }) => {
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  await page.goto('/admin/users?tab=applicants');
  const table = page.getByTestId('applicant-users');
  await expect(table).toContainText('张三');
  await expect(table).toContainText('138****0001');
  // Nothing of an applicant's account can be edited here; the one action is ending its sessions (issue 8).
  const rows = await table.locator('tbody tr').count();
  await expect(table.getByRole('button')).toHaveCount(rows);
  await expect(table.getByRole('button', { name: '全部下线' })).toHaveCount(rows);
});
