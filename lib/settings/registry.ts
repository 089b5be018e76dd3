/**
 * Every key of the `settings` table, in one place (issue 9 item 10). Pure: no I/O.
 *
 * - SETTINGS: what an administrator may change, each documented in docs/decisions.md under its key (a unit
 *   test, docs-in-step.test.ts, checks both directions: every key here is named there, and every key that
 *   decisions.md calls a setting is registered here).
 * - INTERNAL_STATE_KEYS: rows the system keeps for itself in the same table (not settings; never shown).
 *
 * Code that reads or writes the `settings` table takes its key from here (the same test checks it).
 */

/** How a settings key is spelled: dotted snake_case, `area.name`. */
export const SETTING_KEY_PATTERN = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/;

export interface SettingDefinition {
  key: string;
  type: 'boolean';
  /** The value when no admin has set one. */
  defaultValue: boolean;
  /** Where an admin changes it. */
  page: string;
}

export const SETTINGS = {
  /**
   * Whether the Art. 33 answer clock pauses while a fee notice is pending (regulations.md §11, UNVERIFIED in
   * the national text of 国办函〔2020〕109号): docs/decisions.md, Deadlines, "fee notice".
   */
  feePausesAnswerClock: {
    key: 'deadline.pause_answer_clock_while_fee_pending',
    type: 'boolean',
    defaultValue: true,
    page: '/admin/settings',
  },
} as const satisfies Record<string, SettingDefinition>;

export const INTERNAL_STATE_KEYS = {
  /** The staff digest's high-water mark (lib/notifications/staff-digest.ts). */
  staffDigestWatermark: 'staff_digest.watermark',
} as const;

export const SETTING_KEYS: readonly string[] = Object.values(SETTINGS).map((s) => s.key);
