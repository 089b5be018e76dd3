import { describe, expect, it } from 'vitest';
import { apiLocale } from './locale';

describe('apiLocale (Accept-Language of the integration API)', () => {
  it('defaults to Simplified Chinese', () => {
    expect(apiLocale(null)).toBe('zh-CN');
    expect(apiLocale('')).toBe('zh-CN');
    expect(apiLocale('fr-FR,de;q=0.8')).toBe('zh-CN');
    expect(apiLocale('\u0000;;;q=x,,')).toBe('zh-CN');
  });

  it('takes English when English is preferred', () => {
    expect(apiLocale('en')).toBe('en');
    expect(apiLocale('en-GB,en;q=0.9')).toBe('en');
    expect(apiLocale('fr,en-US;q=0.5')).toBe('en');
    expect(apiLocale('zh-CN;q=0.4, en;q=0.8')).toBe('en');
  });

  it('takes Chinese when Chinese is preferred or comes first at equal weight', () => {
    expect(apiLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(apiLocale('zh-TW, en')).toBe('zh-CN');
    expect(apiLocale('en;q=0.3,zh;q=0.7')).toBe('zh-CN');
  });

  it('ignores invalid weights', () => {
    expect(apiLocale('en;q=0')).toBe('zh-CN');
    expect(apiLocale('en;q=2')).toBe('zh-CN');
    expect(apiLocale('en;q=abc, zh')).toBe('zh-CN');
  });
});
