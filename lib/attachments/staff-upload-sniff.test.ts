import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { checkStaffUpload, sniffStaffUploadKind } from './staff-upload-sniff';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...values: number[]) => new Uint8Array(values);
const CFB = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0));

describe('staff uploads are sniffed, never trusted', () => {
  it('stores HTML declared as a PDF as plain text with a .txt name', async () => {
    const html = utf8('<html><script>alert(1)</script></html>');
    expect(await sniffStaffUploadKind(html, 'scan.pdf')).toBe('text');
    expect(await checkStaffUpload({ filename: 'scan.pdf', data: html })).toEqual({ ok: true, kind: 'text', contentType: 'text/plain', filename: 'scan.txt' });
  });

  it('recognises PDF, PNG, JPEG, TIFF and OOXML by content', async () => {
    expect(await sniffStaffUploadKind(utf8('%PDF-1.7\n1 0 obj\n%%EOF'), 'x.jpg')).toBe('pdf');
    expect(await sniffStaffUploadKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52), 'x')).toBe('png');
    expect(await sniffStaffUploadKind(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0), 'x')).toBe('jpeg');
    expect(await sniffStaffUploadKind(bytes(0x49, 0x49, 0x2a, 0x00, 0x08, 0, 0, 0, ...new Array(64).fill(0)), 'scan.tif')).toBe('tiff');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表').addRow([1]);
    expect(await sniffStaffUploadKind(new Uint8Array(await wb.xlsx.writeBuffer()), 'a.pdf')).toBe('xlsx');
  });

  it('takes Word or Excel from the name only for legacy Office containers, refuses other CFB files', async () => {
    expect(await sniffStaffUploadKind(CFB, '函.DOC')).toBe('doc');
    expect(await sniffStaffUploadKind(CFB, '表.xls')).toBe('xls');
    expect(await sniffStaffUploadKind(CFB, 'setup.msi')).toBeNull();
  });

  it('refuses executables and empty files; strips bidi controls from the name', async () => {
    expect(await checkStaffUpload({ filename: 'virus.pdf', data: bytes(0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0) })).toEqual({
      ok: false,
      messageKey: 'attachment.content_type_not_allowed',
    });
    expect(await checkStaffUpload({ filename: 'a.txt', data: new Uint8Array() })).toEqual({ ok: false, messageKey: 'attachment.empty' });
    const checked = await checkStaffUpload({ filename: 'scan\u202Efdp.txt', data: utf8('hello') });
    expect(checked.ok && checked.filename).toBe('scanfdp.txt');
  });
});
