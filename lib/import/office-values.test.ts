import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  CHINESE_HEADINGS,
  headingToColumn,
  parseApplicantType,
  parseChineseChannel,
  parseDeliveryMethod,
  parseOfficeDate,
  parseOutcome,
  parseRequestedForm,
} from '@/lib/import/office-values';
import { readCaseFile } from '@/lib/import/read-case-file';
import { validateCaseRows } from '@/lib/import/validate-case-rows';
import { OUTCOMES } from '@/lib/law/ids';
import { section3Rows, SECTION3_GROUPS, REPORT_FORMATS } from '@/lib/statistics/layouts';

describe('parseOutcome (annual-report-formats.md §2 labels)', () => {
  it('accepts the ids of either format as before', () => {
    for (const id of OUTCOMES) expect(parseOutcome(id, '2021')).toBe(id);
    expect(parseOutcome(' Granted ', '2019')).toBe('granted');
  });

  it('accepts every result row label of each format exactly as the table writes it', () => {
    for (const format of REPORT_FORMATS) {
      for (const row of section3Rows(format).filter((r) => r.role === 'result')) {
        expect(parseOutcome(row.label, format), `${format} ${row.label}`).toBe(row.id);
      }
    }
  });

  it('accepts group/row with or without numbering and brackets', () => {
    expect(parseOutcome('不予公开/属于国家秘密', '2021')).toBe('denied_state_secret');
    expect(parseOutcome('（三）不予公开/1.属于国家秘密', '2021')).toBe('denied_state_secret');
    expect(parseOutcome('(三)不予公开 / 1、属于国家秘密', '2019')).toBe('denied_state_secret');
    expect(parseOutcome('无法提供／本机关不掌握相关政府信息', '2019')).toBe('unavailable_not_held');
    expect(parseOutcome('不予处理/重复申请', '2021')).toBe('not_processed_repeat');
    expect(parseOutcome('其他处理/其他', '2021')).toBe('other_misc');
    expect(parseOutcome('（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '2021')).toBe(
      'other_fee_unpaid',
    );
    expect(parseOutcome('不予公开/危及三安全一稳定', '2021')).toBe('denied_three_securities_one_stability');
  });

  it('accepts a row alone where its label is unique in the format', () => {
    expect(parseOutcome('予以公开', '2019')).toBe('granted');
    expect(parseOutcome('部分公开', '2019')).toBe('partially_granted');
    expect(parseOutcome('重复申请', '2019')).toBe('not_processed_repeat');
    expect(parseOutcome('其他处理', '2019')).toBe('other_processing');
    expect(parseOutcome('属于国家秘密', '2021')).toBe('denied_state_secret');
  });

  it('refuses a heading over several rows, a row of the other format and unknown text', () => {
    expect(parseOutcome('其他处理', '2021')).toBeNull(); // a heading over three rows in 2021
    expect(parseOutcome('不予公开', '2021')).toBeNull();
    expect(parseOutcome('其他处理/其他', '2019')).toBeNull(); // 2019 has no 三(六)3
    expect(parseOutcome('不予处理/属于国家秘密', '2021')).toBeNull(); // wrong group
    expect(parseOutcome('公开了', '2021')).toBeNull();
    expect(parseOutcome('', '2021')).toBeNull();
  });

  it('derives its group keys from the layouts (no second copy of the labels)', () => {
    expect(SECTION3_GROUPS.denied.label).toBe('（三）不予公开');
  });
});

describe('applicant types, channels, dates, headings', () => {
  it('maps the section 三 column headings', () => {
    expect(parseApplicantType('自然人')).toBe('natural_person');
    expect(parseApplicantType('商业企业')).toBe('commercial_enterprise');
    expect(parseApplicantType('科研机构')).toBe('research_institution');
    expect(parseApplicantType('社会公益组织')).toBe('public_welfare_org');
    expect(parseApplicantType('法律服务机构')).toBe('legal_service_org');
    expect(parseApplicantType('其他')).toBe('other_org');
    expect(parseApplicantType('法人或其他组织/商业企业')).toBe('commercial_enterprise');
    expect(parseApplicantType('Natural_Person')).toBe('natural_person');
    expect(parseApplicantType('个人')).toBeNull();
  });

  it('maps the channels of Art. 29 with or without 申请', () => {
    expect(parseChineseChannel('网上申请')).toBe('online');
    expect(parseChineseChannel('信函申请')).toBe('post_signed');
    expect(parseChineseChannel('当面')).toBe('in_person');
    expect(parseChineseChannel('传真申请')).toBe('fax');
    expect(parseChineseChannel('电子邮件')).toBe('email');
    expect(parseChineseChannel('飞鸽传书')).toBeNull();
  });

  it('reads dates as offices write them, refusing days that do not exist', () => {
    for (const text of ['2021-03-05', '2021-3-5', '2021/3/5', '2021.3.5', '2021年3月5日', '20210305', ' 2021 年 3 月 5 日 ']) {
      expect(parseOfficeDate(text), text).toBe('2021-03-05');
    }
    expect(parseOfficeDate('2021年12月25日')).toBe('2021-12-25');
    for (const text of ['2021-02-29', '2021/13/1', '21-3-5', '3/5/2021', '20211305', '二〇二一年三月五日', '']) {
      expect(parseOfficeDate(text), text).toBeNull();
    }
  });

  it('maps Chinese column headings and keeps the English ids', () => {
    expect(headingToColumn('申请编号')).toBe('tracking_no');
    expect(headingToColumn(' 收到申请日期 ')).toBe('received_on');
    expect(headingToColumn('Org_Code')).toBe('org_code');
    expect(headingToColumn('备注')).toBe('备注');
    for (const [column, names] of Object.entries(CHINESE_HEADINGS)) {
      for (const name of names) expect(headingToColumn(name)).toBe(column);
    }
  });
});

const CN_HEADER = '申请编号,机构代码,申请人类型,申请人,申请渠道,收到申请日期,申请内容,办理结果,办结日期';

describe('an office register as Excel saves it in China', () => {
  it('imports GBK CSV with Chinese headings, labels and slashed dates', async () => {
    const text = [
      CN_HEADER,
      'PD-1,PD,自然人,张三,网上申请,2020/3/5,规划许可,予以公开,2020年3月20日',
      'PD-2,PD,法律服务机构,某律师事务所,信函,2020.12.30,征收补偿,（三）不予公开/1.属于国家秘密,20210115',
      'PD-3,PD,商业企业,某公司,当面申请,2021-1-4,执法案卷,其他处理/其他,2021-01-20',
      'PD-4,PD,其他,某协会,传真,2019-12-30,会议纪要,其他处理,2020-01-06',
    ].join('\r\n');
    const read = await readCaseFile(new Uint8Array(iconv.encode(text, 'gbk')));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.file.encoding).toBe('gb18030');
    const result = validateCaseRows(read.file, { today: '2026-12-05' });
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.applicantType, r.channel, r.receivedOn, r.outcome, r.concludedOn])).toEqual([
      ['natural_person', 'online', '2020-03-05', 'granted', '2020-03-20'],
      ['legal_service_org', 'post_signed', '2020-12-30', 'denied_state_secret', '2021-01-15'],
      ['commercial_enterprise', 'in_person', '2021-01-04', 'other_misc', '2021-01-20'],
      ['other_org', 'fax', '2019-12-30', 'other_processing', '2020-01-06'],
    ]);
  });

  it('reads an outcome in the format of the year it was concluded in', async () => {
    // 其他处理 alone is a row in 2019's format (concluded 2020) and a heading in 2021's (concluded 2021).
    const text = [CN_HEADER, 'A,PD,自然人,甲,网上,2020-12-01,x,其他处理,2020-12-20', 'B,PD,自然人,乙,网上,2020-12-01,x,其他处理,2021-01-05'].join('\n');
    const read = await readCaseFile(new TextEncoder().encode(`\uFEFF${text}`));
    if (!read.ok) throw new Error('unreadable');
    const result = validateCaseRows(read.file, { today: '2026-12-05' });
    expect(result.rows.map((r) => r.outcome)).toEqual(['other_processing']);
    expect(result.errors).toEqual([
      { row: 3, column: 'outcome', code: 'import.error.invalid_outcome', params: { value: '其他处理' } },
    ]);
  });

  it('imports XLSX date cells and Chinese headings', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(CN_HEADER.split(','));
    sheet.addRow(['X1', 'PD', '科研机构', '某研究所', '电子邮件申请', new Date(Date.UTC(2021, 2, 5)), 'x', '部分公开', new Date(Date.UTC(2021, 2, 19))]);
    const read = await readCaseFile(new Uint8Array(await workbook.xlsx.writeBuffer()));
    if (!read.ok) throw new Error('unreadable');
    expect(read.file.encoding).toBeNull();
    const result = validateCaseRows(read.file, { today: '2026-12-05' });
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({ applicantType: 'research_institution', channel: 'email', receivedOn: '2021-03-05', outcome: 'partially_granted', concludedOn: '2021-03-19' });
  });
});

describe('载体形式 and 获取方式 (optional columns, issue 12 item 8)', () => {
  it('accepts the offices\' words and the ids', () => {
    expect(['纸质', '纸质文本', '纸本', 'paper', ' Paper '].map(parseRequestedForm)).toEqual(Array(5).fill('paper'));
    expect(['电子', '电子文本', '电子版', '电子数据', 'electronic'].map(parseRequestedForm)).toEqual(Array(5).fill('electronic'));
    expect(['邮寄', '邮寄送达', 'post'].map(parseDeliveryMethod)).toEqual(['post', 'post', 'post']);
    expect(['电子邮件', '电子邮件送达', 'email'].map(parseDeliveryMethod)).toEqual(['email', 'email', 'email']);
    expect(['当面领取', '自行领取', '现场领取', 'in_person'].map(parseDeliveryMethod)).toEqual(Array(4).fill('in_person'));
    expect(['网上下载', '在线下载', '网上送达', 'online_download'].map(parseDeliveryMethod)).toEqual(Array(4).fill('online_download'));
  });
  it('refuses anything else instead of guessing', () => {
    for (const v of ['光盘', '纸电', 'both', '']) expect(parseRequestedForm(v)).toBeNull();
    for (const v of ['传真', '飞鸽传书', 'download', '']) expect(parseDeliveryMethod(v)).toBeNull();
  });
  it('maps the Chinese headings to the optional columns', () => {
    expect(headingToColumn('载体形式')).toBe('requested_form');
    expect(headingToColumn('获取信息的方式')).toBe('delivery_method');
  });
});

describe('the XLSX template', () => {
  it('offers only values the importer accepts, with drop-downs and Chinese headings', async () => {
    const { caseImportTemplate, outcomeChoices, TEMPLATE_CHANNELS } = await import('@/lib/import/case-file-template');
    for (const format of REPORT_FORMATS) {
      for (const choice of outcomeChoices(format)) expect(parseOutcome(choice, format), choice).not.toBeNull();
    }
    for (const c of TEMPLATE_CHANNELS) expect(parseChineseChannel(c), c).not.toBeNull();
    const data = await caseImportTemplate(2026);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(data).buffer);
    const sheet = workbook.getWorksheet('申请件')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...CN_HEADER.split(','), '载体形式', '获取方式']);
    expect(sheet.getCell('J2').dataValidation).toMatchObject({ type: 'list', allowBlank: true, formulae: ["'取值'!$D$2:$D$3"] });
    expect(sheet.getCell('K2').dataValidation).toMatchObject({ type: 'list', allowBlank: true, formulae: ["'取值'!$E$2:$E$5"] });
    expect(sheet.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ["'取值'!$A$2:$A$7"] });
    expect(sheet.getCell('H2').dataValidation).toMatchObject({ type: 'list', formulae: [`'取值'!$C$2:$C$${outcomeChoices('2021').length + 1}`] });
    // A row filled from the lists imports.
    sheet.getCell('A2').value = 'T1';
    sheet.getCell('B2').value = 'PD';
    sheet.getCell('C2').value = workbook.getWorksheet('取值')!.getCell('A3').value;
    sheet.getCell('E2').value = '信函申请';
    sheet.getCell('F2').value = new Date(Date.UTC(2026, 0, 5));
    sheet.getCell('H2').value = outcomeChoices('2021')[3]!;
    sheet.getCell('I2').value = new Date(Date.UTC(2026, 0, 20));
    const read = await readCaseFile(new Uint8Array(await workbook.xlsx.writeBuffer()));
    if (!read.ok) throw new Error('unreadable');
    const result = validateCaseRows(read.file, { today: '2026-12-05' });
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({ applicantType: 'commercial_enterprise', channel: 'post_signed', outcome: 'denied_prohibited_by_law' });
    // The optional 载体形式 / 获取方式 left empty: not recorded (null), never a default.
    expect(result.rows[0]).toMatchObject({ requestedForm: null, deliveryMethod: null });
  });
});
