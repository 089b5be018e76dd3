import { test } from '@playwright/test';
import { apiSignIn, demoLogin } from '../fixtures/auth';

test('screens', async ({ browser }) => {
  test.setTimeout(300_000);
  for (const locale of ['zh-CN', 'en']) {
    for (const width of [1280, 820]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: 'http://localhost:3201' }]);
      const page = await context.newPage();
      await apiSignIn(page, demoLogin('reviewer', 'SFS'));
      const tag = `${locale}-${width}`;
      await page.goto('/staff');
      await page.screenshot({ path: `/tmp/shots/${tag}-dashboard.png`, fullPage: true });
      await page.goto('/staff/cases');
      await page.screenshot({ path: `/tmp/shots/${tag}-list.png`, fullPage: true });
      await page.goto('/staff/cases/new');
      await page.screenshot({ path: `/tmp/shots/${tag}-register.png`, fullPage: true });
      await page.goto('/staff/cases');
      const links = await page.locator('[data-testid="case-row"] th a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const [i, href] of links.slice(0, width === 1280 && locale === 'zh-CN' ? 40 : 3).entries()) {
        await page.goto(href);
        const status = await page.getByTestId('case-status').first().getAttribute('data-status');
        await page.screenshot({ path: `/tmp/shots/${tag}-case-${i}-${status}.png`, fullPage: true });
      }
      await context.close();
    }
  }
});
