/**
 * 依申请公开转主动公开 (Art. 44; issue 10 item 8): the public reading room.
 *
 * A reviewer answers a registered application 予以公开 with a disclosed file, then proposes publishing it under
 * a public title. Until the reviewer approves, the anonymous list does not show it; once approved it is found by
 * its subject, shows the agency and date and nothing of the applicant, and its file downloads without an account
 * under a neutral name. Withdrawn, it is gone again (its page and its file answer "not found").
 */
import { expect, test } from '@playwright/test';
import { apiSignIn, demoLogin } from '../fixtures/auth';
import { act, expectStatus, registerSignedLetter, stamp } from '../staff/helpers';

test('a publication appears in the public list only once approved, downloads anonymously, and is withdrawn', async ({ page, browser }) => {
  await apiSignIn(page, demoLogin('reviewer', 'SFS'));
  const id = stamp();
  const applicantName = `公开申请人${id}`;
  const kase = await registerSignedLetter(page, {
    signedForOn: '2026-03-02',
    applicantName,
    description: `请公开示范市2025年公共自行车站点布局规划（e2e ${id}）`,
  });

  const draft = page.getByTestId('answer-draft');
  await draft.getByLabel('办理结果').selectOption('granted');
  await draft.getByLabel('获取的方式、途径和时间').fill('见所附文件。');
  await draft.getByRole('button', { name: '保存答复书草稿' }).click();
  await expect(draft.getByRole('status').first()).toBeVisible();
  await page.goto(kase.url);
  const upload = page.getByRole('form', { name: '上传文件' });
  await upload.getByLabel('文件类别').selectOption('disclosed_file');
  await upload.locator('input[type="file"]').setInputFiles({
    name: `${applicantName}-站点布局规划.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(`示范市2025年公共自行车站点布局规划 ${id}\n`, 'utf8'),
  });
  await upload.getByRole('button', { name: '上传' }).click();
  await expect(page.getByTestId('attachments')).toContainText('站点布局规划.txt');
  await act(page, 'record_confidentiality_review', 'confidentiality_review_recorded', async (form) => {
    await form.getByLabel('保密审查意见').fill('经审查，可以公开。');
  });
  await act(page, 'submit_answer', 'answer_submitted');
  await act(page, 'approve_answer', 'answer_approved');
  await expectStatus(page, 'answered');

  // Proposed under a public title: not public yet.
  const subject = `公共自行车站点${id}`;
  const panel = page.getByTestId('publication-panel');
  const propose = panel.getByTestId('publication-propose');
  await propose.getByLabel('公开标题').fill('示范市2025年公共自行车站点布局规划');
  await propose.getByLabel('主题').fill(subject);
  await propose.getByRole('button', { name: '提请审核公开' }).click();
  await expect(panel.getByTestId('publication-item')).toHaveAttribute('data-status', 'proposed');

  const visitor = await browser.newPage(); // no session
  await visitor.goto(`/reading-room?q=${encodeURIComponent(subject)}`);
  await expect(visitor.getByTestId('reading-room-count')).toHaveText('共0条');

  await page.goto(kase.url);
  await page.getByTestId('publication-decide').getByRole('button', { name: '同意公开' }).click();
  await expect(page.getByTestId('publication-item')).toHaveAttribute('data-status', 'published');

  // Public: found by its subject, with agency and date, nothing of the applicant.
  await visitor.goto('/reading-room');
  await expect(visitor.getByRole('link', { name: '公开信息' }).first()).toBeVisible();
  await visitor.getByLabel('按主题检索').fill(subject);
  await visitor.getByRole('button', { name: '检索' }).click();
  await expect(visitor.getByTestId('reading-room-count')).toHaveText('共1条');
  const item = visitor.getByTestId('reading-room-item');
  await expect(item).toContainText('示范市2025年公共自行车站点布局规划');
  await expect(item).toContainText('公开机关');
  await item.getByRole('link').click();
  await expect(visitor.getByTestId('reading-room-title')).toHaveText('示范市2025年公共自行车站点布局规划');
  await expect(visitor.locator('main')).not.toContainText(applicantName);
  await expect(visitor.locator('main')).not.toContainText(kase.trackingNo);
  const itemUrl = visitor.url();
  const fileLink = visitor.getByTestId('reading-room-file');
  await expect(fileLink).toContainText('附件1.txt');
  const fileHref = (await fileLink.getAttribute('href')) as string;
  const file = await visitor.request.get(fileHref);
  expect(file.status()).toBe(200);
  expect(await file.text()).toContain(`公共自行车站点布局规划 ${id}`);
  expect(file.headers()['content-disposition']).not.toContain(encodeURIComponent(applicantName));

  // Withdrawn by the reviewer: gone from the list, its page and its file.
  await page.goto(kase.url);
  const withdraw = page.getByTestId('publication-withdraw');
  await withdraw.getByLabel('撤下理由').fill('规划已调整');
  await withdraw.getByRole('button', { name: '撤下' }).click();
  await expect(page.getByTestId('publication-item')).toHaveAttribute('data-status', 'withdrawn');
  await visitor.goto(`/reading-room?q=${encodeURIComponent(subject)}`);
  await expect(visitor.getByTestId('reading-room-count')).toHaveText('共0条');
  expect((await visitor.request.get(itemUrl)).status()).toBe(404);
  expect((await visitor.request.get(fileHref)).status()).toBe(404);
  await visitor.close();
});
