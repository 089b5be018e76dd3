/**
 * Issue 12 item 8: an imported case does not invent 载体形式 / 获取方式. A file without the optional columns
 * (or with empty cells) stores NULL, and every reader shows "未记录" or null instead of the old defaults
 * (electronic / online_download): the staff case page's DTO, the integration API (and its response schema),
 * the 审批单 of record. A file with the columns stores what it says, in the offices' own words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { caseDetailSchema } from '@/lib/api/v1/schemas';
import { readCase } from '@/lib/api/v1/cases';
import { createActor } from '@/lib/cases/int-fixtures';
import { getCaseForStaff } from '@/lib/cases/queries';
import type { Actor } from '@/lib/cases/actor';
import { db } from '@/lib/db';
import { loadApprovalSheet } from '@/lib/documents/case-records';
import { CASE_FILE_COLUMNS } from '@/lib/import/case-file-format';
import { importCases } from '@/lib/import/import-cases';
import { createOrganisation } from '@/lib/import/organisations';

const PREFIX = `IRF${Date.now().toString(36)}`.toUpperCase();
const TODAY = '2024-06-30';
const utf8 = (text: string) => new TextEncoder().encode(text);

let admin: Actor;

async function stored(trackingNo: string) {
  const [row] = await db.$queryRaw<{ id: string; requested_form: string | null; delivery_method: string | null }[]>`
    SELECT id, requested_form::text, delivery_method::text FROM cases WHERE tracking_no = ${trackingNo}`;
  if (!row) throw new Error(`case ${trackingNo} missing`);
  return row;
}

beforeAll(async () => {
  await createOrganisation(db, { code: `${PREFIX}-O`, name: '载体测试局', kind: 'department' });
  admin = await createActor('admin', null);
});

describe('imported cases and 载体形式 / 获取方式', () => {
  it('stores NULL when the file has no such columns, and readers say 未记录 instead of a default', async () => {
    const file = utf8(
      `${CASE_FILE_COLUMNS.join(',')}\n` +
        `${PREFIX}-1,${PREFIX}-O,natural_person,张三,online,2020-03-02,申请公开规划,granted,2020-03-20\n` +
        `${PREFIX}-2,${PREFIX}-O,natural_person,李四,post,2020-04-02,申请公开合同,,\n`,
    );
    const result = await importCases({ data: file, fileName: 'plain.csv', actor: admin, today: TODAY });
    expect(result).toMatchObject({ ok: true, inserted: 2 });

    const concluded = await stored(`${PREFIX}-1`);
    expect(concluded).toMatchObject({ requested_form: null, delivery_method: null });
    const open = await stored(`${PREFIX}-2`);
    expect(open).toMatchObject({ requested_form: null, delivery_method: null });

    const dto = await getCaseForStaff(admin, open.id);
    expect(dto.request).toMatchObject({ requestedForm: null, deliveryMethod: null });

    const principal = { tokenId: 'test', name: 'test', scopes: ['read'] as const, actor: admin };
    const api = await readCase(principal, open.id, 'zh-CN', new Date());
    expect(api.request).toMatchObject({ requestedForm: null, deliveryMethod: null });
    expect(caseDetailSchema.safeParse(api).success).toBe(true);

    const sheet = await loadApprovalSheet(db, concluded.id);
    expect(sheet.requestedForm).toBe('未记录');
  });

  it('stores the values a file states, in Chinese or as ids, and compares them on re-import', async () => {
    const header = `${CASE_FILE_COLUMNS.join(',')},载体形式,获取方式`;
    const rows = [
      `${PREFIX}-3,${PREFIX}-O,natural_person,王五,当面申请,2021/3/5,申请,予以公开,2021年3月20日,纸质,邮寄`,
      `${PREFIX}-4,${PREFIX}-O,natural_person,赵六,网上申请,2021.3.6,申请,,,electronic,`,
    ];
    const file = utf8(`${header}\n${rows.join('\n')}\n`);
    expect(await importCases({ data: file, fileName: 'forms.csv', actor: admin, today: TODAY })).toMatchObject({
      ok: true,
      inserted: 2,
    });
    expect(await stored(`${PREFIX}-3`)).toMatchObject({ requested_form: 'paper', delivery_method: 'post' });
    expect(await stored(`${PREFIX}-4`)).toMatchObject({ requested_form: 'electronic', delivery_method: null });
    const sheet = await loadApprovalSheet(db, (await stored(`${PREFIX}-3`)).id);
    expect(sheet.requestedForm).toBe('纸质，邮寄送达');
    const partial = await loadApprovalSheet(db, (await stored(`${PREFIX}-4`)).id);
    expect(partial.requestedForm).toBe('电子，获取方式未记录');

    // The same file again is a no-op; a different 获取方式 is a conflict naming the column.
    expect(await importCases({ data: file, fileName: 'forms.csv', actor: admin, today: TODAY })).toMatchObject({
      ok: true,
      inserted: 0,
      skipped: 2,
    });
    const changed = utf8(`${header}\n${rows[0]!.replace(/邮寄$/, '网上下载')}\n`);
    expect(await importCases({ data: changed, fileName: 'forms2.csv', actor: admin, today: TODAY })).toMatchObject({
      ok: false,
      errors: [{ row: 2, column: 'tracking_no', code: 'import.error.tracking_no_conflict', params: { columns: 'delivery_method' } }],
    });
  });

  it('refuses a value that is no 载体形式 or 获取方式, naming the cell, and writes nothing', async () => {
    const header = `${CASE_FILE_COLUMNS.join(',')},requested_form,delivery_method`;
    const file = utf8(`${header}\n${PREFIX}-5,${PREFIX}-O,natural_person,钱七,online,2021-03-05,申请,,,光盘,飞鸽传书\n`);
    expect(await importCases({ data: file, fileName: 'bad.csv', actor: admin, today: TODAY })).toMatchObject({
      ok: false,
      errors: [
        { row: 2, column: 'requested_form', code: 'import.error.invalid_requested_form', params: { value: '光盘' } },
        { row: 2, column: 'delivery_method', code: 'import.error.invalid_delivery_method', params: { value: '飞鸽传书' } },
      ],
    });
    const [n] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM cases WHERE tracking_no = ${`${PREFIX}-5`}`;
    expect(Number(n?.n)).toBe(0);
  });
});
