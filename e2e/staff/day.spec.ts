/**
 * A staff member's day (issue 10): the work queue (待办) with its count in the navigation and rows that open
 * the step to take; a case page that guides (the next step first, a blocked step with its reason, a
 * confirmation after every step) and an answer draft that keeps its outcome from one save to the next; the
 * correction (更正) of a concluded case by a reviewer; and a repeat application answered in one step citing
 * the earlier answer (Art. 36(6)). Each test registers its own cases (unique applicant names).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { apiSignIn, demoLogin } from '../fixtures/auth';
import { act, expectStatus, registerSignedLetter, stamp } from './helpers';
import { chinaToday } from './working-days';

async function signedInPage(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await apiSignIn(page, login);
  return page;
}

/** Saves the answer draft and waits until the save is in the case history (the page has refreshed). */
async function saveDraft(page: Page): Promise<void> {
  const draft = page.getByTestId('answer-draft');
  const saved = page.locator('[data-testid="timeline-event"][data-event="answer_draft_saved"]');
  const before = await saved.count();
  await draft.getByRole('button', { name: '保存答复书草稿' }).click();
  await expect(saved).toHaveCount(before + 1);
  await expect(draft.getByRole('status')).toContainText('答复书草稿已保存');
  await expect(draft.getByRole('alert')).toHaveCount(0);
}

test('the work queue leads reviewer and clerk through a case; the draft keeps its outcome', async ({ browser }) => {
  test.setTimeout(180_000);
  const id = stamp();
  const clerk = await signedInPage(browser, demoLogin('clerk', 'SFS'));
  const reviewer = await signedInPage(browser, demoLogin('reviewer', 'SFS'));
  const kase = await registerSignedLetter(clerk, { signedForOn: chinaToday(), applicantName: `待办${id}`, description: `示范市2025年公共自行车运营补贴的拨付文件（${id}）` });

  // The draft is the suggested next step; 提交审核 is shown disabled with the reason.
  await expect(clerk.getByTestId('next-step')).toHaveAttribute('data-step', 'answer_draft');
  await expect(clerk.getByTestId('action-submit_answer')).toHaveAttribute('data-blocked', 'true');

  // The fix: after the first save the outcome stays chosen; an edit saved again is kept.
  const draft = clerk.getByTestId('answer-draft');
  await draft.getByLabel('办理结果').selectOption('granted');
  await saveDraft(clerk);
  await expect(draft.getByLabel('办理结果')).toHaveValue('granted');
  await draft.getByLabel('理由').fill('该信息属于公开范围。');
  // Art. 36(2): no file attached, so the way, place and time of access are stated.
  await draft.getByLabel('获取的方式、途径和时间').fill('请于工作日9:00—17:00到本机关政务公开查阅点查阅、复制。');
  await saveDraft(clerk);
  await clerk.reload();
  await expect(clerk.getByTestId('answer-draft').getByLabel('办理结果')).toHaveValue('granted');
  await expect(clerk.getByTestId('answer-draft').getByLabel('理由')).toHaveValue('该信息属于公开范围。');
  await expect(clerk.getByTestId('answer-draft').getByLabel('获取的方式、途径和时间')).toHaveValue('请于工作日9:00—17:00到本机关政务公开查阅点查阅、复制。');
  await expect(clerk.getByTestId('answer-governed-by')).toContainText('第三十六条第（二）项');
  await expect(clerk.getByTestId('action-submit_answer').getByTestId('blocked-reason')).toContainText('保密审查');

  // The reviewer's queue has the 保密审查, with a count in the navigation; the row opens that step.
  await reviewer.goto('/staff/queue');
  await expect(reviewer.getByTestId('nav-count-/staff/queue')).toBeVisible();
  const row = reviewer.getByTestId('queue-confidentiality_review').locator(`[data-testid="queue-row"][data-case="${kase.caseId}"]`);
  await expect(row).toBeVisible();
  await row.getByTestId('queue-do').click();
  await expect(reviewer).toHaveURL(new RegExp(`/staff/cases/${kase.caseId}#action-record_confidentiality_review$`));
  const review = reviewer.getByTestId('action-record_confidentiality_review');
  await expect(review).toHaveAttribute('open', '');
  await review.getByLabel('保密审查意见').fill('经审查，不涉及国家秘密。');
  await review.locator('form button[type="submit"]').click();
  await expect(reviewer.getByTestId('action-done')).toContainText('已记录保密审查');
  await expect(reviewer.getByTestId('action-done')).toContainText('下一步');

  // Back to the clerk: 提交审核 is now the prominent step; afterwards the confirmation says what comes next.
  await clerk.goto(kase.url);
  await expect(clerk.getByTestId('next-step')).toHaveAttribute('data-step', 'submit_answer');
  await act(clerk, 'submit_answer', 'answer_submitted');
  await expect(clerk.getByTestId('action-done')).toContainText('由审核人审核签发');
  await expectStatus(clerk, 'pending_approval');

  await reviewer.goto('/staff/queue');
  await expect(reviewer.getByTestId('queue-answer_sign_off').locator(`[data-case="${kase.caseId}"]`)).toBeVisible();
  await expect(reviewer.getByTestId('queue-confidentiality_review').locator(`[data-case="${kase.caseId}"]`)).toHaveCount(0);
});

test('a reviewer corrects a concluded case; the history keeps before and after; a clerk cannot', async ({ browser }) => {
  test.setTimeout(120_000);
  const id = stamp();
  const clerk = await signedInPage(browser, demoLogin('clerk', 'SFS'));
  const reviewer = await signedInPage(browser, demoLogin('reviewer', 'SFS'));
  const kase = await registerSignedLetter(clerk, { signedForOn: chinaToday(), applicantName: `更正${id}`, description: `示范市2025年路灯维护合同（${id}）` });
  await act(clerk, 'withdraw', 'withdrawn', async (form) => {
    await form.getByLabel('撤回方式和理由').fill('申请人书面撤回');
  });
  await expectStatus(clerk, 'closed');
  await expect(clerk.getByTestId('correction')).toHaveCount(0);

  await reviewer.goto(kase.url);
  const form = reviewer.getByTestId('correction-form');
  await form.getByLabel('申请人类型').selectOption('legal_service_org');
  await form.getByLabel('更正理由').fill('登记时误选申请人类型，依据申请表原件更正。');
  await form.getByRole('button', { name: '更正' }).click();
  await expect(form.getByRole('status')).toContainText('已更正');
  await expect(reviewer.locator('[data-testid="timeline-event"][data-event="case_corrected"]')).toHaveCount(1);

  // Without a reason nothing changes.
  await reviewer.reload();
  const again = reviewer.getByTestId('correction-form');
  await again.getByLabel('申请人类型').selectOption('other_org');
  await again.getByRole('button', { name: '更正' }).click();
  await expect(again.getByRole('alert').first()).toBeVisible();
  await expect(reviewer.locator('[data-testid="timeline-event"][data-event="case_corrected"]')).toHaveCount(1);
});

test('a repeat application is answered in one step, citing the earlier answer', async ({ browser }) => {
  test.setTimeout(180_000);
  const id = stamp();
  const name = `重复${id}`;
  const description = `请公开示范市2025年老旧供水管网改造工程的验收报告和资金结算文件（${id}）`;
  const clerk = await signedInPage(browser, demoLogin('clerk', 'SFS'));
  const reviewer = await signedInPage(browser, demoLogin('reviewer', 'SFS'));

  // The first application, answered "not held" and signed off.
  const first = await registerSignedLetter(clerk, { signedForOn: chinaToday(), applicantName: name, description });
  const draft = clerk.getByTestId('answer-draft');
  await draft.getByLabel('办理结果').selectOption('unavailable_not_held');
  await draft.getByLabel('理由').fill('经检索，本机关未制作、获取该政府信息。');
  await saveDraft(clerk);
  await act(clerk, 'submit_answer', 'answer_submitted');
  await reviewer.goto(first.url);
  await act(reviewer, 'approve_answer', 'answer_approved');

  // The same applicant asks again: the earlier application is shown with its answer, and one click answers.
  const second = await registerSignedLetter(clerk, { signedForOn: chinaToday(), applicantName: name, description });
  const earlier = clerk.getByTestId('earlier-applications').locator(`[data-testid="earlier-application"][data-case="${first.caseId}"]`);
  await expect(earlier).toBeVisible();
  await expect(earlier).toContainText('无法提供');
  await earlier.getByTestId('repeat-answer').getByRole('button').click();
  await expect(earlier.getByRole('status')).toContainText('重复申请');
  await expectStatus(clerk, 'pending_approval');

  await reviewer.goto(second.url);
  await act(reviewer, 'approve_answer', 'answer_approved');
  await expectStatus(reviewer, 'answered');
  await expect(reviewer.getByTestId('tracking-no').locator('..')).toContainText('不予处理：重复申请');
});
