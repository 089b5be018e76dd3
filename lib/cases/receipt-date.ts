/**
 * 收到申请之日 — the legal receipt date of an application (Art. 31), from which every period of Arts. 30–35
 * counts. Pure: no clock, no database; usable in client components (the registration form's preview).
 *
 * | channel                                   | legal receipt date                                    |
 * |-------------------------------------------|-------------------------------------------------------|
 * | in_person, oral_recorded (Art. 29 para 1) | the day it is handed in / recorded: arrivedOn         |
 * | post_signed                               | the day the agency signs for it: signedForOn ?? arrivedOn |
 * | post_unsigned (平常信函)                   | the day the 工作机构 confirms it with the applicant   |
 * | online, email, fax                        | the day both sides confirm (双方确认之日)              |
 * | other                                     | an explicit confirmation (unknown channel)            |
 *
 * For the confirmed channels a missing confirmation gives null: confirmation pending, no clock runs
 * (regulations.md §4). Whether the dates are plausible (not in the future, confirmation not before
 * arrival) is checked by the caller (register-case.ts), which knows today.
 */
import type { IsoDate } from '@/lib/calendar/iso-date';
import type { Channel } from '@/lib/law/ids';

export interface ReceiptFacts {
  /** Day the letter, form or e-mail physically or technically arrived (or was handed in). */
  arrivedOn: IsoDate;
  /** Registered post: day the agency signed for it. */
  signedForOn?: IsoDate | null;
  /** Confirmed channels: day of the confirmation (Art. 31). */
  confirmedOn?: IsoDate | null;
}

/** How each channel fixes the receipt date (Art. 31); typed so a new channel must be decided here. */
export const RECEIPT_RULE = {
  in_person: 'arrival',
  oral_recorded: 'arrival',
  post_signed: 'signature',
  post_unsigned: 'confirmation',
  online: 'confirmation',
  email: 'confirmation',
  fax: 'confirmation',
  other: 'confirmation',
} as const satisfies Record<Channel, 'arrival' | 'signature' | 'confirmation'>;

export function legalReceiptDate(channel: Channel, facts: ReceiptFacts): IsoDate | null {
  switch (RECEIPT_RULE[channel]) {
    case 'arrival':
      return facts.arrivedOn;
    case 'signature':
      return facts.signedForOn || facts.arrivedOn;
    case 'confirmation':
      return facts.confirmedOn || null;
  }
}
