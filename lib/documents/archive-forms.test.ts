/**
 * Pure parts of the archive package: the 档号, page labels, what a stored file is by its bytes, the
 * whitelisted facts of an event in the history, and the 目录's layout (page count independent of the
 * page numbers it prints, which the two-pass numbering relies on).
 */
import { describe, expect, it } from 'vitest';
import { archiveFileNumber, chinaDateTime, eventDetail, pageLabel, sniffFile, tocForm, type ArchiveEntry } from '@/lib/documents/archive-forms';
import { layoutForm } from '@/lib/documents/form-layout';
import { demoSealPng } from '@/lib/documents/seal';

describe('archive helpers', () => {
  it('derives the 档号 from organisation code, archiving year and tracking number', () => {
    expect(archiveFileNumber('SFSJT', '2026-03-20', 'GK2026-4SXW4RWD')).toBe('SFSJT-ZFXXGK-2026-GK2026-4SXW4RWD');
  });

  it('labels page ranges and unmerged files', () => {
    expect(pageLabel({ firstPage: 4, lastPage: 4 })).toBe('4');
    expect(pageLabel({ firstPage: 5, lastPage: 7 })).toBe('5-7');
    expect(pageLabel({ firstPage: null, lastPage: null })).toBe('—');
  });

  it('tells PDFs, PNGs and JPEGs by their bytes, not their names', () => {
    expect(sniffFile(Buffer.from('%PDF-1.7\n...'))).toBe('pdf');
    expect(sniffFile(demoSealPng(120))).toBe('png');
    expect(sniffFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniffFile(Buffer.from('PK\u0003\u0004'))).toBe('other');
    expect(sniffFile(new Uint8Array())).toBe('other');
  });

  it('prints Beijing time', () => {
    expect(chinaDateTime(new Date('2026-03-02T02:05:00Z'))).toBe('2026-03-02 10:05');
  });

  it('keeps only whitelisted facts of an event, labelled, with dates, outcomes and methods in words', () => {
    const detail = eventDetail({
      input: { reason: '需要调取档案', deliveredOn: '2026-03-05', method: 'post', postalTrackingNo: 'EMS1', secretNote: 'x' },
      docNumber: '示范交信答〔2026〕1号',
      outcome: 'partially_granted',
      documentId: '0190b0c0-0000-7000-8000-000000000000',
      before: { idNumberEnc: 'v1:abc' },
    });
    expect(detail).toBe('理由：需要调取档案；送达方式：邮寄送达；送达日期：2026年3月5日；邮件号码：EMS1；文号：示范交信答〔2026〕1号；办理结果：部分公开');
    expect(eventDetail(null)).toBe('');
    expect(eventDetail({ input: { reason: 'x'.repeat(2000) } })).toHaveLength('理由：'.length + 500);
  });

  it('lays out the 目录 on the same number of pages whatever the page numbers', () => {
    const entries: ArchiveEntry[] = Array.from({ length: 40 }, (_, i) => ({
      seq: i + 1,
      docNumber: `示范交信补〔2026〕${i + 1}号`,
      author: '示范市交通运输局',
      title: `文件${i + 1}`,
      date: '2026年11月30日',
      firstPage: 100 * i + 1,
      lastPage: 100 * i + 99,
      note: '',
    }));
    const placeholder = layoutForm(tocForm(entries, entries.map(() => '8888-8888'))).length;
    expect(placeholder).toBeGreaterThan(1);
    expect(layoutForm(tocForm(entries, entries.map(pageLabel))).length).toBe(placeholder);
    expect(layoutForm(tocForm(entries, entries.map(() => '1'))).length).toBe(placeholder);
  });
});
