/**
 * Registration by channel (Art. 31) and compare-and-set.
 *
 * An e-mail application waits for both sides to confirm: it is listed and flagged "receipt to be confirmed"
 * with no clock; confirming fixes the legal receipt date. Hand-counted on the 2026 calendar (regulations.md
 * §14, 清明 04-04–04-06 off):
 *   confirmed Wed 2026-04-01 →
 *   补正 notice due, 7 working days: 04-02 (1), 04-03 (2), [04-04…04-06 off], 04-07 (3), 04-08 (4), 04-09 (5),
 *     04-10 (6), 04-13 (7) → 2026-04-13
 *   answer due, 20 working days: … 04-13 (7), 04-14…04-17 (8–11), 04-20…04-24 (12–16), 04-27…04-30 (17–20)
 *     → 2026-04-30
 */
import { expect, test, type Page } from '@playwright/test';
import { apiSignIn, demoLogin } from '../fixtures/auth';
import { act, expectAnswerDue, expectStatus, registerSignedLetter, stamp } from './helpers';

async function registerEmail(page: Page, opts: { arrivedOn: string; applicantName: string; description: string }) {
  await page.goto('/staff/cases/new');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: '登记', exact: true }) });
  await form.getByLabel('申请渠道').selectOption('email');
  await form.getByLabel('收到电子邮件日期').fill(opts.arrivedOn);
  // Not confirmed yet: no receipt date, no clock.
  await expect(page.getByTestId('receipt-preview')).toContainText('收到申请之日：待确认');
  await form.getByLabel('申请人类型').selectOption('research_institution');
  await form.getByLabel(/^名称/).fill(opts.applicantName);
  await form.getByLabel('电子邮箱').fill('office@example.edu.cn');
  await form.getByLabel('所需政府信息的名称或者内容描述').fill(opts.description);
  await form.getByRole('button', { name: '登记', exact: true }).click();
  const done = page.getByTestId('registered');
  await expect(done).toBeVisible();
  const trackingNo = /GK\d{4}-[0-9A-Z]{8}/.exec((await done.textContent()) ?? '')?.[0] as string;
  await done.getByRole('link', { name: '打开申请件' }).click();
  await expect(page).toHaveURL(/\/staff\/cases\/[0-9a-f-]{36}$/);
  return { trackingNo, url: page.url() };
}

test('an e-mail application is flagged until both sides confirm; the confirmation date starts the clock', async ({ page }) => {
  await apiSignIn(page, demoLogin('clerk', 'SFS'));
  const id = stamp();
  const kase = await registerEmail(page, {
    arrivedOn: '2026-03-31',
    applicantName: `示范大学公共政策研究院${id}`,
    description: `请公开2025年度示范市重大行政决策事项目录（e2e ${id}）`,
  });
  await expectStatus(page, 'pending_confirmation');
  await expect(page.getByTestId('pending-confirmation')).toBeVisible();
  await expect(page.getByTestId('received-on')).toHaveText('待确认，期限未起算');
  await expectAnswerDue(page, '—');
  await expect(page.getByTestId('deadline-steps')).toContainText('收到申请之日尚未确认（第三十一条），各项期限均未起算。');

  // Listed and flagged: the dashboard's "待确认收到" leads to the filtered list.
  await page.goto('/staff');
  const card = page.getByTestId('dashboard-pendingConfirmation');
  await expect(card).toHaveAttribute('href', '/staff/cases?status=pending_confirmation');
  await page.goto(`/staff/cases?status=pending_confirmation&q=${kase.trackingNo}`);
  const row = page.locator(`[data-testid="case-row"][data-tracking-no="${kase.trackingNo}"]`);
  await expect(row).toContainText('待确认，期限未起算');
  await expect(row.getByTestId('case-status')).toHaveText('待确认收到');

  // Confirmed (reply e-mail) on 2026-04-01: that is the legal receipt date.
  await page.goto(kase.url);
  await act(page, 'confirm_receipt', 'receipt_confirmed', async (form) => {
    await form.getByLabel('确认日期（收到申请之日）').fill('2026-04-01');
    await form.getByLabel('确认方式').fill('申请人回复邮件确认');
  });
  await expectStatus(page, 'in_progress');
  await expect(page.getByTestId('received-on')).toHaveText('2026-04-01');
  await expect(page.getByTestId('correction-notice-due')).toHaveText('2026-04-13');
  await expectAnswerDue(page, '2026-04-30');
  await expect(page.getByTestId('pending-confirmation')).toHaveCount(0);
});

test('a change decided on an old version is refused: 该申请已被他人修改，请刷新后重试', async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  await apiSignIn(first, demoLogin('clerk', 'SFS'));
  await apiSignIn(second, demoLogin('reviewer', 'SFS'));
  const id = stamp();
  const kase = await registerSignedLetter(first, {
    signedForOn: '2026-03-02',
    applicantName: `并发测试${id}`,
    description: `请公开示范市2025年度政府信息公开工作年度报告底稿（e2e ${id}）`,
  });
  await second.goto(kase.url); // the reviewer sees version 0
  await act(first, 'claim', 'claimed'); // the clerk changes the case: version 1

  const box = second.getByTestId('action-claim');
  await box.locator('summary').click();
  await box.getByRole('button', { name: '认领' }).click();
  await expect(box.getByRole('alert')).toHaveText('该申请已被他人修改，请刷新后重试。');
  await second.reload();
  await expect(second.getByTestId('action-claim')).toHaveCount(0); // claimed meanwhile: no longer offered
});
