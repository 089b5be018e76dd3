/**
 * The admin's letter templates and API tokens, used as an admin would (issue 11 item 4, issue 10 item 7): a
 * template edit saved as a new version, previewed, refused when a required element is missing, and restored
 * to the default; an API token created for one organisation, shown once, accepted by /api/v1, then revoked
 * and refused. Bug guarded against: admin pages whose forms only work in the library tests.
 */
import { expect, test } from '@playwright/test';
import { apiSignIn } from '../fixtures/auth';
import { pickOption } from '../fixtures/picker';

test('templates: save a version, preview it, refuse an incomplete text, restore the default', async ({ page }) => {
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  await page.goto('/admin/templates?type=delayed_answer_notice');
  await expect(page.getByRole('heading', { level: 1, name: '文书模板' })).toBeVisible();
  const title = page.getByLabel('标题', { exact: true });
  const original = await title.inputValue();
  expect(original.length).toBeGreaterThan(0);

  await title.fill(`${original}（测试）`);
  await page.getByRole('button', { name: '保存为新版本' }).click();
  // The fields reopen on the saved version and the confirmation stays, naming the version the source line names.
  const source = page.getByTestId('template-source');
  await expect(source).toContainText(/本机构的模板，第\d+版。/);
  const version = Number(/第(\d+)版/.exec((await source.textContent()) ?? '')?.[1]);
  expect(version).toBeGreaterThan(0);
  await expect(page.getByRole('status').filter({ hasText: `已保存为第${version}版。` })).toBeVisible();
  await expect(title).toHaveValue(`${original}（测试）`);
  await page.reload();
  await expect(source).toContainText(`本机构的模板，第${version}版。`);
  await expect(page.getByTestId('template-history')).toContainText(`${original}（测试）`);

  await page.getByRole('button', { name: '预览（样稿）' }).click();
  await expect(page.getByTestId('template-preview')).toHaveAttribute('href', /^blob:/);

  // A text without the letter's required elements is refused and stores nothing.
  await page.getByLabel('正文', { exact: true }).fill('　　特此告知。');
  await page.getByRole('button', { name: '保存为新版本' }).click();
  await expect(page.getByTestId('template-problems')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('template-source')).toContainText(`本机构的模板，第${version}版。`);

  // Back to the built-in text (as a new version), so other specs' letters read as before.
  await page.getByRole('button', { name: '恢复为系统默认文本' }).click();
  await expect(source).toContainText(`本机构的模板，第${version + 1}版。`);
  await page.reload();
  await expect(page.getByTestId('template-history')).toContainText('恢复为默认文本');
  await expect(page.getByLabel('标题', { exact: true })).toHaveValue(original);
});

test('API tokens: scopes required, created once, used, revoked', async ({ page }) => {
  await apiSignIn(page, 'admin@demo.gongkai.cn');
  await page.goto('/admin/api-tokens');
  const form = page.getByTestId('create-api-token-form');
  const name = `e2e平台${Date.now().toString(36)}`;
  await form.getByLabel('名称（如：省政务服务平台）').fill(name);
  await pickOption(page, form.getByRole('combobox', { name: '机构（含下级机构）' }), '示范市');

  // No scope: refused with the reason, nothing created.
  await form.getByRole('checkbox', { name: /读取申请/ }).uncheck();
  await form.getByRole('button', { name: '创建令牌' }).click();
  await expect(form.getByText('请至少选择一项权限。')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);

  await form.getByRole('checkbox', { name: /读取申请/ }).check();
  await form.getByRole('button', { name: '创建令牌' }).click();
  const value = form.getByTestId('api-token-value');
  await expect(value).toHaveValue(/^gk_/);
  const token = await value.inputValue();

  const list = await page.request.get('/api/v1/cases?limit=1', { headers: { Authorization: `Bearer ${token}` } });
  expect(list.status()).toBe(200);
  expect(((await list.json()) as { items: unknown[] }).items).toBeInstanceOf(Array);
  // The read-only token may not register a case.
  const register = await page.request.post('/api/v1/cases', { headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': `e2e-${Date.now()}` }, data: {} });
  expect(register.status()).toBe(403);

  await page.reload();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  // The list shows the token's prefix only, never the token.
  await expect(page.getByText(token)).toHaveCount(0);
  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: '撤销' }).click();
  // The row then shows when it was revoked, and offers no revoke button.
  await expect(row).toContainText(/已于.+撤销/);
  await expect(row.getByRole('button', { name: '撤销' })).toHaveCount(0);
  expect((await page.request.get('/api/v1/cases?limit=1', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
});
