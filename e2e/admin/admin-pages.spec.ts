/**
 * The other admin pages render for the admin and do what they say: the holiday calendar warns about a
 * missing next year and reads a pasted notice, the organisation tree grows a child with the right path,
 * the settings show the legal note, the outbox filters by status, supervision and data quality render.
 */
import { expect, test } from '@playwright/test';
import { apiSignIn } from '../fixtures/auth';

test('holidays: loaded years, missing-year warning, notice preview', async ({ page }) => {
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  await page.goto('/admin/holidays?year=2026');
  await expect(page.getByTestId('calendar-years')).toContainText('2026');
  const nextYear = new Date().getUTCFullYear() + 1;
  await expect(page.getByTestId('calendar-missing')).toContainText(String(nextYear));
  await expect(page.getByTestId('calendar-days')).toContainText('2026-02-16');

  const form = page.getByTestId('import-year-form');
  await form.getByLabel('年度').fill('2030');
  await form.getByLabel('依据（通知名称、文号或网址）').fill('测试通知');
  await form.getByLabel('通知原文或 CSV').fill('一、元旦：1月1日（周二）放假1天。\n二、春节：2月2日至2月8日放假调休，共7天。2月10日（周日）上班。');
  await form.getByRole('button', { name: '检查' }).click();
  await expect(form.getByText('2030 年：识别出 9 个日期')).toBeVisible();
  await expect(form.getByRole('cell', { name: '2030-02-10' })).toBeVisible();
});

test('organisations: add a child with the right path, rename it', async ({ page }) => {
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  await page.goto('/admin/organisations');
  const code = `SFS-T${Date.now().toString(36).toUpperCase().slice(-5)}`;
  const parentRow = page.getByTestId('org-tree').locator('tr[data-org-code="SFS-XS"]');
  const addChild = parentRow.locator('details', { hasText: '新增下级机构' });
  await addChild.getByText('新增下级机构').click();
  await addChild.getByLabel('机构代码').fill(code);
  await addChild.getByLabel('机构名称').fill('西山镇测试村');
  await addChild.getByLabel('文号前缀').fill('测试村信');
  await addChild.getByRole('button', { name: /在“示范市西山镇人民政府”下新增/ }).click();
  const row = page.getByTestId('org-tree').locator(`tr[data-org-code="${code}"]`);
  await expect(row).toContainText('西山镇测试村');
  const rename = row.locator('details', { hasText: '修改名称' }).first();
  await rename.locator('summary').click();
  await rename.getByLabel('机构名称').fill('西山镇示范村');
  await rename.getByRole('button', { name: '修改名称' }).click();
  await expect(page.getByTestId('org-tree').locator(`tr[data-org-code="${code}"]`)).toContainText('西山镇示范村');
  // Move it below 南湖镇, then retire it: both acts appear in its history.
  const moved = page.getByTestId('org-tree').locator(`tr[data-org-code="${code}"]`);
  const restructure = moved.locator('details', { hasText: '调整、合并或停用' });
  await restructure.locator('summary').click();
  await restructure.getByLabel('新上级机构代码（留空为顶级机构）').fill('SFS-NH');
  await restructure.getByLabel('原因').first().fill('行政区划调整');
  await restructure.getByRole('button', { name: '调整', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已调整上级机构' })).toBeVisible();
  await page.reload();
  const underNh = page.getByTestId('org-tree').locator(`tr[data-org-code="${code}"]`);
  const retire = underNh.locator('details', { hasText: '调整、合并或停用' });
  await retire.locator('summary').click();
  await retire.getByLabel('原因').last().fill('村改社区');
  await retire.getByRole('button', { name: '停用', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已停用机构' })).toBeVisible();
  await page.reload();
  const retired = page.getByTestId('org-tree').locator(`tr[data-org-code="${code}"]`);
  await expect(retired).toContainText('已停用');
  const history = retired.locator('details').filter({ has: page.locator('summary', { hasText: '机构历史' }) });
  await history.locator('summary').click();
  await expect(history).toContainText('调整机构隶属关系');
  await expect(history).toContainText('停用机构');
  // The subtree of 西山镇 now includes it: the quality page finds no path problems.
  await page.goto('/admin/quality?org=SFS&subtree=1');
  await expect(page.locator('[data-check="org_path_mismatch"]')).toContainText('0 件');
});

test('settings, outbox, supervision and data quality render', async ({ page }) => {
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  await page.goto('/admin/settings');
  await expect(page.getByText('法律依据说明（尚未核实）')).toBeVisible();
  await expect(page.getByTestId('fee-pause-current')).toContainText('暂停');

  await page.goto('/admin/outbox?status=held');
  await expect(page.getByTestId('outbox')).toBeVisible();

  await page.goto('/admin/oversight?org=SFS&year=2025');
  await expect(page.getByTestId('oversight-table')).toContainText('示范市教育局');
  await expect(page.getByTestId('oversight-summary')).toContainText('个下级机构');

  await page.goto('/admin/supervision?org=SFS&subtree=1&from=2025-01-01&to=2025-12-31');
  await expect(page.getByTestId('supervision-table')).toContainText('示范市教育局');
  const download = page.waitForEvent('download');
  await page.getByTestId('supervision-export').click();
  expect((await download).suggestedFilename()).toMatch(/supervision\.xlsx$/);

  await page.goto('/admin/quality?org=SFS&subtree=1&year=2025');
  await expect(page.getByTestId('quality-summary')).toBeVisible();
});
