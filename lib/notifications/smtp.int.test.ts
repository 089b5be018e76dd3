/**
 * E-mail against a real SMTP server on loopback (smtp-server): delivery, an outage with exponential
 * back-off, recovery, and the same Message-ID on every try (including a resend after an ambiguous failure).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createOrgTree, ensureTestEncryptionKey } from '@/lib/cases/int-fixtures';
import { dispatchOutbox } from '@/lib/notifications/dispatch';
import { queueNotification } from '@/lib/notifications/outbox';
import { openRecipient } from '@/lib/privacy/personal-data';
import { emailTransportFromEnv, messageIdFor, type Transport } from '@/lib/notifications/transports';
import { startSmtpSink, type SmtpSink } from '@/test/smtp-sink';

const DOMAIN = 'gongkai.example.cn';
let sink: SmtpSink;
let port: number;
let email: Transport;
let caseId: string;

beforeAll(async () => {
  ensureTestEncryptionKey();
  sink = await startSmtpSink();
  port = sink.port;
  email = emailTransportFromEnv({ NODE_ENV: 'test', SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: `示范市政府信息公开 <noreply@${DOMAIN}>` })!;
  const orgs = await createOrgTree();
  const c = await db.case.create({
    data: {
      trackingNo: `GK2026-S${Date.now().toString(36).toUpperCase()}`,
      orgId: orgs.dept.id,
      applicantType: 'natural_person',
      applicantName: '钱七',
      description: '测试',
      channel: 'online',
      status: 'pending_confirmation',
    },
  });
  caseId = c.id;
});

afterAll(async () => {
  await sink?.close();
});

async function queueMail(address: string): Promise<string> {
  await db.$transaction((tx) =>
    queueNotification(tx, { caseId, email: address, mobile: null, locale: null }, 'withdrawn', { trackingNo: 'GK2026-ABCDEFGH', orgName: '示范市交通运输局' }),
  );
  // Recipients are encrypted (random nonce): the case's newest row to this address, opened.
  const rows = await db.outboxMessage.findMany({ where: { caseId }, select: { id: true, recipientEnc: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  const row = rows.find((r) => openRecipient(r) === address);
  if (!row) throw new Error(`no outbox row for ${address}`);
  return row.id;
}

const row = (id: string) => db.outboxMessage.findUniqueOrThrow({ where: { id } });

describe('e-mail over SMTP', () => {
  it('delivers with a Message-ID derived from the outbox row', async () => {
    const id = await queueMail('delivery@example.cn');
    const result = await dispatchOutbox({ transports: { email }, only: [id] });
    expect(result).toMatchObject({ sent: 1, retrying: 0 });
    const mail = sink.delivered().find((m) => m.to.includes('delivery@example.cn'));
    expect(mail?.messageId).toBe(messageIdFor(id, DOMAIN));
    expect(mail?.messageId).toBe(`<${id}@${DOMAIN}>`);
    expect(mail?.raw).toMatch(/^Subject: =\?UTF-8\?/im); // Chinese subject, encoded
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, leaseExpiresAt: null, lastError: null });
  });

  it('backs off exponentially while the server is down and delivers once it is back', async () => {
    const id = await queueMail('outage@example.cn');
    await sink.close(); // outage
    let clock = Date.now();
    const now = () => new Date(clock);
    await dispatchOutbox({ transports: { email }, only: [id], now });
    const first = await row(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first.lastError).toMatch(/ECONNREFUSED/);
    const delay1 = first.nextAttemptAt.getTime() - clock;
    expect(delay1).toBeGreaterThanOrEqual(30_000);
    expect(delay1).toBeLessThanOrEqual(36_000);

    // Before the next try is due nothing happens.
    clock += 20_000;
    await dispatchOutbox({ transports: { email }, only: [id], now });
    expect((await row(id)).attempts).toBe(1);

    // Each further failure waits about twice as long.
    const delays = [delay1];
    for (let i = 0; i < 4; i++) {
      clock = (await row(id)).nextAttemptAt.getTime() + 1;
      await dispatchOutbox({ transports: { email }, only: [id], now });
      const r = await row(id);
      expect(r).toMatchObject({ status: 'pending', attempts: i + 2 });
      delays.push(r.nextAttemptAt.getTime() - clock);
    }
    for (let i = 1; i < delays.length; i++) expect(delays[i] / delays[i - 1]).toBeGreaterThan(1.6);
    expect(delays[4]).toBeGreaterThanOrEqual(480_000); // 8 minutes after the fifth failure

    // Recovery: the server is back on the same port; the next due try delivers.
    sink = await startSmtpSink(port);
    clock = (await row(id)).nextAttemptAt.getTime() + 1;
    expect(await dispatchOutbox({ transports: { email }, only: [id], now })).toMatchObject({ sent: 1 });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 6, lastError: null });
    const delivered = sink.delivered().filter((m) => m.to.includes('outage@example.cn'));
    expect(delivered).toHaveLength(1);
    expect(delivered[0].messageId).toBe(`<${id}@${DOMAIN}>`);
  });

  it('keeps the Message-ID across a refused try and a resend after an ambiguous failure', async () => {
    const id = await queueMail('retry@example.cn');
    sink.refuseNext(1); // 451 on the first DATA
    let clock = Date.now();
    const now = () => new Date(clock);
    await dispatchOutbox({ transports: { email }, only: [id], now });
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row(id)).lastError).toMatch(/451/);
    clock += 3600_000;
    await dispatchOutbox({ transports: { email }, only: [id], now });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });

    // Ambiguous: the server accepted the message but the dispatcher failed before recording it. The resend
    // carries the same Message-ID, so the copies are recognisably one message.
    const id2 = await queueMail('ambiguous@example.cn');
    let crashOnce = true;
    const flaky: Transport = {
      channel: 'email',
      name: 'flaky',
      send: async (m) => {
        await email.send(m);
        if (crashOnce) {
          crashOnce = false;
          throw new Error('connection lost after DATA');
        }
      },
    };
    await dispatchOutbox({ transports: { email: flaky }, only: [id2], now });
    clock += 3600_000;
    await dispatchOutbox({ transports: { email: flaky }, only: [id2], now });
    expect(await row(id2)).toMatchObject({ status: 'sent', attempts: 2 });

    const ids = (to: string) => sink.received.filter((m) => m.to.includes(to)).map((m) => m.messageId);
    expect(ids('retry@example.cn')).toEqual([`<${id}@${DOMAIN}>`, `<${id}@${DOMAIN}>`]);
    expect(ids('ambiguous@example.cn')).toEqual([`<${id2}@${DOMAIN}>`, `<${id2}@${DOMAIN}>`]);
  });

  it('takes over a message whose dispatcher died mid-send once the lease has expired, not before', async () => {
    const id = await queueMail('lease@example.cn');
    // A dispatcher claimed it and died: status sending with a lease.
    await db.$executeRaw`UPDATE outbox_messages SET status = 'sending', attempts = 1, lease_expires_at = now() + interval '1 minute' WHERE id = ${id}::uuid`;
    expect(await dispatchOutbox({ transports: { email }, only: [id] })).toMatchObject({ sent: 0 });
    expect((await row(id)).status).toBe('sending');
    await dispatchOutbox({ transports: { email }, only: [id], now: () => new Date(Date.now() + 61_000) });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sink.delivered().filter((m) => m.to.includes('lease@example.cn'))).toHaveLength(1);
  });
});
