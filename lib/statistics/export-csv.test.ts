import { describe, expect, it } from 'vitest';
import { csvField, toCsv, toCsvBytes } from '@/lib/statistics/export-csv';
import pingdu from '@/lib/statistics/fixtures/pingdu-2020.json';
import { pingduTable } from '@/lib/statistics/fixtures/tables';
import { SECTION3_COLUMN_IDS, section3Rows } from '@/lib/statistics/layouts';
import { parseAnnualTable } from '@/lib/statistics/parse-annual-table';

describe('toCsv', () => {
  const csv = toCsv(pingduTable());
  const all = csv.slice(1).split('\r\n');
  // Section 二 comes first (report order); the section 三 assertions below start at its heading.
  const lines = all.slice(all.indexOf('三、收到和处理政府信息公开申请情况'));

  it('starts with a UTF-8 byte-order mark and uses CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect([...toCsvBytes(pingduTable()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('has the section 三 title, note, header and every row with exact labels and numbers', () => {
    expect(lines[0]).toBe('三、收到和处理政府信息公开申请情况');
    expect(lines[1]).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(lines[2]).toBe('row_id,代码,分组,项目,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计');
    const rows = section3Rows('2019');
    rows.forEach((row, index) => {
      const fields = lines[3 + index].split(',');
      expect(fields.slice(0, 2)).toEqual([row.id, row.code]);
      expect(fields[3]).toBe(row.label);
      const published: Readonly<Record<string, Readonly<Record<string, number>>>> = pingdu.section3.rows;
      expect(fields.slice(4).map(Number)).toEqual(SECTION3_COLUMN_IDS.map((c) => published[row.id][c]));
    });
    expect(lines[3 + 4]).toBe(
      'denied_state_secret,三(三)1,三、本年度办理结果／（三）不予公开,1.属于国家秘密,4,0,0,0,0,0,4',
    );
  });

  it('has the section 四 block', () => {
    const start = 3 + 23 + 1;
    expect(lines.slice(start, start + 5)).toEqual([
      '四、政府信息公开行政复议、行政诉讼情况',
      'block_id,项目,结果维持,结果纠正,其他结果,尚未审结,总计',
      'administrative_review,行政复议,7,2,0,0,9',
      'litigation_direct,行政诉讼／未经复议直接起诉,3,0,0,0,3',
      'litigation_after_review,行政诉讼／复议后起诉,0,0,0,0,0',
    ]);
  });

  it('leaves missing cells of an imported table blank', () => {
    const parsed = parseAnnualTable(pingdu);
    if (!parsed.success) throw new Error('parse failed');
    expect(toCsv(parsed.table)).toContain('\r\nlitigation_after_review,行政诉讼／复议后起诉,,,,,\r\n');
  });

  it('quotes fields that need it', () => {
    expect(csvField('3.危及“三安全一稳定”')).toBe('3.危及“三安全一稳定”'); // full-width quotes need none
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(csvField(-50)).toBe('-50');
    // Text a spreadsheet would run as a formula is neutralised (an organisation named by a hostile import).
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(csvField('+1+cmd|calc')).toBe("'+1+cmd|calc");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('-5')).toBe('-5');
  });
});
