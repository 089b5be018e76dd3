import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cleanText, hasBidiControl, normalizeFormValue, normalizeText, refusedFields, textIssue, zLine, zText } from './text';
import { validationMessageKey } from './zod-setup';
import { flatKeys, messagesFor } from '@/lib/i18n/catalogue';

describe('the text rule', () => {
  it('refuses NUL and lone surrogates', () => {
    expect(textIssue('a\u0000b')).toBe('nul');
    expect(textIssue('a\ud800b')).toBe('surrogate');
    expect(textIssue('a\udc00')).toBe('surrogate');
    expect(textIssue('😀 emoji pair')).toBeNull();
    expect(cleanText('x\u0000')).toEqual({ ok: false, issue: 'nul' });
  });

  it('strips other controls, bidi controls, BOM and noncharacters; keeps newline and tab', () => {
    expect(normalizeText('a\u0001b\u0007c\u001bd\u007fe\u0085f')).toBe('abcdef');
    expect(normalizeText('line 1\r\nline 2\rline 3\tend')).toBe('line 1\nline 2\nline 3\tend');
    expect(normalizeText('scan\u202Efdp.txt')).toBe('scanfdp.txt');
    expect(normalizeText('\ufeff张\u200e三\u2066\u2069\uffff')).toBe('张三');
    expect(hasBidiControl('scan\u202Efdp.txt')).toBe(true);
    expect(hasBidiControl(normalizeText('scan\u202Efdp.txt'))).toBe(false);
  });

  it('makes single-line values one line and composes to NFC', () => {
    expect(normalizeText('张\n三\t\t先生', { singleLine: true })).toBe('张 三 先生');
    expect(normalizeText('e\u0301')).toBe('\u00e9');
  });

  it('normalizeText makes refused characters harmless for lenient uses (search, keys)', () => {
    expect(normalizeText('GK\u00002026')).toBe('GK2026');
    expect(normalizeText('a\ud800').isWellFormed()).toBe(true);
  });

  it('form values keep refused characters so the field can be named', () => {
    expect(normalizeFormValue('a\u0000')).toBe('a\u0000');
    expect(normalizeFormValue('a\u202eb')).toBe('ab');
    expect(refusedFields({ name: 'ok', description: 'bad\u0000', other: 'x\ud800' })).toEqual({
      description: ['validation.text.invalid_characters'],
      other: ['validation.text.invalid_characters'],
    });
    expect(refusedFields({ name: 'ok' })).toBeNull();
  });

  it('zod builders refuse, strip and trim', () => {
    const name = zLine().min(1).max(5);
    expect(name.safeParse(' 张\u202e三 ').data).toBe('张三');
    const refused = name.safeParse('张\u0000三');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message)).toEqual(['validation.text.invalid_characters']);
    expect(zText().parse('a\r\nb')).toBe('a\nb');
    expect(name.safeParse('123456').error?.issues[0].message).toBe('validation.too_long');
  });
});

describe('zod messages are catalogue keys, never English', () => {
  const zh = new Set(flatKeys(messagesFor('zh-CN')));
  const en = new Set(flatKeys(messagesFor('en')));
  const schema = z.object({
    s: z.string().min(2).max(3),
    n: z.number().int().min(1).max(10),
    c: z.coerce.number(),
    e: z.email(),
    o: z.enum(['a', 'b']),
    u: z.uuid(),
    d: z.date(),
    r: z.string(),
    arr: z.array(z.string()).min(1),
  });
  it.each([
    [{}],
    [{ s: 'a', n: 0.5, c: 'abc', e: 'x', o: 'c', u: 'x', d: 'x', r: 5, arr: [] }],
    [{ s: 'abcd', n: 11, c: Number.NaN, e: '@', o: 1, u: 1, d: new Date('x'), r: null, arr: 'x' }],
    [{ s: 1, n: -1, c: '1e400', e: 1, o: null, u: null, d: 1, r: undefined, arr: [1] }],
  ])('%j', (input) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    for (const issue of result.error!.issues) {
      expect(zh.has(issue.message), `${issue.code} → ${issue.message}`).toBe(true);
      expect(en.has(issue.message)).toBe(true);
    }
  });

  it('maps issue codes to keys', () => {
    expect(validationMessageKey({ code: 'invalid_type', input: undefined })).toBe('validation.required');
    expect(validationMessageKey({ code: 'too_big', origin: 'string' })).toBe('validation.too_long');
    expect(validationMessageKey({ code: 'too_big', origin: 'number' })).toBe('validation.number.too_big');
    expect(validationMessageKey({ code: 'invalid_format', format: 'email' })).toBe('validation.email.invalid');
  });
});
