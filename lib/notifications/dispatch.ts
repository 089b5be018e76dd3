/**
 * Sends outbox rows after commit, from the worker of every app server (lib/jobs/worker.ts). No database
 * lock is held while a message is handed to its transport:
 *  1. claim: one statement marks up to `batch` due rows `sending` with a lease (lease_expires_at) and
 *     attempts + 1, choosing them with FOR UPDATE SKIP LOCKED, and commits;
 *  2. send each claimed message (SMTP, SMS gateway);
 *  3. record the outcome with a compare-and-set on (id, status 'sending', attempts): `sent`; or after a
 *     transport error `pending` again at next_attempt_at (exponential back-off over ≥ 24 h, backoff.ts),
 *     `failed` after MAX_ATTEMPTS tries (an admin can requeue it).
 * A dispatcher that dies between 2 and 3 leaves the row `sending`; when its lease has expired another
 * dispatcher claims it again. Such a resend (and only such) may deliver a message twice: every try carries
 * the same Message-ID (<outbox id@domain>, transports.ts), so mail systems and readers recognise it.
 * Rows of a channel with no transport configured are marked `held` (kept for admins to read).
 */
import { db } from '@/lib/db';
import { componentLog } from '@/lib/log';
import type { OutboxChannel } from '@/lib/generated/prisma/enums';
import { MAX_ATTEMPTS, retryDelayMs } from '@/lib/notifications/backoff';
import { readRecipient } from '@/lib/notifications/outbox';
import { transportsFromEnv, type Transports } from '@/lib/notifications/transports';

export { MAX_ATTEMPTS };

export interface DispatchResult {
  sent: number;
  held: number;
  failed: number;
  /** Errors that leave the row pending for a later try. */
  retrying: number;
  /** Outcomes not recorded because the claim had expired and another dispatcher took the row. */
  lost: number;
}

interface ClaimedRow {
  id: string;
  channel: OutboxChannel;
  recipient_enc: string | null;
  subject: string;
  body: string;
  attempts: number;
}

/** How long a claim lasts: longer than a send may take (the SMTP transport times out well before). */
export function outboxLeaseMs(): number {
  const v = Number(process.env.GONGKAI_OUTBOX_LEASE_MS);
  return Number.isFinite(v) && v > 0 ? v : 120_000;
}

export interface DispatchOptions {
  transports?: Transports;
  /** At most this many messages per run. */
  limit?: number;
  /** Messages claimed (and then sent one by one) per claim. */
  batch?: number;
  /** The current time for due/lease comparisons (tests); the database's clock when omitted. */
  now?: () => Date;
  leaseMs?: number;
  /** Sends another dispatcher has claimed are skipped; `only` restricts a run to these ids (tests). */
  only?: readonly string[];
}

export async function dispatchOutbox(options: DispatchOptions = {}): Promise<DispatchResult> {
  const transports = options.transports ?? transportsFromEnv();
  const limit = options.limit ?? 100;
  const batch = Math.max(1, Math.min(options.batch ?? 10, limit));
  const leaseMs = options.leaseMs ?? outboxLeaseMs();
  // As ISO text with its offset: the pg adapter sends a Date as UTC digits without one, which a timestamptz
  // cast would read in the session's time zone.
  const nowParam = (): string | null => options.now?.().toISOString() ?? null;
  const only = options.only ? [...options.only] : null;
  const result: DispatchResult = { sent: 0, held: 0, failed: 0, retrying: 0, lost: 0 };
  const configured = (Object.keys(transports) as OutboxChannel[]).filter((c) => transports[c]);

  // Channels nobody can send: held for admins to read (pending rows only; never a row being sent).
  result.held = await db.$executeRaw`
    UPDATE outbox_messages SET status = 'held'
    WHERE status = 'pending' AND NOT (channel::text = ANY(${configured}::text[]))
      AND (${only}::uuid[] IS NULL OR id = ANY(${only}::uuid[]))`;
  if (configured.length === 0) return result;

  let done = 0;
  while (done < limit) {
    const rows = await db.$queryRaw<ClaimedRow[]>`
      UPDATE outbox_messages m SET
        status = 'sending',
        attempts = m.attempts + 1,
        lease_expires_at = coalesce(${nowParam()}::timestamptz, now()) + ${leaseMs}::int * interval '1 millisecond'
      FROM (
        SELECT c.id FROM outbox_messages c
        WHERE c.channel::text = ANY(${configured}::text[])
          AND ((c.status = 'pending' AND c.next_attempt_at <= coalesce(${nowParam()}::timestamptz, now()))
            OR (c.status = 'sending' AND c.lease_expires_at < coalesce(${nowParam()}::timestamptz, now())))
          AND (${only}::uuid[] IS NULL OR c.id = ANY(${only}::uuid[]))
        ORDER BY c.next_attempt_at, c.id
        LIMIT ${Math.min(batch, limit - done)}
        FOR UPDATE SKIP LOCKED
      ) next
      WHERE m.id = next.id
      RETURNING m.id::text AS id, m.channel, m.recipient_enc, m.subject, m.body, m.attempts`;
    if (rows.length === 0) break;
    done += rows.length;
    for (const row of rows) {
      const outcome = await sendClaimed(row, transports, nowParam);
      result[outcome]++;
    }
  }
  return result;
}

async function sendClaimed(
  row: ClaimedRow,
  transports: Transports,
  nowParam: () => string | null,
): Promise<'sent' | 'retrying' | 'failed' | 'lost'> {
  const transport = transports[row.channel];
  try {
    if (!transport) throw new Error(`no transport for ${row.channel}`);
    await transport.send({ id: row.id, recipient: readRecipient({ recipientEnc: row.recipient_enc }), subject: row.subject, body: row.body });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const giveUp = row.attempts >= MAX_ATTEMPTS;
    const n = await db.$executeRaw`
      UPDATE outbox_messages SET
        status = ${giveUp ? 'failed' : 'pending'}::"OutboxStatus",
        last_error = ${message},
        lease_expires_at = NULL,
        next_attempt_at = coalesce(${nowParam()}::timestamptz, now()) + ${retryDelayMs(row.attempts)}::int * interval '1 millisecond'
      WHERE id = ${row.id}::uuid AND status = 'sending' AND attempts = ${row.attempts}`;
    if (n === 0) return 'lost';
    return giveUp ? 'failed' : 'retrying';
  }
  const n = await db.$executeRaw`
    UPDATE outbox_messages SET status = 'sent', sent_at = now(), last_error = NULL, lease_expires_at = NULL
    WHERE id = ${row.id}::uuid AND status = 'sending' AND attempts = ${row.attempts}`;
  if (n === 0) {
    componentLog('outbox').warn({ messageId: row.id }, `[outbox] ${row.id} was sent after its claim expired (another dispatcher may resend it with the same Message-ID)`);
    return 'lost';
  }
  return 'sent';
}

/** One dispatch run with the transports configured in the environment (the worker runs it periodically). */
export function dispatchPending(): Promise<DispatchResult> {
  return dispatchOutbox();
}
