/**
 * Negative specs for the admin area and the report exports (STYLE §10). Bug guarded against: an admin page,
 * action or export route that trusts the layout, or an export that serves another organisation's table.
 * Non-admins get 404 on every admin page; staff may open the annual report of their own subtree only
 * (lib/admin/REPORTS.md), and an export of any other organisation answers 404 like a missing one.
 */
import { expect, test, type Page } from '@playwright/test';
import { apiSignIn } from '../fixtures/auth';

const ADMIN_ONLY_PAGES = [
  '/admin',
  '/admin/users',
  '/admin/organisations',
  '/admin/holidays',
  '/admin/settings',
  '/admin/outbox',
  '/admin/import',
  '/admin/supervision',
  '/admin/quality',
  '/admin/oversight?org=SFS&year=2025',
  '/admin/reports/section2?year=2025&org=SFS-JY',
];

async function expectStatus(page: Page, path: string, status: number) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(status);
}

test('a clerk gets 404 on admin pages and on exports outside their subtree', async ({ page }) => {
  await apiSignIn(page, 'clerk.edu@demo.gongkai.cn');
  for (const path of ADMIN_ONLY_PAGES) await expectStatus(page, path, 404);
  // Another organisation's report, drill-down and print view: 404.
  await expectStatus(page, '/admin/reports?org=SFS&year=2025', 404);
  await expectStatus(page, '/admin/reports/cases?org=SFS-GA&year=2025&subtree=1&row=new_received&column=total', 404);
  await expectStatus(page, '/admin/reports/print?org=SFS&year=2025', 404);
  for (const format of ['xlsx', 'csv', 'json', 'docx']) {
    const res = await page.request.get(`/api/reports/2025/export?org=SFS&subtree=1&format=${format}`);
    expect(res.status(), format).toBe(404);
  }
  expect((await page.request.get('/api/admin/supervision/export?org=SFS')).status()).toBe(404);
  expect((await page.request.get('/api/admin/quality/export?org=SFS')).status()).toBe(404);
  // Owner proof: their own organisation's table opens and exports.
  await expectStatus(page, '/admin/reports?org=SFS-JY&year=2025', 200);
  const own = await page.request.get('/api/reports/2025/export?org=SFS-JY&subtree=1&format=json');
  expect(own.status()).toBe(200);
  // No lock panel and no section 二 editing for staff.
  await expect(page.getByTestId('lock-panel')).toHaveCount(0);
});

test('an applicant gets 404 on the admin area and on every export', async ({ page }) => {
  await apiSignIn(page, '13800000001');
  for (const path of [...ADMIN_ONLY_PAGES, '/admin/reports', '/admin/reports?org=SFS-JY&year=2025']) await expectStatus(page, path, 404);
  for (const format of ['xlsx', 'json']) {
    expect((await page.request.get(`/api/reports/2025/export?org=SFS-JY&format=${format}`)).status()).toBe(404);
  }
  expect((await page.request.get('/api/reports/jobs/00000000-0000-7000-8000-000000000000')).status()).toBe(404);
});

test('anonymous visitors are sent to sign in, and exports answer 404', async ({ page }) => {
  await page.goto('/admin/reports');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin/);
  expect((await page.request.get('/api/reports/2025/export?org=SFS&format=json')).status()).toBe(404);
});
