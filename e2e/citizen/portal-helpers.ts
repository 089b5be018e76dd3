import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { apiSignIn, demoLogin, uniqueMobile } from '../fixtures/auth';

/** Valid test identities (checksums correct): GB 11643 example and a well-formed USCC. */
export const VALID_RESIDENT_ID = '11010519491231002X';
export const VALID_USCC = '91350100M000100Y43';
export const CITY_OFFICE = '示范市人民政府办公室';
export const EDUCATION_BUREAU = '示范市教育局';

/** A minimal but real PDF (pdf.js and poppler open it), so upload sniffing sees %PDF-. */
export function tinyPdf(text = 'correction'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${24 + text.length} >>\nstream\nBT /F1 12 Tf 10 50 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * WCAG 2.1 AA with axe at phone (375 px) and desktop (1280 px) widths, a full-page screenshot of each kept
 * as a test artifact. Fails on any violation of impact serious or critical.
 */
export async function auditPage(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const file = testInfo.outputPath(`${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name}-${width}`, { path: file, contentType: 'image/png' });
    // Nothing may stick out sideways on a phone.
    if (width === 375) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name}: horizontal overflow at 375 px`).toBeLessThanOrEqual(1);
    }
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `${name} at ${width}px`,
    ).toEqual([]);
  }
  if (original) await page.setViewportSize(original);
}

/**
 * Reads the registration code sent to `mobile` the way an operator of the demo does: in the admin outbox
 * (no SMS transport is configured). Signs in as the demo admin in a separate browser context.
 */
export async function readRegistrationCode(page: Page, mobile: string): Promise<string> {
  const context = await page.context().browser()!.newContext();
  try {
    const admin = await context.newPage();
    await apiSignIn(admin, demoLogin('admin'));
    await admin.goto('/admin/outbox');
    // The recipient may be shown in full or masked (138****5678): match its first 3 and last 4 digits.
    const recipient = new RegExp(`^${mobile.slice(0, 3)}[0-9*]{4}${mobile.slice(7)}$`);
    const row = admin
      .getByTestId('outbox')
      .locator('tbody tr')
      .filter({ hasText: '注册验证码' })
      .filter({ has: admin.locator('td', { hasText: recipient }) })
      .first();
    await row.getByRole('link').click();
    const body = (await admin.getByTestId('outbox-body').textContent()) ?? '';
    const code = /(\d{6})/.exec(body)?.[1];
    expect(code, 'registration code in the outbox message').toBeTruthy();
    return code as string;
  } finally {
    await context.close();
  }
}

/**
 * Registers a fresh applicant through /register (details, then the one-time code read from the admin
 * outbox) and signs in through /signin (the real pages).
 */
export async function registerAndSignIn(page: Page, name: string): Promise<{ login: string; password: string }> {
  const login = uniqueMobile();
  const password = 'Portal@2026!';
  await page.goto('/register');
  await page.locator('#name').fill(name);
  await page.locator('#identifier').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await expect(page.getByTestId('register-code-form')).toBeVisible();
  await page.locator('#code').fill(await readRegistrationCode(page, login));
  await page.locator('form button[type=submit]').click();
  await expect(page.getByRole('status')).toContainText('注册成功');
  await page.goto('/signin?callbackUrl=%2Fmy');
  await page.locator('#identifier').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/my');
  await expect(page.getByTestId('signed-in-as')).toBeAttached();
  return { login, password };
}

/** Picks the agency through the tree's search box. */
export async function chooseOrganisation(page: Page, search: string, name: string): Promise<void> {
  await page.locator('#org-search').fill(search);
  await expect(page.locator('#org-count')).not.toHaveText('');
  await page.locator('#org-list label').filter({ hasText: name }).locator('input[type=radio]').check();
}

export interface Codes {
  caseId: string;
  trackingNo: string;
  accessCode: string;
}

/** Reads the confirmation: tracking number, access code (shown once) and the case id of the receipt link. */
export async function readConfirmation(page: Page): Promise<Codes> {
  await expect(page.getByTestId('confirmation')).toBeVisible({ timeout: 30_000 });
  const trackingNo = (await page.getByTestId('tracking-no').textContent())!.trim();
  const accessCode = (await page.getByTestId('access-code').getAttribute('data-code'))!;
  const href = (await page.getByTestId('receipt-link').getAttribute('href'))!;
  const caseId = href.split('/')[4];
  expect(trackingNo).toMatch(/^GK\d{4}-[0-9A-Z]{8}$/);
  expect(accessCode).toMatch(/^[0-9A-Z]{16}$/);
  return { caseId, trackingNo, accessCode };
}

/** Downloads a link and returns its bytes and suggested filename. */
export async function download(page: Page, locator: ReturnType<Page['locator']>): Promise<{ bytes: Buffer; filename: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const path = await dl.path();
  const fs = await import('node:fs');
  return { bytes: fs.readFileSync(path), filename: dl.suggestedFilename() };
}

/** A staff page in its own browser context (its own session), signed in through the API. */
export async function staffPage(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await apiSignIn(page, login);
  return page;
}

/**
 * Runs one workflow step through the staff case page (/staff/cases/[id]): opens the step's panel, fills
 * the given fields (ids `t-<step>-<field>`), submits, and waits until the case page reflects it.
 */
export async function staffStep(page: Page, caseId: string, step: string, fields: Record<string, string> = {}): Promise<void> {
  await page.goto(`/staff/cases/${caseId}`);
  const panel = page.getByTestId(`action-${step}`);
  await expect(panel, `staff step ${step} offered`).toBeVisible();
  await panel.locator('summary').click();
  for (const [name, value] of Object.entries(fields)) {
    const input = page.locator(`#t-${step}-${name}`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else if ((await input.getAttribute('type')) === 'checkbox') await input.check();
    else await input.fill(value);
  }
  const before = await page.getByTestId('case-status').first().getAttribute('data-status');
  await panel.locator('form button[type=submit]').click();
  await expect(panel.locator('[role=alert]')).toHaveCount(0);
  await expect
    .poll(async () => {
      await page.reload();
      const actions = await page.getByTestId(`action-${step}`).count();
      const status = await page.getByTestId('case-status').first().getAttribute('data-status');
      return actions === 0 || status !== before;
    }, { timeout: 20_000 })
    .toBe(true);
}

export { uniqueMobile };
