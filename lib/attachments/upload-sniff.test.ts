import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, checkUploads, safeFilename, sniffUploadKind } from './upload-sniff';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (s: string) => new TextEncoder().encode(s);

async function realDocx(): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph('补正材料')] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function realXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表1').addRow(['申请', 1]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function realPdf(): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.text('hello');
    doc.end();
  });
}

/** A zip with one stored entry of the given name (local header only), enough for the header scan. */
function zipWithEntry(name: string): Uint8Array {
  const n = utf8(name);
  const header = new Uint8Array(30 + n.length);
  header.set([0x50, 0x4b, 0x03, 0x04, 20, 0]);
  new DataView(header.buffer).setUint16(26, n.length, true);
  header.set(n, 30);
  return header;
}

describe('sniffUploadKind', () => {
  it('recognises real PDF, DOCX and XLSX files', async () => {
    expect(sniffUploadKind(await realPdf())).toBe('pdf');
    expect(sniffUploadKind(await realDocx())).toBe('docx');
    expect(sniffUploadKind(await realXlsx())).toBe('xlsx');
  });

  it('recognises JPEG and PNG by their signatures', () => {
    expect(sniffUploadKind(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('jpeg');
    expect(sniffUploadKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toBe('png');
  });

  it('accepts UTF-8 text (Chinese, with BOM, CRLF and tabs)', () => {
    expect(sniffUploadKind(utf8('申请补正说明\r\n第一项\t已补充'))).toBe('text');
    expect(sniffUploadKind(bytes(0xef, 0xbb, 0xbf, ...utf8('abc')))).toBe('text');
  });

  it('refuses executables, archives that are not OOXML, binary junk and empty files', () => {
    expect(sniffUploadKind(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull(); // MZ (Windows executable)
    expect(sniffUploadKind(bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1))).toBeNull(); // ELF
    expect(sniffUploadKind(zipWithEntry('payload.exe'))).toBeNull();
    expect(sniffUploadKind(bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0))).toBeNull(); // GIF: not accepted
    expect(sniffUploadKind(bytes(0x00, 0x01, 0x02))).toBeNull();
    expect(sniffUploadKind(bytes(0xc3, 0x28))).toBeNull(); // invalid UTF-8
    expect(sniffUploadKind(new Uint8Array(0))).toBeNull();
  });

  it('decides OOXML kinds by the archive entries, not by a name', () => {
    expect(sniffUploadKind(zipWithEntry('word/document.xml'))).toBe('docx');
    expect(sniffUploadKind(zipWithEntry('xl/workbook.xml'))).toBe('xlsx');
  });
});

describe('safeFilename', () => {
  it('drops paths and control characters and uses the extension of the sniffed kind', () => {
    expect(safeFilename('C:\\Users\\a\\身份证.JPG', 'jpeg')).toBe('身份证.jpg');
    expect(safeFilename('../../etc/passwd', 'text')).toBe('passwd.txt');
    expect(safeFilename('invoice.pdf.exe', 'pdf')).toBe('invoice.pdf.pdf');
    expect(safeFilename('a\u0000b"<>.pdf', 'pdf')).toBe('ab.pdf');
    expect(safeFilename('', 'png')).toBe('file.png');
  });
});

describe('checkUploads', () => {
  it('accepts up to the limit and reports the sniffed content type', async () => {
    const result = checkUploads([
      { name: 'a.pdf', bytes: await realPdf() },
      { name: 'b.txt', bytes: utf8('说明') },
    ]);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.files.map((f) => [f.filename, f.contentType])).toEqual([
        ['a.pdf', 'application/pdf'],
        ['b.txt', 'text/plain; charset=utf-8'],
      ]);
    }
  });

  it('refuses too many files, oversized, empty and unsupported ones, naming each', () => {
    const text = utf8('x');
    const tooMany = checkUploads(Array.from({ length: MAX_UPLOAD_FILES + 1 }, (_, i) => ({ name: `${i}.txt`, bytes: text })));
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.problems[0]).toEqual({ messageKey: 'portal.upload.too_many', params: { max: MAX_UPLOAD_FILES } });

    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x61);
    const mixed = checkUploads([
      { name: 'big.txt', bytes: big },
      { name: 'empty.pdf', bytes: new Uint8Array(0) },
      { name: 'virus.pdf', bytes: bytes(0x4d, 0x5a, 0x90, 0x00) },
    ]);
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) {
      expect(mixed.problems).toEqual([
        { messageKey: 'portal.upload.too_large', params: { name: 'big.txt', maxMb: 10 } },
        { messageKey: 'portal.upload.empty', params: { name: 'empty.pdf' } },
        { messageKey: 'portal.upload.unsupported', params: { name: 'virus.pdf' } },
      ]);
    }
  });

  it('accepts exactly the size limit', () => {
    const exact = new Uint8Array(MAX_UPLOAD_BYTES).fill(0x61);
    expect(checkUploads([{ name: 'a.txt', bytes: exact }]).ok).toBe(true);
  });
});
