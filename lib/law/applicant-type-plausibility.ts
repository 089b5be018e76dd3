/**
 * Plausibility of an applicant's type (申请人情况 columns of section 三; annual-report-formats.md, row ids
 * `commercial_enterprise` … `legal_service_org`). The formats do not say how to classify (open question 5 of
 * annual-report-formats.md); docs/decisions.md adopts "by the named applicant": a law firm is a 法律服务机构, a
 * company a 商业企业, and so on. These rules flag a stored type that contradicts the applicant's name for the
 * data-quality self-check — a hint for a person to review, never a correction: a name can mislead (a person
 * called 李公司 is rare but possible; a 研究院 may be a company), so nothing changes automatically.
 *
 * Rules are checked in order; the first whose name pattern matches decides the expected types. Patterns
 * are PostgreSQL regular expressions (~) over the applicant name, anchored at the end where a suffix names
 * the kind of body.
 */
import type { ApplicantType } from '@/lib/generated/prisma/enums';

export interface ApplicantTypeRule {
  /** What the name says the applicant is (for messages and docs). */
  readonly kind: string;
  /** PostgreSQL regular expression over applicants' names. */
  readonly pattern: string;
  /** The types consistent with such a name. */
  readonly expected: readonly ApplicantType[];
}

export const APPLICANT_TYPE_RULES: readonly ApplicantTypeRule[] = [
  { kind: '律师事务所、公证处、司法鉴定机构、法律援助机构', pattern: '(律师事务所|律所|公证处|司法鉴定(所|中心)|法律援助中心|法律服务所)$', expected: ['legal_service_org'] },
  { kind: '公司、企业', pattern: '(有限责任公司|股份有限公司|有限公司|公司|集团|厂|商行|合作社)$', expected: ['commercial_enterprise'] },
  { kind: '高校、科研院所', pattern: '(大学|学院|研究院|研究所|研究中心|科学院|实验室)$', expected: ['research_institution'] },
  { kind: '协会、基金会、社会组织', pattern: '(基金会|协会|学会|促进会|志愿者(协会|联合会|服务队)|公益(服务)?中心|慈善总会)$', expected: ['public_welfare_org', 'other_org'] },
];

/** The first rule whose pattern matches `name` (JavaScript reading of the same pattern; for tests and UI). */
export function applicantTypeRuleFor(name: string): ApplicantTypeRule | null {
  const trimmed = name.trim();
  return APPLICANT_TYPE_RULES.find((r) => new RegExp(r.pattern).test(trimmed)) ?? null;
}

/** Whether the stored type contradicts the name (a rule matches and the type is not among its expected ones). */
export function isImplausibleApplicantType(name: string, type: ApplicantType): boolean {
  const rule = applicantTypeRuleFor(name);
  return rule !== null && !rule.expected.includes(type);
}
