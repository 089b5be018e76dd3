import { expect, type Locator, type Page } from '@playwright/test';

export interface RegisteredCase {
  caseId: string;
  trackingNo: string;
  url: string;
}

/** A unique suffix so parallel specs never see each other's cases. */
export function stamp(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/**
 * Registers a letter through the staff UI (登记申请) and opens the new case. `signedForOn` is the day the
 * agency signed for a registered letter: the legal receipt date (Art. 31).
 */
export async function registerSignedLetter(page: Page, opts: { signedForOn: string; applicantName: string; description: string }): Promise<RegisteredCase> {
  await page.goto('/staff/cases/new');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: '登记', exact: true }) });
  await form.getByLabel('申请渠道').selectOption('post_signed');
  await form.getByLabel('邮件到达日期').fill(opts.signedForOn);
  await form.getByLabel('签收日期').fill(opts.signedForOn);
  // The legal receipt date is shown before saving.
  await expect(page.getByTestId('receipt-preview')).toContainText(`收到申请之日：${opts.signedForOn}`);
  await form.getByLabel('姓名').fill(opts.applicantName);
  await form.getByLabel('手机号码').fill('13912345678');
  await form.getByLabel('所需政府信息的名称或者内容描述').fill(opts.description);
  await form.getByRole('button', { name: '登记', exact: true }).click();
  const done = page.getByTestId('registered');
  await expect(done).toBeVisible();
  const trackingNo = /GK\d{4}-[0-9A-Z]{8}/.exec((await done.textContent()) ?? '')?.[0];
  expect(trackingNo, 'tracking number shown after registration').toBeTruthy();
  await expect(page.getByTestId('access-code')).toHaveText(/^[0-9A-Z]{16}$/);
  await done.getByRole('link', { name: '打开申请件' }).click();
  await expect(page).toHaveURL(/\/staff\/cases\/[0-9a-f-]{36}$/);
  const url = page.url();
  return { caseId: url.split('/').pop() as string, trackingNo: trackingNo as string, url };
}

/**
 * Takes one workflow step on the case page: opens its form (每个可办理的操作 is a <details>), lets `fill`
 * complete it, submits, and waits until the case's history shows the step's event.
 */
export async function act(page: Page, transition: string, event: string, fill?: (form: Locator) => Promise<void>): Promise<void> {
  const box = page.getByTestId(`action-${transition}`);
  await expect(box, `action ${transition} offered`).toBeVisible();
  const events = page.locator(`[data-testid="timeline-event"][data-event="${event}"]`);
  const before = await events.count();
  // The suggested next step may already be open (the case page opens it after the previous step): a click
  // on its summary would close it again.
  const isOpen = await box.evaluate((el) => (el instanceof HTMLDetailsElement ? el.open : (el.querySelector('details')?.open ?? false)));
  if (!isOpen) await box.locator('summary').click();
  const form = box.locator('form');
  if (fill) await fill(form);
  await form.locator('button[type="submit"]').click();
  // Either the step is recorded or the form says why not; a refusal fails here with its message.
  await expect(events.nth(before).or(form.getByRole('alert').first())).toBeVisible();
  await expect(form.getByRole('alert'), `no error after ${transition}`).toHaveCount(0);
  await expect(events).toHaveCount(before + 1);
}

export async function expectStatus(page: Page, status: string): Promise<void> {
  await expect(page.getByTestId('case-status').first()).toHaveAttribute('data-status', status);
}

export async function expectAnswerDue(page: Page, date: string): Promise<void> {
  await expect(page.getByTestId('answer-due')).toHaveText(date);
}
