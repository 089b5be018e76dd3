/**
 * Period lock and case import. Locking a year shows the lock and refuses changes that would alter the year
 * (an import into it); unlocking requires a reason. The import page refuses a file with bad rows, listing
 * the row numbers, and imports a good file (then skips it when imported again).
 */
import { expect, test } from '@playwright/test';
import { apiSignIn } from '../fixtures/auth';
import { IMPORT_HEADER, importCsv, uniquePrefix } from './helpers';

test('locking 2019 for 住建局 shows the lock, refuses an import into it; unlocking needs a reason', async ({ page, baseURL }) => {
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  await page.goto('/admin/reports?year=2019&org=SFS-ZJ&subtree=0');
  await expect(page.getByTestId('lock-state')).toContainText('2019年度未锁定');
  const panel = page.getByTestId('lock-panel');
  await panel.getByRole('button', { name: '锁定 2019 年度' }).click();
  await expect(page.getByTestId('lock-state')).toContainText('2019年度已锁定');

  // A case that would change the locked year is refused.
  const prefix = uniquePrefix('LCK');
  const job = await importCsv(page, baseURL as string, `${IMPORT_HEADER}\n${prefix}-1,SFS-ZJ,natural_person,丁,online,2019-06-03,住房,granted,2019-06-20\n`);
  expect(job.status).toBe('failed');
  expect(job.errors.map((e) => e.code)).toContain('import.error.period_locked');

  // Unlocking without a reason is refused; with one it works and the reason is shown.
  await panel.getByRole('button', { name: '解除 2019 年度锁定' }).click();
  await expect(panel.getByText('解除锁定必须填写原因。')).toBeVisible();
  await expect(page.getByTestId('lock-state')).toContainText('2019年度已锁定');
  await panel.getByLabel('解除锁定的原因').fill('发现统计错误，需要补录一件申请');
  await panel.getByRole('button', { name: '解除 2019 年度锁定' }).click();
  await expect(page.getByTestId('lock-state')).toContainText('2019年度未锁定');
  await expect(page.getByTestId('lock-state')).toContainText('发现统计错误，需要补录一件申请');
});

test('the import page refuses a file with bad rows (row numbers shown) and imports a good one', async ({ page }) => {
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  await page.goto('/admin/import');
  const prefix = uniquePrefix('IMP');
  const bad = [
    IMPORT_HEADER,
    `${prefix}-1,SFS-DC,natural_person,甲,online,2023-03-01,道路,granted,2023-03-20`,
    `${prefix}-2,SFS-DC,alien,乙,online,2023-03-02,道路,granted,2023-03-20`,
    `${prefix}-3,SFS-DC,natural_person,丙,online,2023-04-10,道路,granted,2023-04-01`,
    `${prefix}-4,NO-SUCH-ORG,natural_person,丁,online,2023-04-10,道路,,`,
  ].join('\n');
  await page.locator('#import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
  await page.getByRole('button', { name: '校验并导入', exact: true }).click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('未导入任何数据', { timeout: 30_000 });
  await expect(errors.locator('tr[data-row="3"]')).toContainText('申请人类型“alien”无效。');
  await expect(errors.locator('tr[data-row="4"]')).toContainText('办结日期 2023-04-01 早于收到申请之日 2023-04-10。');
  await expect(errors.locator('tr[data-row="5"]')).toContainText('机构代码“NO-SUCH-ORG”不存在。');
  await expect(errors.locator('tr[data-row="3"]')).toContainText('第 3 行');

  // Nothing of the bad file was written: its good row is not in the 2023 table.
  const good = [
    IMPORT_HEADER,
    `${prefix}-1,SFS-DC,natural_person,甲,online,2023-03-01,道路,granted,2023-03-20`,
    `${prefix}-5,SFS-DC,commercial_enterprise,某公司,email,2023-05-08,招标,partially_granted,2023-05-30`,
  ].join('\n');
  await page.locator('#import-file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
  await page.getByRole('button', { name: '校验并导入', exact: true }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('新导入 2 件', { timeout: 30_000 });
  await expect(summary).toContainText('已存在、跳过 0 件');

  // Importing the same file again skips both rows.
  await page.locator('#import-file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
  await page.getByRole('button', { name: '校验并导入', exact: true }).click();
  await expect(page.getByTestId('import-summary')).toContainText('已存在、跳过 2 件', { timeout: 30_000 });

  // The imported cases are in the 东城街道 2023 table.
  const json = await page.request.get('/api/reports/2023/export?org=SFS-DC&subtree=0&format=json');
  const table = (await json.json()) as { section3: Record<string, Record<string, number>> };
  expect(table.section3.granted.natural_person).toBeGreaterThanOrEqual(1);
  expect(table.section3.partially_granted.commercial_enterprise).toBeGreaterThanOrEqual(1);
});
