import { describe, expect, it } from 'vitest';
import { APPLICANT_TYPE_RULES, applicantTypeRuleFor, isImplausibleApplicantType } from './applicant-type-plausibility';

describe('applicant type plausibility', () => {
  it('flags a law firm stored as another organisation or a person (the issue’s example)', () => {
    expect(isImplausibleApplicantType('北京市某某律师事务所', 'other_org')).toBe(true);
    expect(isImplausibleApplicantType('北京市某某律师事务所', 'natural_person')).toBe(true);
    expect(isImplausibleApplicantType('北京市某某律师事务所', 'legal_service_org')).toBe(false);
  });

  it('reads the kind of body from the end of the name', () => {
    expect(applicantTypeRuleFor('示范市某某科技有限公司')?.expected).toEqual(['commercial_enterprise']);
    expect(applicantTypeRuleFor('示范大学')?.expected).toEqual(['research_institution']);
    expect(applicantTypeRuleFor('示范市消费者协会')?.expected).toContain('public_welfare_org');
    // A suffix in the middle of a name is not a kind: 公司路 is a street, 张律所长 a person.
    expect(applicantTypeRuleFor('公司路街道居民张三')).toBeNull();
    expect(applicantTypeRuleFor('张三')).toBeNull();
    expect(isImplausibleApplicantType('张三', 'legal_service_org')).toBe(false);
  });

  it('every rule has a valid pattern for both JavaScript and (anchored, no lookaround) PostgreSQL', () => {
    for (const rule of APPLICANT_TYPE_RULES) {
      expect(() => new RegExp(rule.pattern)).not.toThrow();
      expect(rule.pattern.endsWith('$')).toBe(true);
      expect(rule.pattern).not.toMatch(/\(\?[=!<]/);
      expect(rule.expected.length).toBeGreaterThan(0);
    }
  });
});
