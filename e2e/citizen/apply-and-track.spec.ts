/**
 * The citizen portal end to end, as an applicant uses it: an organisation applies anonymously and
 * follows its case with tracking number + access code (wrong codes are refused, then the number is
 * throttled); a person registers, signs in, applies with a file, answers the agency's 补正 request with a
 * file (the agency acting through its own staff pages), and downloads the answer letter; another applicant
 * cannot see that case. Every page is checked with axe at 375 and 1280 px, with screenshots kept.
 */
import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../fixtures/auth';
import {
  CITY_OFFICE,
  EDUCATION_BUREAU,
  VALID_RESIDENT_ID,
  VALID_USCC,
  auditPage,
  chooseOrganisation,
  download,
  readConfirmation,
  registerAndSignIn,
  staffPage,
  staffStep,
  tinyPdf,
} from './portal-helpers';

const CLERK = DEMO_ACCOUNTS.find((a) => a.role === 'clerk' && a.org === 'SFS')!.login;
const REVIEWER = DEMO_ACCOUNTS.find((a) => a.role === 'reviewer' && a.org === 'SFS')!.login;


test('public pages pass axe at phone and desktop widths', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  for (const [path, name] of [
    ['/', 'home'],
    ['/signin', 'signin'],
    ['/register', 'register'],
    ['/apply', 'apply'],
    ['/track', 'track'],
  ] as const) {
    await page.goto(path);
    await expect(page.locator('main h1').first()).toBeVisible();
    await auditPage(page, testInfo, name);
  }
});

test('an organisation applies anonymously, tracks with its code; wrong codes are refused, then throttled', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto('/apply');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政府信息公开申请');
  // Anonymous applicants may attach supporting files too.
  await expect(page.locator('#files')).toBeVisible();

  // Submitting an incomplete form: field-level messages in Chinese, and what was typed is kept.
  await page.getByLabel('法人或者其他组织').check();
  await page.locator('#applicantName').fill('示范律师事务所');
  await page.locator('#mobile').fill('1390000');
  await page.getByTestId('submit-application').click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page.locator('#mobile-error')).toHaveText('请填写11位手机号码。');
  await expect(page.locator('#legalRepresentative-error')).toHaveText('此项为必填项。');
  await expect(page.locator('#orgId-error')).toBeVisible();
  await expect(page.locator('#applicantName')).toHaveValue('示范律师事务所');
  await expect(page.locator('#mobile')).toHaveValue('1390000');
  await auditPage(page, testInfo, 'apply-errors');

  // A unified social credit code with a wrong check character is caught, with the rest kept.
  await page.locator('#orgType').selectOption('legal_service_org');
  await page.locator('#uscc').fill('91350100M000100Y44');
  await page.locator('#legalRepresentative').fill('李律师');
  await page.locator('#contactPerson').fill('王助理');
  await page.locator('#mobile').fill('13900001111');
  await page.locator('#email').fill('office@example.cn');
  await page.locator('#description').fill('2025年本市义务教育阶段学校划片范围的文件。');
  await page.locator('#documentRef').fill('示范教发〔2025〕1号');
  await chooseOrganisation(page, '教育', EDUCATION_BUREAU);
  await page.getByTestId('submit-application').click();
  await expect(page.locator('#uscc-error')).toHaveText('统一社会信用代码校验码不正确，请核对。');
  await expect(page.locator('#description')).toHaveValue('2025年本市义务教育阶段学校划片范围的文件。');
  await expect(page.locator('#org-list input:checked')).toHaveCount(1);

  // Correct it and submit.
  await expect(page.locator('#orgType')).toHaveValue('legal_service_org');
  await page.locator('#uscc').fill(VALID_USCC.toLowerCase());
  // A double click still creates one application (same submission key).
  await page.getByTestId('submit-application').dblclick();
  const codes = await readConfirmation(page);
  await expect(page.getByText('查询码只在此显示一次')).toBeVisible();
  await expect(page.getByText('第三十一条')).toBeVisible();
  await auditPage(page, testInfo, 'confirmation');

  // The receipt (回执) is a PDF, served as an attachment, for this browser (it holds the tracking grant).
  const receipt = await download(page, page.getByTestId('receipt-link'));
  expect(receipt.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(receipt.filename).toContain(codes.trackingNo);

  // A fresh browser (no grant): tracking by number + code, by keyboard only.
  const visitor = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const other = await visitor.newPage();
  expect((await other.request.get(`/api/portal/cases/${codes.caseId}/receipt`)).status()).toBe(404);
  await other.goto(`/track/${codes.trackingNo}`);
  await expect(other).toHaveURL(/\/track\?trackingNo=/);
  await expect(other.locator('#trackingNo')).toHaveValue(codes.trackingNo);
  await other.locator('#accessCode').focus();
  await other.keyboard.type(codes.accessCode.toLowerCase());
  await other.keyboard.press('Enter');
  await other.waitForURL(`**/track/${codes.trackingNo}`);
  expect(other.url()).not.toContain(codes.accessCode);
  await expect(other.getByTestId('case-status')).toHaveAttribute('data-status', 'pending_confirmation');
  await expect(other.getByTestId('received-on')).toContainText('待受理机关确认');
  await expect(other.getByTestId('timeline').locator('li')).toHaveCount(1);
  await expect(other.getByTestId('deadline-steps')).toContainText('收到申请之日尚未确认');
  await expect(other.getByTestId('id-masked')).toHaveText('913501********0Y43');
  // Whoever holds the tracking number and access code may act without an account (e.g. withdraw).
  await expect(other.getByTestId('withdraw-open')).toBeVisible();
  await auditPage(other, testInfo, 'case-tracked');

  // English, switched in the header; the same page in the second language.
  await other.getByTestId('language-switcher').selectOption('en');
  await expect(other.getByTestId('case-status')).toHaveText('Receipt to be confirmed');
  await expect(other.getByTestId('deadline-steps')).toContainText('Receipt not yet confirmed');
  await auditPage(other, testInfo, 'case-tracked-en');
  await visitor.close();

  // Wrong codes: refused, and after five this browser's address is throttled for the number — even for the
  // right code (the counter is taken before the code is checked). The owner elsewhere is not affected.
  const guesser = await browser.newContext({ locale: 'zh-CN' });
  const g = await guesser.newPage();
  await g.goto('/track');
  for (let i = 1; i <= 5; i++) {
    await g.locator('#trackingNo').fill(codes.trackingNo);
    await g.locator('#accessCode').fill(`WRONGCODE${i}ABCDEF`);
    await g.getByTestId('track-submit').click();
    await expect(g.getByTestId('track-error')).toHaveAttribute('data-attempt', String(i));
    await expect(g.getByTestId('track-error')).toHaveText('申请编号或查询码不正确。');
  }
  await g.locator('#trackingNo').fill(codes.trackingNo);
  await g.locator('#accessCode').fill(codes.accessCode);
  await g.getByTestId('track-submit').click();
  await expect(g.getByTestId('track-error')).toHaveAttribute('data-attempt', '6');
  await expect(g.getByTestId('track-error')).toHaveText(/尝试次数过多/);
  await expect(g).toHaveURL(/\/track$/);
  // An unknown number answers exactly like a wrong code.
  await g.locator('#trackingNo').fill('GK2026-ZZZZZZZZ');
  await g.locator('#accessCode').fill(codes.accessCode);
  await g.getByTestId('track-submit').click();
  await expect(g.getByTestId('track-error')).toHaveAttribute('data-attempt', '7');
  await expect(g.getByTestId('track-error')).toHaveText('申请编号或查询码不正确。');
  await guesser.close();
});

test('a person registers, applies with a file, answers a 补正 with a file and downloads the answer; others get 404', async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  await registerAndSignIn(page, '张小明');
  await expect(page.getByTestId('my-empty')).toBeVisible();
  await auditPage(page, testInfo, 'my-empty');

  await page.goto('/apply');
  await expect(page.getByText('本申请将关联到您的账号')).toBeVisible();
  await expect(page.locator('#applicantName')).toHaveValue('张小明');
  await page.locator('#idDocType').selectOption('resident_id');
  await page.locator('#idNumber').fill(VALID_RESIDENT_ID.toLowerCase());
  await page.locator('#mobile').fill('13800138000');
  await page.locator('#description').fill('本人所在小区2024年旧改项目的批复文件。');
  await page.locator('#requestedForm-paper').check();
  await page.locator('#deliveryMethod-post').check();
  await page.locator('#postalAddress').fill('示范市东城区幸福路1号');
  await page.locator('#postalCode').fill('100000');
  await chooseOrganisation(page, '人民政府办公室', CITY_OFFICE);
  await page.locator('#files').setInputFiles({ name: '身份证复印件.pdf', mimeType: 'application/pdf', buffer: tinyPdf('id copy') });
  await page.getByTestId('submit-application').click();
  const codes = await readConfirmation(page);
  await expect(page.getByText('本申请已关联到您的账号')).toBeVisible();

  // "My applications" lists it; the case page shows the masked identity number and the file.
  await page.goto('/my');
  await expect(page.getByTestId('my-cases').getByText(codes.trackingNo)).toBeVisible();
  await auditPage(page, testInfo, 'my');
  await page.goto(`/my/${codes.caseId}`);
  await expect(page.getByTestId('id-masked')).toHaveText('110105********002X');
  await expect(page.getByTestId('file-application_file')).toContainText('身份证复印件.pdf');

  // The agency confirms receipt and asks for a correction (补正), through its own pages.
  const clerk = await staffPage(browser, CLERK);
  await staffStep(clerk, codes.caseId, 'confirm_receipt');
  await staffStep(clerk, codes.caseId, 'request_correction', { items: '请补充提供房屋所有权证明。', periodDays: '10' });

  await page.reload();
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'awaiting_correction');
  await expect(page.getByTestId('received-on')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId('correction-items')).toHaveText('请补充提供房屋所有权证明。');
  await expect(page.getByTestId('document-correction_notice')).toBeVisible();
  await auditPage(page, testInfo, 'case-correction');
  await page.locator('#correctionText').fill('已补充房屋所有权证明，见附件。');
  await page.locator('#correctionFiles').setInputFiles({ name: '房产证.pdf', mimeType: 'application/pdf', buffer: tinyPdf('deed') });
  await page.getByTestId('correction-submit').click();
  await expect(page.getByTestId('action-done')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('file-correction_file').filter({ hasText: '房产证.pdf' })).toBeVisible();

  // The agency receives the correction and answers; a reviewer signs the answer off.
  await staffStep(clerk, codes.caseId, 'receive_correction');
  await clerk.goto(`/staff/cases/${codes.caseId}`);
  await clerk.locator('#answer-outcome').selectOption('unavailable_not_held');
  const reason = clerk.locator('#answer-reason');
  if (await reason.count()) await reason.fill('经检索，本机关未制作、获取该政府信息。');
  await clerk.getByTestId('answer-draft').locator('form button[type=submit]').click();
  await expect(clerk.getByTestId('draft-complete')).toBeVisible({ timeout: 20_000 });
  await staffStep(clerk, codes.caseId, 'submit_answer');
  const reviewer = await staffPage(browser, REVIEWER);
  await staffStep(reviewer, codes.caseId, 'approve_answer');

  // The applicant sees the answer and downloads the letter (a PDF).
  await page.reload();
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'answered');
  await expect(page.getByTestId('timeline').locator('li[data-event=answer_approved]')).toBeVisible();
  const letter = await download(page, page.getByTestId('document-answer'));
  expect(letter.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await auditPage(page, testInfo, 'case-answered');

  // Someone else's case is "not found" — for another applicant and for an anonymous browser.
  const strangerContext = await browser.newContext({ locale: 'zh-CN' });
  const stranger = await strangerContext.newPage();
  expect((await stranger.request.get(`/api/portal/cases/${codes.caseId}/receipt`)).status()).toBe(404);
  await registerAndSignIn(stranger, '李四');
  const response = await stranger.goto(`/my/${codes.caseId}`);
  expect(response?.status()).toBe(404);
  await expect(stranger.getByTestId('not-found')).toBeVisible();
  expect((await stranger.request.get(`/api/portal/cases/${codes.caseId}/documents/${codes.caseId}`)).status()).toBe(404);
  await strangerContext.close();
});

test('a signed-in applicant withdraws an application after confirming', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await registerAndSignIn(page, '王五');
  await page.goto('/apply');
  await page.locator('#idDocType').selectOption('passport');
  await page.locator('#idNumber').fill('E12345678');
  await page.locator('#mobile').fill('13700137000');
  await page.locator('#documentRef').fill('示范政发〔2024〕8号');
  await chooseOrganisation(page, '西山', '示范市西山镇人民政府');
  await page.getByTestId('submit-application').click();
  const codes = await readConfirmation(page);
  await page.getByTestId('track-link').click();
  await page.waitForURL(`**/my/${codes.caseId}`);
  await page.getByTestId('withdraw-open').click();
  await expect(page.locator('#withdraw-confirm-title')).toBeFocused();
  await expect(page.locator('#withdraw-confirm-title')).toContainText(codes.trackingNo);
  await auditPage(page, testInfo, 'withdraw-confirm');
  await page.getByTestId('withdraw-confirm').click();
  await page.waitForURL(`**/my/${codes.caseId}?done=withdrawn`);
  await expect(page.getByTestId('case-notice')).toHaveText('申请已撤回。');
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('timeline').locator('li[data-event=withdrawn]')).toBeVisible();
  await expect(page.getByTestId('withdraw-panel')).toHaveCount(0);
});
