/**
 * Role boundaries of the staff workspace and the admin area (STYLE §5, §10 "negative specs").
 *
 * Bug guarded against: a layout-only check (or a forgotten `requireRole` on one page, action or route) lets
 * an applicant into /staff or a clerk into /admin. Every protected page answers 404 for a signed-in user
 * without the role (no hint that the area exists), anonymous visitors are sent to the sign-in page, and each
 * boundary also proves that the owners of the area still get in.
 */
import { expect, test, type Page } from '@playwright/test';
import { apiSignIn, demoLogin } from '../fixtures/auth';

async function expectNotFound(page: Page, path: string): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), `${path} answers 404`).toBe(404);
  await expect(page.getByTestId('not-found')).toBeVisible();
}

const STAFF_PAGES = ['/staff', '/staff/cases', '/staff/cases/new'];

test.describe('anonymous visitor', () => {
  test('is sent to the sign-in page from /staff, keeping where they wanted to go', async ({ page }) => {
    await page.goto('/staff');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fstaff/);
  });

  test('is sent to the sign-in page from a staff case list', async ({ page }) => {
    await page.goto('/staff/cases?status=in_progress');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  });

  test('gets 404 from the staff download endpoints', async ({ request }) => {
    const res = await request.get('/api/staff/audit?from=2026-01-01&to=2026-12-31');
    expect(res.status()).toBe(404);
  });
});

test.describe('applicant', () => {
  test('cannot reach the staff workspace (404) nor its downloads', async ({ page }) => {
    await apiSignIn(page, demoLogin('applicant', null));
    for (const path of STAFF_PAGES) await expectNotFound(page, path);
    await expectNotFound(page, '/staff/cases/00000000-0000-7000-8000-000000000000');
    const res = await page.request.get('/api/staff/audit?from=2026-01-01&to=2026-12-31');
    expect(res.status()).toBe(404);
  });

  test('cannot reach the admin area (404)', async ({ page }) => {
    await apiSignIn(page, '13800000001');
    await expectNotFound(page, '/admin');
  });
});

test.describe('clerk', () => {
  test('cannot reach the admin area (404)', async ({ page }) => {
    await apiSignIn(page, demoLogin('clerk', 'SFS'));
    await expectNotFound(page, '/admin');
  });

  test('owner proof: a clerk gets into the staff workspace', async ({ page }) => {
    await apiSignIn(page, demoLogin('clerk', 'SFS'));
    for (const path of STAFF_PAGES) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
    }
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});

test.describe('reviewer and admin', () => {
  test('owner proof: a reviewer gets into the staff workspace but not the admin area', async ({ page }) => {
    await apiSignIn(page, demoLogin('reviewer', 'SFS'));
    const res = await page.goto('/staff/cases');
    expect(res?.status()).toBe(200);
    await expectNotFound(page, '/admin');
  });

  test('owner proof: an admin gets into /admin and /staff', async ({ page }) => {
    await apiSignIn(page, demoLogin('admin', 'SFS'));
    expect((await page.goto('/admin'))?.status()).toBe(200);
    expect((await page.goto('/staff'))?.status()).toBe(200);
  });
});
