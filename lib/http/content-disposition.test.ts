import { describe, expect, it } from 'vitest';
import { asciiFallback, attachmentDisposition, encodeRfc8187 } from './content-disposition';

/** The name a client following RFC 6266 / 8187 reads from the header (filename* wins). */
function clientName(header: string): string {
  const star = /filename\*=UTF-8''([^;\s]+)/.exec(header);
  return decodeURIComponent(star![1]);
}

describe('Content-Disposition of downloads', () => {
  it('carries a Chinese name exactly in filename*, with an ASCII stand-in that keeps the extension', () => {
    const h = attachmentDisposition('政府信息公开申请答复书-GK2026-ABCD2345.pdf');
    expect(h.startsWith('attachment; ')).toBe(true);
    expect(h).toContain('filename="_-GK2026-ABCD2345.pdf"');
    expect(clientName(h)).toBe('政府信息公开申请答复书-GK2026-ABCD2345.pdf');
    expect(asciiFallback('年度报告.xlsx')).toBe('download.xlsx');
    expect(asciiFallback('report 2025 (final).csv')).toBe('report_2025_final_.csv');
  });

  it('encodes the characters that would end or break the value, and only ASCII remains in the header', () => {
    expect(encodeRfc8187("it's (a) *test*.pdf")).toBe('it%27s%20%28a%29%20%2Atest%2A.pdf');
    const hostile = ['a"; filename="evil.html', 'x\r\nSet-Cookie: a=b.pdf', 'scan\u202efdp.txt', '..\\..\\etc/passwd', 'bad\ud800name.pdf', '\u0000', ''];
    for (const name of hostile) {
      const h = attachmentDisposition(name);
      expect(h).toMatch(/^[\x20-\x7e]+$/);
      // Exactly two parameters: nothing in the name can add a third or close the quoted one early.
      expect(h.split(';')).toHaveLength(3);
      expect(h.match(/"/g)).toHaveLength(2);
      expect(() => new Headers({ 'Content-Disposition': h })).not.toThrow();
      expect(clientName(h)).not.toMatch(/[\r\n\u0000\u202e/\\]/);
    }
    expect(clientName(attachmentDisposition('scan\u202efdp.txt'))).toBe('scanfdp.txt');
    expect(clientName(attachmentDisposition(''))).toBe('download');
    expect(clientName(attachmentDisposition('a'.repeat(5000))).length).toBe(200);
  });
});
