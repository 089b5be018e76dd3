/**
 * 当场答复 (Art. 33 para 1; issue 10 item 6): a counter application answered on the spot from one form.
 *
 * A reviewer registers a counter application, chooses 予以公开, ticks the 保密审查 and submits (twice, as a
 * hurried double click): one case, registered today, answered with its 文号, delivered in person and concluded;
 * the letter's PDF prints from the result. A clerk's counter answer goes to the reviewer for sign-off; an
 * incomplete answer (a refusal without reason) is refused on the form and stores nothing.
 */
import { expect, test, type Page } from '@playwright/test';
import { apiSignIn, demoLogin } from '../fixtures/auth';
import { expectStatus, stamp } from './helpers';

async function fillCounter(page: Page, opts: { applicantName: string; description: string; outcome: string }) {
  await page.goto('/staff/cases/counter');
  const form = page.getByTestId('counter-form');
  await form.getByLabel('提出方式').selectOption('in_person');
  await form.getByLabel('申请人类型').selectOption('natural_person');
  await form.getByLabel('姓名').fill(opts.applicantName);
  await form.getByLabel('所需政府信息的名称或者内容描述').fill(opts.description);
  await form.getByLabel('办理结果').selectOption(opts.outcome);
  return form;
}

test('a reviewer answers a counter application on the spot: one case, issued, delivered in person, letter printable', async ({ page }) => {
  await apiSignIn(page, demoLogin('reviewer', 'SFS'));
  const id = stamp();
  const applicantName = `当场${id}`;
  const form = await fillCounter(page, { applicantName, description: `请提供示范市政务服务大厅的办公时间安排（e2e ${id}）`, outcome: 'granted' });
  await expect(form.getByTestId('receipt-today')).toContainText('收到申请之日');
  // Art. 36(2): how the applicant obtains the information — here, on paper at the counter.
  await form.getByLabel('获取的方式、途径和时间').fill('当场提供纸质文件');
  await form.getByLabel('已进行保密审查（第十七条）').check();
  // A hurried double click: the form's submission key makes the second one return the same case.
  await form.getByRole('button', { name: '登记并当场答复' }).dblclick();

  const done = page.getByTestId('counter-done');
  await expect(done).toContainText('已当场答复');
  await expect(done).toContainText('并已当面送达申请人，申请已办结');
  const trackingNo = /GK\d{4}-[0-9A-Z]{8}/.exec((await done.textContent()) ?? '')?.[0] as string;
  expect(trackingNo).toBeTruthy();

  const print = done.getByTestId('print-answer');
  const pdf = await page.request.get((await print.getAttribute('href')) as string);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await page.goto(`/staff/cases?q=${encodeURIComponent(applicantName)}`);
  await expect(page.getByTestId('result-count')).toHaveText('共1件');
  await page.locator(`[data-testid="case-row"][data-tracking-no="${trackingNo}"] a`).first().click();
  await expect(page).toHaveURL(/\/staff\/cases\/[0-9a-f-]{36}$/);
  await expectStatus(page, 'delivered');
});

test('a clerk’s counter answer goes to the reviewer for sign-off; an incomplete one stores nothing', async ({ page }) => {
  await apiSignIn(page, demoLogin('clerk', 'SFS'));
  const id = stamp();
  const applicantName = `窗口${id}`;
  let form = await fillCounter(page, { applicantName, description: `请公开示范市某机密事项（e2e ${id}）`, outcome: 'denied_state_secret' });
  // Clerks cannot record the 保密审查: no such box for them.
  await expect(form.getByLabel('已进行保密审查（第十七条）')).toHaveCount(0);
  await form.getByRole('button', { name: '登记并提交审核' }).click();
  await expect(form.getByRole('alert').first()).toBeVisible();
  await expect(page.getByText('答复内容不完整，请补齐后再提交。')).toBeVisible();
  await page.goto(`/staff/cases?q=${encodeURIComponent(applicantName)}`);
  await expect(page.getByTestId('result-count')).toHaveText('共0件');

  form = await fillCounter(page, { applicantName, description: `请公开示范市某机密事项（e2e ${id}）`, outcome: 'denied_state_secret' });
  await form.getByLabel('理由').fill('申请公开的信息属于国家秘密。');
  await form.getByRole('button', { name: '登记并提交审核' }).click();
  const done = page.getByTestId('counter-done');
  await expect(done).toContainText('已登记并提交审核');
  await expect(done.getByTestId('print-answer')).toHaveCount(0);
  await done.getByRole('link', { name: '查看申请' }).click();
  await expectStatus(page, 'pending_approval');
});
