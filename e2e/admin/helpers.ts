import { expect, type Page } from '@playwright/test';

/** The CSV header of the case import format (lib/import/case-file-format.ts). */
export const IMPORT_HEADER = 'tracking_no,org_code,applicant_type,applicant_name,channel,received_on,description,outcome,concluded_on';

/** A tracking-number prefix unique to this test run and spec. */
export function uniquePrefix(tag: string): string {
  return `E2E-${tag}-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;
}

export interface ImportJobView {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  summary: { inserted: number; skipped: number } | null;
  errors: Array<{ row: number; column: string | null; code: string; params: Record<string, string | number> }>;
  error: string | null;
}

/**
 * Imports a CSV through the admin import endpoint (as the signed-in admin of `page`) and waits for the job.
 * The Origin header is what a browser sends with the page's fetch (route handlers refuse cross-site posts).
 */
export async function importCsv(page: Page, baseURL: string, csv: string, fileName = 'cases.csv'): Promise<ImportJobView> {
  const origin = new URL(baseURL).origin;
  const res = await page.request.post('/api/admin/import', {
    headers: { Origin: origin },
    multipart: { file: { name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') } },
  });
  expect(res.status(), await res.text()).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  let view: ImportJobView | null = null;
  await expect
    .poll(
      async () => {
        const r = await page.request.get(`/api/admin/import/${jobId}`);
        view = (await r.json()) as ImportJobView;
        return view.status;
      },
      { timeout: 60_000, intervals: [300, 500, 1000] },
    )
    .toMatch(/succeeded|failed/);
  return view as unknown as ImportJobView;
}
