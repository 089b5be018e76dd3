/**
 * The one normalisation rule for text that comes from outside (form fields, query strings, JSON bodies, file
 * names). Pure; no I/O. Applied by formValues() (lib/actions/run-action.ts) to every server action's form and
 * by the zod builders below inside the library's own schemas, so a library call that bypasses the form (seed,
 * import, test, route handler) gets the same rule.
 *
 * Refused (the field gets `validation.text.invalid_characters`, nothing is stored):
 *  - NUL (U+0000): PostgreSQL text cannot hold it, and no legitimate form value contains one;
 *  - lone UTF-16 surrogates (U+D800–U+DFFF not in a pair): not Unicode text, cannot be encoded in UTF-8.
 * Stripped (silently, the rest of the value is kept):
 *  - other C0 controls except line feed and tab, DEL, C1 controls (U+0080–U+009F); CR LF and lone CR become LF;
 *  - bidirectional formatting characters (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069): in a Chinese
 *    government service they have no use but to make "scan\u202Efdp.txt" display as "scantxt.pdf";
 *  - the byte-order mark / zero-width no-break space (U+FEFF) and the noncharacters U+FFFE, U+FFFF.
 * Single-line fields (names, file names, numbers typed in a text box) also turn line feeds and tabs into
 * spaces and collapse runs of spaces. The result is in Unicode NFC.
 */
import { z } from 'zod';
import './zod-setup';

export type TextIssue = 'nul' | 'surrogate';

export const TEXT_MESSAGES = {
  invalidCharacters: 'validation.text.invalid_characters',
} as const;

const STRIPPED = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The reason a value must be refused, or null. */
export function textIssue(value: string): TextIssue | null {
  if (value.includes('\u0000')) return 'nul';
  if (!value.isWellFormed()) return 'surrogate';
  return null;
}

export interface TextOptions {
  /** Names, file names, identifiers: no line breaks or tabs. */
  singleLine?: boolean;
}

/**
 * The normalised value. A value with a refused character is first made harmless (NUL removed, lone
 * surrogates replaced by U+FFFD), for lenient uses such as a search box or a throttling key; fields that
 * are stored use cleanText() or the zod builders, which refuse it instead.
 */
export function normalizeText(value: string, options: TextOptions = {}): string {
  let out = value.replace(/\u0000/g, '');
  if (!out.isWellFormed()) out = out.toWellFormed();
  out = out.replace(/\r\n?/g, '\n').replace(STRIPPED, '');
  if (options.singleLine) out = out.replace(/[\n\t]+/g, ' ').replace(/ {2,}/g, ' ');
  return out.normalize('NFC');
}

/** Refuse or normalise. */
export function cleanText(value: string, options: TextOptions = {}): { ok: true; value: string } | { ok: false; issue: TextIssue } {
  const issue = textIssue(value);
  return issue ? { ok: false, issue } : { ok: true, value: normalizeText(value, options) };
}

/** True if the value contains a bidirectional formatting character (for tests and log messages). */
export function hasBidiControl(value: string): boolean {
  return BIDI.test(value);
}

/**
 * Form values (FormData strings) normalised as multi-line text; values that must be refused are kept as
 * they are so that the schema or refusedFields() can name the field.
 */
export function normalizeFormValue(value: string): string {
  return textIssue(value) ? value : normalizeText(value);
}

/** Field errors for every value with a refused character (`{ field: ['validation.text.invalid_characters'] }`). */
export function refusedFields(values: Record<string, unknown>): Record<string, string[]> | null {
  let out: Record<string, string[]> | null = null;
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && textIssue(value)) (out ??= {})[key] = [TEXT_MESSAGES.invalidCharacters];
  }
  return out;
}

// ── zod builders ─────────────────────────────────────────────────────────────────────────────────────────

const noRefused = (value: string): boolean => textIssue(value) === null;

/**
 * A string under the rule: refused characters fail with `validation.text.invalid_characters`, the rest is
 * normalised and trimmed. Chain `.min()` / `.max()` as usual (they see the normalised value).
 */
export function zText(options: TextOptions & { requiredMessage?: string } = {}) {
  return z
    .string(options.requiredMessage ? { error: options.requiredMessage } : undefined)
    .refine(noRefused, { message: TEXT_MESSAGES.invalidCharacters, abort: true })
    .overwrite((v) => normalizeText(v, options))
    .trim();
}

/** A single-line string under the rule (names, titles, numbers and codes typed as text). */
export function zLine(options: { requiredMessage?: string } = {}) {
  return zText({ ...options, singleLine: true });
}
