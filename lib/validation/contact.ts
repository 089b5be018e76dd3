/** Mainland contact details. Pure. */

/** 11 digits, 1 then 3–9 (all mainland mobile number segments). */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
/** 邮政编码: six digits. */
export const POSTAL_CODE = /^\d{6}$/;

/** Drops spaces and hyphens and a leading +86 / 0086 / 86 country code, as typed into forms. */
export function normalizeMobile(value: string): string {
  const compact = value.replace(/[\s-]/g, '');
  const withoutCountry = compact.replace(/^(\+86|0086)/, '');
  return /^86\d{11}$/.test(withoutCountry) ? withoutCountry.slice(2) : withoutCountry;
}

export function isMainlandMobile(value: string): boolean {
  return MAINLAND_MOBILE.test(normalizeMobile(value));
}

export function isPostalCode(value: string): boolean {
  return POSTAL_CODE.test(value.trim());
}
