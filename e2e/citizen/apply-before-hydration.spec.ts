/**
 * /apply's form submitted before the page hydrates: React's inline form-replay script catches the submission and
 * React replays it once hydrated. The script carries the request's CSP nonce (lib/security/form-replay-nonce.ts;
 * Next.js renders Pages Router pages without it): before, the policy refused it, the browser then refused the
 * form's `javascript:` action too, and what the applicant submitted was silently lost.
 */
import { expect, test } from '@playwright/test';

test('a submission made before hydration is replayed after it, and the browser refuses no script', async ({ page }) => {
  const complaints: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) complaints.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => complaints.push(`pageerror: ${e.message}`));
  // Hold the page's scripts until the form has been submitted.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/**/*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/apply', { waitUntil: 'commit' });
  await page.waitForFunction(() => document.readyState !== 'loading');
  expect(await page.evaluate(() => 'next' in window), 'not hydrated yet').toBe(false);
  // The server-rendered form: typed into and submitted before React runs.
  await page.locator('#applicantName').fill('张三');
  await page.locator('#description').fill('示范市2025年义务教育阶段学校布局调整方案');
  await page.getByTestId('submit-application').click();
  expect(new URL(page.url()).pathname).toBe('/apply');
  await expect(page.getByTestId('error-summary')).toHaveCount(0);

  release();
  // Hydrated, React replays the submission: the server's answer (no agency chosen) is shown, the text kept.
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeVisible({ timeout: 20_000 });
  await expect(summary).toContainText('受理机关');
  await expect(page.locator('#applicantName')).toHaveValue('张三');
  await expect(page.locator('#description')).toHaveValue('示范市2025年义务教育阶段学校布局调整方案');
  expect(complaints).toEqual([]);
});
