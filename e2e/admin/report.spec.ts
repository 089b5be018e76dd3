/**
 * The annual report page: the section 三 table in the official layout (labels, the 勾稽关系 note, the 2021
 * row groups), checks passing, drill-down from a number to its cases, exports (XLSX read back with exceljs,
 * CSV, JSON shape, DOCX) and the print view. The spec brings its own cases: it imports them for 南湖镇
 * (SFS-NH) in report year 2022, a year the demo data does not use.
 */
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { apiSignIn } from '../fixtures/auth';
import { IMPORT_HEADER, importCsv, uniquePrefix } from './helpers';

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

test('the 2022 table of 南湖镇: official layout, checks, drill-down, exports, print view', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  const prefix = uniquePrefix('RPT');
  const rows = [
    `${prefix}-1,SFS-NH,natural_person,甲,online,2022-02-10,规划文件,granted,2022-03-01`,
    `${prefix}-2,SFS-NH,natural_person,乙,in_person,2022-03-15,预算,granted,2022-04-02`,
    `${prefix}-3,SFS-NH,legal_service_org,某律师事务所,post,2022-05-06,处罚决定,unavailable_not_held,2022-05-30`,
    `${prefix}-4,SFS-NH,natural_person,丙,online,2022-12-20,补偿方案,,`,
  ];
  const job = await importCsv(page, baseURL as string, [IMPORT_HEADER, ...rows].join('\n'));
  expect(job.status, JSON.stringify(job.errors.slice(0, 3))).toBe('succeeded');

  await page.goto('/admin/reports?year=2022&org=SFS-NH&subtree=0');
  const s3 = page.getByTestId('section3-table');
  await expect(s3).toBeVisible();
  await expect(page.getByTestId('section3-note')).toHaveText(NOTE);
  for (const label of ['申请人情况', '法人或其他组织', '总计', '一、本年新收政府信息公开申请数量', '三、本年度办理结果', '（三）不予公开', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '四、结转下年度继续办理']) {
    await expect(s3.getByText(label, { exact: true }).first()).toBeVisible();
  }
  // The group heading spans its sub-rows (merged cell).
  await expect(s3.locator('th', { hasText: '（三）不予公开' })).toHaveAttribute('rowspan', '8');
  await expect(page.getByTestId('section4-table')).toContainText('复议后起诉');
  await expect(page.getByTestId('checks-passed')).toBeVisible();
  await expect(page.getByText('国办公开办函〔2021〕30号').first()).toBeVisible();

  // Numbers: 4 new (3 natural persons), 3 concluded, 1 carried forward.
  await expect(s3.locator('[data-cell="new_received:total"]')).toHaveText('4');
  await expect(s3.locator('[data-cell="new_received:natural_person"]')).toHaveText('3');
  await expect(s3.locator('[data-cell="granted:natural_person"]')).toHaveText('2');
  await expect(s3.locator('[data-cell="unavailable_not_held:legal_service_org"]')).toHaveText('1');
  await expect(s3.locator('[data-cell="carried_forward:total"]')).toHaveText('1');

  // Drill-down: the number opens exactly its cases.
  await s3.locator('[data-cell="granted:natural_person"]').click();
  await expect(page).toHaveURL(/\/admin\/reports\/cases\?.*row=granted.*column=natural_person/);
  const list = page.getByTestId('drill-cases');
  await expect(list.getByRole('row')).toHaveCount(3); // header + 2 cases
  await expect(list).toContainText(`${prefix}-1`);
  await expect(list).toContainText(`${prefix}-2`);
  await expect(list.getByRole('link', { name: `${prefix}-1` })).toHaveAttribute('href', /\/staff\/cases\/[0-9a-f-]{36}$/);
  await page.getByRole('link', { name: '返回年度报告' }).click();
  await expect(page.getByTestId('section3-table')).toBeVisible();

  // XLSX from the page's link, read back with exceljs.
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/2022年政府信息公开工作年度报告统计表\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path()) as string);
  const sheet = workbook.worksheets.find((w) => w.name.includes('三'));
  expect(sheet, workbook.worksheets.map((w) => w.name).join(',')).toBeTruthy();
  const texts: string[] = [];
  sheet?.eachRow((r) => r.eachCell((c) => texts.push(String(c.value ?? ''))));
  expect(texts).toContain(NOTE);
  expect(texts).toContain('一、本年新收政府信息公开申请数量');
  const newRow = sheet?.getRows(1, sheet.rowCount)?.find((r) => r.values && (r.values as unknown[]).includes('一、本年新收政府信息公开申请数量'));
  expect((newRow?.values as unknown[]).filter((v) => typeof v === 'number')).toEqual([3, 0, 0, 0, 1, 0, 4]);

  // JSON: the API shape.
  const json = await page.request.get('/api/reports/2022/export?org=SFS-NH&subtree=0&format=json');
  expect(json.status()).toBe(200);
  expect(json.headers()['content-disposition']).toContain('attachment');
  const table = (await json.json()) as Record<string, unknown> & { section3: Record<string, Record<string, number>> };
  expect(Object.keys(table)).toEqual(['year', 'format', 'org', 'section3', 'section4', 'section2', 'checks', 'export']);
  expect(table.year).toBe(2022);
  expect(table.format).toBe('2021');
  expect(table.org).toBe('SFS-NH');
  expect(table.section3.new_received.total).toBe(4);
  expect(table.section3.carried_forward.total).toBe(1);
  expect(table.export).toMatchObject({ org: 'SFS-NH', scope: 'own', orgCount: 1, year: 2022, dataState: 'final_year' });

  // CSV: UTF-8 with BOM, ids and exact labels.
  const csv = await page.request.get('/api/reports/2022/export?org=SFS-NH&subtree=0&format=csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  const csvText = (await csv.body()).toString('utf8');
  expect(csvText.charCodeAt(0)).toBe(0xfeff);
  expect(csvText).toContain('new_received,一,,一、本年新收政府信息公开申请数量,3,0,0,0,1,0,4');
  expect(csvText).toContain('统计范围,仅本机关');
  expect(csvText).toContain('二、主动公开政府信息情况');

  // DOCX draft.
  const docx = await page.request.get('/api/reports/2022/export?org=SFS-NH&subtree=0&format=docx');
  expect(docx.status()).toBe(200);
  expect(docx.headers()['content-type']).toContain('wordprocessingml');

  // Print view: the official layout without the site chrome.
  await page.goto('/admin/reports/print?year=2022&org=SFS-NH&subtree=0');
  await expect(page.getByTestId('print-view')).toContainText('示范市南湖镇人民政府2022年政府信息公开工作年度报告');
  await expect(page.getByTestId('print-provenance')).toContainText('统计范围：仅本机关；年度：2022年；数据状态：2022年度全年数据');
  await expect(page.getByTestId('section3-note')).toHaveText(NOTE);

  // The city aggregate includes the town's cases.
  await page.goto('/admin/reports?year=2022&org=SFS&subtree=1');
  await expect(page.getByTestId('section3-table').locator('[data-cell="new_received:total"]')).not.toHaveText('0');
});

test('the English UI shows translations under the official Chinese labels', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL as string }]);
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  await page.goto('/admin/reports?year=2020&org=SFS-HB&subtree=0');
  const s3 = page.getByTestId('section3-table');
  await expect(s3.getByText('一、本年新收政府信息公开申请数量', { exact: true })).toBeVisible();
  await expect(s3.getByText('1. New applications received this year', { exact: true })).toBeVisible();
  // 2020 uses the 2019 layout: （六）其他处理 is one data row.
  await expect(s3.locator('[data-cell="other_processing:total"]')).toBeVisible();
  await expect(page.getByText('国办公开办函〔2019〕60号').first()).toBeVisible();
});
