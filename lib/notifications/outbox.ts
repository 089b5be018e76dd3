/**
 * Outbox writer: notifications are rows written in the same transaction as the change they announce, so a
 * rolled-back change never notifies and a committed one always does; lib/notifications/dispatch.ts sends
 * them after commit (STYLE §3: no network calls inside the transaction). The recipient is stored encrypted
 * (lib/privacy/personal-data.ts sealRecipient / openRecipient).
 */
import { PREPARED, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { uuidV7 } from '@/lib/import/uuid-v7';
import type { OutboxChannel } from '@/lib/generated/prisma/enums';
import { openRecipient, sealRecipient } from '@/lib/privacy/personal-data';
import { buildMessage, type NotificationParams, type NotificationTemplate } from '@/lib/notifications/messages';

export interface NotificationRecipient {
  /** The case the message is about; null for account messages (registration codes). */
  caseId: string | null;
  email: string | null;
  mobile: string | null;
  /** The applicant account's locale, if the case has one (User.locale); zh-CN otherwise. */
  locale: string | null;
}

/**
 * The address of an outbox row as the transport needs it, decrypted (openRecipient). The one place that
 * reads the stored recipient (dispatch.ts, the admin outbox, which masks it).
 */
export function readRecipient(row: { recipientEnc: string | null }): string {
  return openRecipient(row);
}

/** The outbox rows of one notification: one per reachable channel (e-mail, SMS), recipient sealed. */
export function outboxRows<T extends NotificationTemplate>(
  recipient: NotificationRecipient,
  template: T,
  params: NotificationParams[T],
): { channel: OutboxChannel; recipientEnc: string; subject: string; body: string; template: T; caseId: string | null }[] {
  const targets: { channel: OutboxChannel; address: string }[] = [];
  if (recipient.email) targets.push({ channel: 'email', address: recipient.email });
  if (recipient.mobile) targets.push({ channel: 'sms', address: recipient.mobile });
  return targets.map((target) => {
    const message = buildMessage(template, params, { locale: recipient.locale, channel: target.channel });
    return { channel: target.channel, recipientEnc: sealRecipient(target.address), subject: message.subject, body: message.body, template, caseId: recipient.caseId };
  });
}

/** Writes one row per reachable channel (e-mail, SMS). Returns how many rows were written. */
export async function queueNotification<T extends NotificationTemplate>(
  tx: Tx,
  recipient: NotificationRecipient,
  template: T,
  params: NotificationParams[T],
): Promise<number> {
  const rows = outboxRows(recipient, template, params);
  if (rows.length === 0) return 0;
  // One prepared statement for both channels (issue 13: a workflow step's statements; Prisma's createMany
  // cost more Node CPU than the round trip). Ids as Prisma's @default(uuid(7)) makes them; the other columns
  // take their defaults (pending, no attempts, created and due now).
  const column = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await tx.$executeRaw`${Prisma.raw(PREPARED)}
    INSERT INTO outbox_messages (id, channel, recipient_enc, subject, body, template, case_id)
    SELECT r.id, r.channel::"OutboxChannel", r.recipient_enc, r.subject, r.body, r.template, r.case_id
    FROM unnest(${rows.map(() => uuidV7())}::uuid[], ${column('channel')}::text[], ${column('recipientEnc')}::text[], ${column('subject')}::text[],
                ${column('body')}::text[], ${column('template')}::text[], ${column('caseId')}::uuid[])
         AS r(id, channel, recipient_enc, subject, body, template, case_id)`;
  return rows.length;
}
