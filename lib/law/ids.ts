/**
 * Identifiers of the annual report's section 三 table (政府信息公开工作年度报告), used as values everywhere:
 * the database enums (prisma/schema.prisma), the case outcome, the statistics and the exports. They are the
 * row and column ids of shared/reference/annual-report-formats.md §2, so the statistics need no mapping table.
 *
 * Pure data: no imports. A unit test (lib/law/ids.test.ts) checks these lists against the Prisma enums.
 */

/** The six applicant columns of section 三 (申请人情况), in table order. `total` is derived, never stored. */
export const APPLICANT_TYPES = [
  'natural_person', // 自然人
  'commercial_enterprise', // 法人或其他组织 / 商业企业
  'research_institution', // 科研机构
  'public_welfare_org', // 社会公益组织
  'legal_service_org', // 法律服务机构
  'other_org', // 其他
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/**
 * Every result row a case can be concluded with (三、本年度办理结果), in table order. The 2021 format's rows,
 * plus `other_processing`, the single （六）其他处理 row of the 2019 format, which only imported historical
 * cases carry (a 2021-layout table shows it as `other_misc`; see lib/statistics).
 */
export const OUTCOMES = [
  'granted', // （一）予以公开 — Art. 36(1)(2)
  'partially_granted', // （二）部分公开 — Art. 37
  'denied_state_secret', // （三）1 — Art. 14
  'denied_prohibited_by_law', // （三）2 — Art. 14
  'denied_three_securities_one_stability', // （三）3 — Art. 14
  'denied_third_party_rights', // （三）4 — Arts. 15, 32
  'denied_internal_affairs', // （三）5 — Art. 16 para 1
  'denied_process_information', // （三）6 — Art. 16 para 2
  'denied_law_enforcement_file', // （三）7 — Art. 16 para 2
  'denied_administrative_inquiry', // （三）8 — Art. 36(7), practice mapping
  'unavailable_not_held', // （四）1 — Art. 36(4)(5)
  'unavailable_requires_creation', // （四）2 — Art. 38
  'unavailable_unclear_after_correction', // （四）3 — Art. 30
  'not_processed_petition_complaint', // （五）1 — Art. 39 para 1
  'not_processed_repeat', // （五）2 — Art. 36(6)
  'not_processed_publication', // （五）3 — Art. 39 para 2
  'not_processed_excessive', // （五）4 — Art. 35
  'not_processed_confirm_or_reissue', // （五）5 — report format only
  'other_no_correction', // （六）1 — Art. 30 (2021 format)
  'other_fee_unpaid', // （六）2 — 国办函〔2020〕109号 (2021 format)
  'other_misc', // （六）3 — e.g. withdrawal (2021 format)
  'other_processing', // （六）其他处理 — 2019 format only; imported historical cases
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Channels of receipt (Art. 29, Art. 31; regulations.md §2). `post` is split by whether it is signed for. */
export const CHANNELS = [
  'online', // online form (数据电文): legal receipt date = date both sides confirm
  'email', // e-mail: date both sides confirm
  'fax', // the 工作机构's fax: date both sides confirm
  'post_signed', // registered / EMS: date signed for
  'post_unsigned', // plain letter (平常信函): date of the confirmation call
  'in_person', // handed in at the counter: that day
  'oral_recorded', // oral application recorded by staff (Art. 29 para 1)
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];
