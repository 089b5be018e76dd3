import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CASE_FILE_COLUMNS } from '@/lib/import/case-file-format';
import { readCaseFile } from '@/lib/import/read-case-file';
import { validateCaseRows } from '@/lib/import/validate-case-rows';

const HEADER = CASE_FILE_COLUMNS.join(',');
const TODAY = '2024-06-30';
const utf8 = (text: string) => new TextEncoder().encode(text);

async function validate(text: string) {
  const read = await readCaseFile(utf8(text));
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return validateCaseRows(read.file, { today: TODAY });
}

describe('readCaseFile', () => {
  it('reads UTF-8 CSV with a BOM, quoted commas and line breaks, keeping values as text', async () => {
    const text = `\uFEFF${HEADER}\r\n"007",PD,natural_person,"张三, 李四",online,2020-01-05,"第一行\n第二行",granted,2020-01-20\r\n`;
    const read = await readCaseFile(utf8(text));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.file.kind).toBe('csv');
    expect(read.file.headers).toEqual([...CASE_FILE_COLUMNS]);
    expect(read.file.rows).toEqual([
      {
        row: 2,
        values: {
          tracking_no: '007',
          org_code: 'PD',
          applicant_type: 'natural_person',
          applicant_name: '张三, 李四',
          channel: 'online',
          received_on: '2020-01-05',
          description: '第一行\n第二行',
          outcome: 'granted',
          concluded_on: '2020-01-20',
        },
      },
    ]);
  });

  it('keeps spreadsheet row numbers across blank lines', async () => {
    const read = await readCaseFile(
      utf8(
        `${HEADER}\nA,PD,natural_person,x,online,2020-01-05,d,,\n\n,,,,,,,,\nB,PD,natural_person,x,online,2020-01-06,d,,\n`,
      ),
    );
    if (!read.ok) throw new Error('unreadable');
    expect(read.file.rows.map((r) => [r.row, r.values.tracking_no])).toEqual([
      [2, 'A'],
      [5, 'B'],
    ]);
  });

  it('reads text that is not UTF-8 as GB18030 (GBK from Excel) and says so', async () => {
    const gbk = new Uint8Array([
      ...utf8(`${HEADER}\nA,PD,natural_person,`),
      0xd5,
      0xc5,
      0xc8,
      0xfd,
      ...utf8(',online,2020-01-05,d,,\n'),
    ]);
    const read = await readCaseFile(gbk);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.file.encoding).toBe('gb18030');
    expect(read.file.rows[0]!.values.applicant_name).toBe('张三');
    const utf = await readCaseFile(utf8(`${HEADER}\nA,PD,natural_person,张三,online,2020-01-05,d,,\n`));
    expect(utf.ok && utf.file.encoding).toBe('utf-8');
  });

  it('reads XLSX with date cells, numbers and columns in another order', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('cases');
    sheet.addRow(['Received_On', ...CASE_FILE_COLUMNS.filter((c) => c !== 'received_on'), 'remarks']);
    sheet.addRow([
      new Date(Date.UTC(2020, 0, 5)),
      2020001,
      'PD',
      'natural_person',
      { richText: [{ text: '张' }, { text: '三' }] },
      'post',
      '申请',
      'granted',
      '2020-01-20',
      '备注',
    ]);
    const data = new Uint8Array(await workbook.xlsx.writeBuffer());
    const read = await readCaseFile(data);
    if (!read.ok) throw new Error('unreadable');
    expect(read.file.kind).toBe('xlsx');
    expect(read.file.rows[0]?.values).toMatchObject({
      tracking_no: '2020001',
      received_on: '2020-01-05',
      applicant_name: '张三',
      concluded_on: '2020-01-20',
      remarks: '备注',
    });
    const result = validateCaseRows(read.file, { today: TODAY });
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({ channel: 'post_signed', receivedOn: '2020-01-05', outcome: 'granted' });
  });
});

describe('validateCaseRows', () => {
  it('accepts open and concluded cases and maps post to post_signed', async () => {
    const result = await validate(
      `${HEADER}\nA1,PD,natural_person,张三,post,2020-12-31,d,,\nA2,PD,Legal_Service_Org,律所,ONLINE,2020-02-29,d,other_processing,2021-01-04\n`,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      expect.objectContaining({ row: 2, channel: 'post_signed', outcome: null, concludedOn: null }),
      expect.objectContaining({
        row: 3,
        applicantType: 'legal_service_org',
        channel: 'online',
        outcome: 'other_processing',
      }),
    ]);
  });

  it('reports every problem of every row with its row number and column', async () => {
    const result = await validate(
      [
        HEADER,
        'B1,PD,person,x,pigeon,2020-02-30,d,granted,2020-03-01', // row 2
        ',,natural_person,x,online,2020-01-05,d,granted,', // row 3
        'B3,PD,natural_person,x,online,2020-05-05,d,,2020-05-06', // row 4
        'B4,PD,natural_person,x,online,2020-05-05,d,new_received,2020-05-01', // row 5
        'B4,PD,natural_person,x,online,2025-01-01,d,,', // row 6
        'B6,PD,natural_person,x,online,2020/13/05,d,,', // row 7
      ].join('\n'),
    );
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { row: 2, column: 'applicant_type', code: 'import.error.invalid_applicant_type', params: { value: 'person' } },
      { row: 2, column: 'channel', code: 'import.error.invalid_channel', params: { value: 'pigeon' } },
      { row: 2, column: 'received_on', code: 'import.error.invalid_date', params: { value: '2020-02-30' } },
      { row: 3, column: 'tracking_no', code: 'import.error.required', params: {} },
      { row: 3, column: 'org_code', code: 'import.error.required', params: {} },
      { row: 3, column: 'concluded_on', code: 'import.error.concluded_on_required', params: {} },
      { row: 4, column: 'outcome', code: 'import.error.outcome_required', params: {} },
      { row: 5, column: 'outcome', code: 'import.error.invalid_outcome', params: { value: 'new_received' } },
      {
        row: 5,
        column: 'concluded_on',
        code: 'import.error.concluded_before_received',
        params: { received_on: '2020-05-05', concluded_on: '2020-05-01' },
      },
      {
        row: 6,
        column: 'received_on',
        code: 'import.error.date_in_future',
        params: { value: '2025-01-01', today: TODAY },
      },
      { row: 6, column: 'tracking_no', code: 'import.error.duplicate_in_file', params: { firstRow: 5 } },
      { row: 7, column: 'received_on', code: 'import.error.invalid_date', params: { value: '2020/13/05' } },
    ]);
  });

  it('reports missing and duplicated headers on row 1 and stops there', async () => {
    const result = await validate('tracking_no,org_code,org_code\nA,B,C\n');
    expect(result.errors).toContainEqual({
      row: 1,
      column: 'org_code',
      code: 'import.error.duplicate_column',
      params: { column: 'org_code' },
    });
    expect(result.errors).toContainEqual({
      row: 1,
      column: 'received_on',
      code: 'import.error.missing_column',
      params: { column: 'received_on' },
    });
    expect(result.errors.every((e) => e.row === 1)).toBe(true);
  });

  it('refuses a file without case rows', async () => {
    expect((await validate(`${HEADER}\n`)).errors).toEqual([
      { row: 1, column: null, code: 'import.error.no_rows', params: {} },
    ]);
  });
});
