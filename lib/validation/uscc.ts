/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (no I, O, S, V, Z): registration
 * authority (1), organisation category (1), registration authority's administrative-division code (6 digits),
 * organisation code (9) and a check character. Pure.
 */
export type UsccIssue = 'format' | 'region' | 'check_character';

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** W_i = 3^(i−1) mod 31 for positions 1–17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = new RegExp(`^[${USCC_CHARSET}]{18}$`);

export function normalizeUscc(value: string): string {
  return value.trim().toUpperCase();
}

/** Check character = charset[31 − (Σ c_i·W_i mod 31)], where 31 maps to 0. Throws RangeError on a bad prefix. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('Expected the first 17 characters of a USCC');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`Not a USCC character: ${JSON.stringify(first17[i])}`);
    sum += value * WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** The first problem found, or null for a valid code. The value is normalised first. */
export function usccIssue(value: string): UsccIssue | null {
  const code = normalizeUscc(value);
  if (!SHAPE.test(code)) return 'format';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'region';
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) return 'check_character';
  return null;
}

export function isValidUscc(value: string): boolean {
  return usccIssue(value) === null;
}
