/**
 * The platform's vertical slice (issue 2): an applicant signs in and submits a minimal application; a clerk
 * of that organisation sees it in the case list and opens it; another applicant and a clerk of an unrelated
 * organisation get "not found"; /api/health answers ok to the public and reports the database and the latest
 * migration to an admin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { apiSignIn, demoLogin } from '../fixtures/auth';
import { chooseOrganisation, EDUCATION_BUREAU, readConfirmation, staffPage } from '../citizen/portal-helpers';

test('health tells the public only ok; an admin also gets the database and the latest applied migration', async ({ request, page }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok' });
  await apiSignIn(page, demoLogin('admin'));
  const admin = await page.request.get('/api/health');
  const body = (await admin.json()) as { status: string; database: { reachable: boolean; latestMigration: string } };
  const latest = fs
    .readdirSync(path.join(process.cwd(), 'prisma', 'migrations'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .at(-1);
  expect(body).toMatchObject({ status: 'ok', database: { reachable: true, latestMigration: latest } });
});

test('applicant applies; the organisation’s clerk sees and opens it; others get not found', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The demo applicant signs in through the real sign-in page.
  await page.goto('/signin?callbackUrl=%2Fapply');
  await page.locator('#identifier').fill(demoLogin('applicant', null));
  await page.locator('#password').fill('Demo@2026');
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/apply');

  await page.locator('#idDocType').selectOption('passport');
  await page.locator('#idNumber').fill('E98765432');
  await page.locator('#mobile').fill('13800000001');
  await page.locator('#description').fill('示范市教育局2025年度部门预算公开说明。');
  await page.locator('#requestedForm-electronic').check();
  await page.locator('#deliveryMethod-online_download').check();
  await chooseOrganisation(page, '教育', EDUCATION_BUREAU);
  await page.getByTestId('submit-application').click();
  const codes = await readConfirmation(page);

  // A clerk of 教育局 finds it in the case list and opens it.
  const clerk = await staffPage(browser, 'clerk.edu@demo.gongkai.cn');
  await clerk.goto(`/staff/cases?q=${encodeURIComponent(codes.trackingNo)}`);
  await expect(clerk.locator(`[data-testid=case-row][data-tracking-no="${codes.trackingNo}"]`)).toHaveCount(1);
  await clerk.goto(`/staff/cases/${codes.caseId}`);
  await expect(clerk.getByTestId('tracking-no')).toContainText(codes.trackingNo);

  // A clerk of an unrelated organisation (西山镇) neither finds nor opens it.
  const stranger = await staffPage(browser, 'clerk.xs@demo.gongkai.cn');
  await stranger.goto(`/staff/cases?q=${encodeURIComponent(codes.trackingNo)}`);
  await expect(stranger.locator('[data-testid=case-row]')).toHaveCount(0);
  const res = await stranger.goto(`/staff/cases/${codes.caseId}`);
  expect(res?.status()).toBe(404);
  await expect(stranger.getByTestId('not-found')).toBeVisible();

  // Another applicant gets "not found" for the case page.
  const otherContext = await browser.newContext({ locale: 'zh-CN' });
  const other = await otherContext.newPage();
  await apiSignIn(other, 'applicant@demo.gongkai.cn');
  const mine = await other.goto(`/my/${codes.caseId}`);
  expect(mine?.status()).toBe(404);
  await expect(other.getByTestId('not-found')).toBeVisible();

  // The owner still gets in.
  await page.goto(`/my/${codes.caseId}`);
  await expect(page.getByText(codes.trackingNo).first()).toBeVisible();
  await otherContext.close();
});
