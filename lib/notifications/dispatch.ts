/**
 * Sends pending outbox rows after commit. Each row is claimed with SELECT … FOR UPDATE SKIP LOCKED in its
 * own short transaction, so several dispatchers (server processes, a cron) never send a row twice; the
 * row lock is held only while that one message is handed to its transport.
 *
 * Outcome per row: `sent`; `held` when no transport is configured for its channel (kept for admins to
 * read); on a transport error `attempts` grows and the row stays `pending` until MAX_ATTEMPTS, then `failed`.
 */
import { db } from '@/lib/db';
import type { OutboxChannel } from '@/lib/generated/prisma/enums';
import { openRecipient } from '@/lib/privacy/personal-data';
import { transportsFromEnv, type Transports } from '@/lib/notifications/transports';

export const MAX_ATTEMPTS = 5;

export interface DispatchResult {
  sent: number;
  held: number;
  failed: number;
  /** Errors that leave the row pending for another try. */
  retrying: number;
}

interface ClaimedRow {
  id: string;
  channel: OutboxChannel;
  recipient_enc: string | null;
  subject: string;
  body: string;
  attempts: number;
}

export async function dispatchOutbox(options: { transports?: Transports; limit?: number; now?: () => Date } = {}): Promise<DispatchResult> {
  const transports = options.transports ?? transportsFromEnv();
  const limit = options.limit ?? 100;
  const now = options.now ?? (() => new Date());
  const result: DispatchResult = { sent: 0, held: 0, failed: 0, retrying: 0 };
  const skipped = new Set<string>();
  for (let i = 0; i < limit; i++) {
    const outcome = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<ClaimedRow[]>`
          SELECT id, channel, recipient_enc, subject, body, attempts FROM outbox_messages
          WHERE status = 'pending' AND NOT (id::text = ANY(${[...skipped]}::text[]))
          ORDER BY created_at, id
          LIMIT 1
          FOR UPDATE SKIP LOCKED`;
        const row = rows[0];
        if (!row) return 'empty' as const;
        const transport = transports[row.channel];
        if (!transport) {
          await tx.outboxMessage.update({ where: { id: row.id }, data: { status: 'held' } });
          return 'held' as const;
        }
        try {
          await transport.send({ recipient: openRecipient({ recipientEnc: row.recipient_enc }), subject: row.subject, body: row.body });
          await tx.outboxMessage.update({ where: { id: row.id }, data: { status: 'sent', sentAt: now(), attempts: { increment: 1 }, lastError: null } });
          return 'sent' as const;
        } catch (error) {
          const attempts = row.attempts + 1;
          const message = error instanceof Error ? error.message : String(error);
          await tx.outboxMessage.update({
            where: { id: row.id },
            data: { attempts, lastError: message.slice(0, 1000), status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending' },
          });
          if (attempts < MAX_ATTEMPTS) skipped.add(row.id); // not again in this run
          return attempts >= MAX_ATTEMPTS ? ('failed' as const) : ('retrying' as const);
        }
      },
      { timeout: 60_000 },
    );
    if (outcome === 'empty') break;
    result[outcome]++;
  }
  return result;
}

/** One dispatch run with the transports configured in the environment (scripts/start.ts runs it every 10 s). */
export function dispatchPending(): Promise<DispatchResult> {
  return dispatchOutbox();
}
