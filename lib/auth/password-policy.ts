import { z } from 'zod';
import { textIssue } from '@/lib/validation/text';

/** Longest password accepted (Argon2 costs the same for any length; the bound keeps bodies small). */
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_MIN_LENGTH = 8;

/**
 * The one password rule (registration, staff accounts created by an admin, a password change or reset):
 * 8 to 200 characters, no NUL or lone surrogate (lib/validation/text.ts). Messages are catalogue keys.
 */
export function passwordField() {
  return z
    .string()
    .refine((v) => textIssue(v) === null, { message: 'validation.text.invalid_characters', abort: true })
    .min(PASSWORD_MIN_LENGTH, 'validation.password.too_short')
    .max(PASSWORD_MAX_LENGTH, 'validation.too_long');
}
