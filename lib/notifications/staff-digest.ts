/**
 * E-mail digest to staff of what applicants did (issue 10 item 1): a 补正 answered online, a fee notice
 * acknowledged, an application withdrawn, a suggestion to publish what was released (Art. 44 para 2). In the app these acts are entries of the work queue (lib/cases/
 * work-queue.ts); by e-mail they are collected into one message per staff member and interval, written to the
 * outbox like every notification (lib/notifications/dispatch.ts sends it) — only when SMTP is configured, so
 * that an installation without e-mail does not fill the outbox with held digests.
 *
 * Who receives an act: the case's clerk (经办人) when assigned, otherwise the active clerks of the case's
 * organisation — the people whose queue shows it. Only accounts with an e-mail address.
 *
 * Progress is a watermark (the last case_events id looked at, and when) in `settings`, advanced under a
 * transaction-scoped advisory lock, so several server processes never send a digest twice. The first run
 * starts from the newest event: history is not mailed.
 */
import 'server-only';
import { db, type Tx } from '@/lib/db';
import { decrypt } from '@/lib/crypto';
import { sealRecipient } from '@/lib/privacy/personal-data';
import type { Prisma } from '@/lib/generated/prisma/client';
import { INTERNAL_STATE_KEYS } from '@/lib/settings/registry';

export const DIGEST_EVENT_TYPES = ['correction_submitted', 'fee_acknowledged', 'withdrawn', 'publication_suggested'] as const;
type DigestEventType = (typeof DIGEST_EVENT_TYPES)[number];
const APPLICANT_ROLES = ['applicant', 'applicant_anonymous'];
const WATERMARK_KEY = INTERNAL_STATE_KEYS.staffDigestWatermark;
const LOCK_KEY = 727_074_210;
/** Longer than any case transaction may stay open (their timeout is 20 s). */
const SETTLE_MS = 2 * 60_000;
/** Events looked at per run; the rest wait for the next run. */
const BATCH = 2_000;

export function digestIntervalMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.GONGKAI_STAFF_DIGEST_MINUTES ?? 60);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 7 * 24 * 60) : 60;
}

export function isEmailConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.SMTP_URL || env.SMTP_HOST);
}

interface Watermark {
  eventId: string;
  at: string;
}

const ACT_ZH: Record<DigestEventType, string> = {
  correction_submitted: '申请人在网上提交了补正材料，请核对后记录“收到补正材料”',
  fee_acknowledged: '申请人确认收到了收费通知，请核对缴费情况',
  withdrawn: '申请人撤回了申请，请归档',
  publication_suggested: '申请人建议将所获政府信息转为主动公开（条例第四十四条第二款），请研究处理',
};
const ACT_EN: Record<DigestEventType, string> = {
  correction_submitted: 'the applicant answered the correction notice online: check it and record the correction',
  fee_acknowledged: 'the applicant acknowledged the fee notice: check the payment',
  withdrawn: 'the applicant withdrew the application: archive it',
  publication_suggested: 'the applicant suggests publishing the released information (Art. 44 para 2): consider it',
};

export interface DigestItem {
  type: DigestEventType;
  trackingNo: string;
  applicantName: string;
  occurredAt: Date;
}

const TIME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function chinaTime(d: Date): string {
  const p = Object.fromEntries(TIME.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The digest's final text: Chinese, followed by English for an English-speaking account (as messages.ts). */
export function buildStaffDigest(items: readonly DigestItem[], options: { locale: string | null; queueUrl: string }): { subject: string; body: string } {
  const zhLines = items.map((i) => `• ${chinaTime(i.occurredAt)} ${i.trackingNo}（${i.applicantName}）：${ACT_ZH[i.type]}。`);
  const subjectZh = `【政府信息公开】申请人有${items.length}项新动态`;
  const bodyZh = `以下申请有申请人的新动态：\n${zhLines.join('\n')}\n\n请登录工作台查看待办：${options.queueUrl}`;
  if (!options.locale?.toLowerCase().startsWith('en')) return { subject: subjectZh, body: bodyZh };
  const enLines = items.map((i) => `• ${chinaTime(i.occurredAt)} ${i.trackingNo} (${i.applicantName}): ${ACT_EN[i.type]}.`);
  return {
    subject: `${subjectZh} / ${items.length} new applicant action(s)`,
    body: `${bodyZh}\n\nApplicants acted on these cases:\n${enLines.join('\n')}\n\nYour work queue: ${options.queueUrl}`,
  };
}

async function readWatermark(tx: Tx): Promise<Watermark | null> {
  const row = await tx.setting.findUnique({ where: { key: WATERMARK_KEY } });
  const v = row?.value as Partial<Watermark> | undefined;
  return v && typeof v.eventId === 'string' && typeof v.at === 'string' ? { eventId: v.eventId, at: v.at } : null;
}

async function writeWatermark(tx: Tx, w: Watermark): Promise<void> {
  const value = w as unknown as Prisma.InputJsonValue;
  await tx.setting.upsert({ where: { key: WATERMARK_KEY }, create: { key: WATERMARK_KEY, value }, update: { value } });
}

export interface DigestRunResult {
  /** false: the interval has not passed yet (nothing was read). */
  ran: boolean;
  events: number;
  messages: number;
}

/**
 * One digest run: when the interval has passed since the last run, reads the applicants' acts since the
 * watermark, writes one outbox e-mail per staff member concerned (when e-mail is configured) and advances the
 * watermark. Safe to call often (scripts/start.ts calls it with every outbox dispatch).
 */
export async function queueStaffDigests(options: { now?: Date; emailConfigured?: boolean; intervalMinutes?: number; queueUrl?: string } = {}): Promise<DigestRunResult> {
  const now = options.now ?? new Date();
  const emailConfigured = options.emailConfigured ?? isEmailConfigured();
  const intervalMs = (options.intervalMinutes ?? digestIntervalMinutes()) * 60_000;
  const base = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const queueUrl = options.queueUrl ?? `${base.replace(/\/$/, '')}/staff/queue`;
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
      const mark = await readWatermark(tx);
      if (!mark) {
        // First run: start from now; earlier acts are in the queue already and are not mailed.
        const last = await tx.caseEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
        await writeWatermark(tx, { eventId: (last?.id ?? 0n).toString(), at: now.toISOString() });
        return { ran: true, events: 0, messages: 0 };
      }
      if (now.getTime() - Date.parse(mark.at) < intervalMs) return { ran: false, events: 0, messages: 0 };
      // Event ids are taken at insert, inside transactions that may still be open: only events older than
      // SETTLE_MS are read, so every event below the new watermark has committed (or never will).
      const settled = new Date(now.getTime() - SETTLE_MS);
      const events = await tx.caseEvent.findMany({
        where: { id: { gt: BigInt(mark.eventId) }, occurredAt: { lt: settled }, type: { in: [...DIGEST_EVENT_TYPES] }, actorRole: { in: APPLICANT_ROLES } },
        orderBy: { id: 'asc' },
        take: BATCH,
        select: { id: true, type: true, occurredAt: true, case: { select: { trackingNo: true, applicantName: true, orgId: true, assignedClerkId: true } } },
      });
      // Past the acts looked at; when the batch was not full, past every event so far (the next run starts there).
      const newest =
        events.length === BATCH
          ? events[events.length - 1]?.id
          : (await tx.caseEvent.findFirst({ where: { occurredAt: { lt: settled } }, orderBy: { id: 'desc' }, select: { id: true } }))?.id;
      const next = newest !== undefined && newest > BigInt(mark.eventId) ? newest : BigInt(mark.eventId);
      let messages = 0;
      if (emailConfigured && events.length > 0) {
        const assigned = [...new Set(events.flatMap((e) => (e.case.assignedClerkId ? [e.case.assignedClerkId] : [])))];
        const unassignedOrgs = [...new Set(events.filter((e) => !e.case.assignedClerkId).map((e) => e.case.orgId))];
        const staff = await tx.user.findMany({
          where: {
            isActive: true,
            emailEnc: { not: null },
            role: { in: ['clerk', 'reviewer'] },
            OR: [{ id: { in: assigned } }, { orgId: { in: unassignedOrgs }, role: 'clerk' }],
          },
          select: { id: true, emailEnc: true, locale: true, orgId: true, role: true },
        });
        const byUser = new Map<string, DigestItem[]>();
        for (const e of events) {
          const recipients = e.case.assignedClerkId
            ? staff.filter((s) => s.id === e.case.assignedClerkId)
            : staff.filter((s) => s.role === 'clerk' && s.orgId === e.case.orgId);
          for (const r of recipients) {
            const list = byUser.get(r.id) ?? [];
            list.push({ type: e.type as DigestEventType, trackingNo: e.case.trackingNo, applicantName: e.case.applicantName, occurredAt: e.occurredAt });
            byUser.set(r.id, list);
          }
        }
        for (const s of staff) {
          const items = byUser.get(s.id);
          if (!items?.length || !s.emailEnc) continue;
          const message = buildStaffDigest(items, { locale: s.locale, queueUrl });
          await tx.outboxMessage.create({ data: { channel: 'email', recipientEnc: sealRecipient(decrypt(s.emailEnc)), subject: message.subject, body: message.body, template: 'staff_digest' } });
          messages++;
        }
      }
      await writeWatermark(tx, { eventId: next.toString(), at: now.toISOString() });
      return { ran: true, events: events.length, messages };
    },
    { timeout: 60_000 },
  );
}
