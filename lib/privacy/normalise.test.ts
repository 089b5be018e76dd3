import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskField, maskRecipient, normaliseEmail, normaliseIdNumber, normaliseMobile, searchableKinds } from '@/lib/privacy/normalise';

describe('normalisation for blind indexes', () => {
  it('keeps only the digits of a mobile number and drops a country code', () => {
    for (const typed of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '0086 13812345678', '8613812345678']) {
      expect(normaliseMobile(typed)).toBe('13812345678');
    }
    // 11 digits that happen to start with 86 are not a country code.
    expect(normaliseMobile('86123456789')).toBe('86123456789');
  });

  it('trims and lower-cases e-mail addresses', () => {
    expect(normaliseEmail('  Zhang.San@Example.CN ')).toBe('zhang.san@example.cn');
  });

  it('upper-cases identity numbers and removes spaces', () => {
    expect(normaliseIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(normaliseIdNumber('e12345678')).toBe('E12345678');
  });
});

describe('searchableKinds: what a staff search text could be as a whole', () => {
  it('recognises a full mobile number in any typed form', () => {
    expect(searchableKinds('+86 138-0013-8000')).toEqual([{ kind: 'mobile', value: '13800138000' }]);
    // 11 digits are also a plausible document number: both are tried, each is one index probe.
    expect(searchableKinds('13800138000').map((k) => k.kind)).toEqual(['mobile', 'idNumber']);
  });

  it('recognises an e-mail address (normalised) and an identity number', () => {
    expect(searchableKinds(' LiSi@Example.cn ')).toEqual([{ kind: 'email', value: 'lisi@example.cn' }]);
    expect(searchableKinds('11010519491231002x')).toEqual([{ kind: 'idNumber', value: '11010519491231002X' }]);
    expect(searchableKinds('91350100M000100Y43')).toEqual([{ kind: 'idNumber', value: '91350100M000100Y43' }]);
  });

  it('ignores names, words, partial numbers and oversized input', () => {
    expect(searchableKinds('张三')).toEqual([]);
    expect(searchableKinds('公交线路')).toEqual([]);
    expect(searchableKinds('13800')).toEqual([]);
    expect(searchableKinds('abcdef')).toEqual([]);
    expect(searchableKinds('')).toEqual([]);
    expect(searchableKinds(`${'a'.repeat(300)}@example.cn`)).toEqual([]);
    expect(searchableKinds('a\u0000b@example.cn').map((k) => k.kind)).toEqual(['email']);
  });
});

describe('masking', () => {
  it('shows the first character and the domain of an e-mail address', () => {
    expect(maskEmail('zhangsan@example.com')).toBe('z***@example.com');
    expect(maskEmail('a@example.com')).toBe('a***@example.com');
    expect(maskEmail('not-an-address')).toBe('********');
  });

  it('cuts an address to its first part, never more than half of it', () => {
    expect(maskAddress('示范市人民路100号')).toBe('示范市人民…');
    expect(maskAddress('示范省示范市东城区人民路100号')).toBe('示范省示范市…');
    expect(maskAddress('幸福路1号')).toBe('幸福…');
    expect(maskAddress('')).toBe('');
    expect(maskAddress('示范市东城区幸福路1号')).not.toContain('1号');
  });

  it('masks mobile numbers as 138****0001 whatever their typed form', () => {
    expect(maskField('mobile', '+86 138 0000 0001')).toBe('138****0001');
    expect(maskRecipient('sms', '13800000001')).toBe('138****0001');
    expect(maskRecipient('email', 'demo1@example.cn')).toBe('d***@example.cn');
  });
});
