/**
 * Transports for outbox messages, behind one interface so dispatch.ts does not know the vendor.
 * - e-mail: nodemailer over SMTP when SMTP_URL, or SMTP_HOST (+ SMTP_PORT, SMTP_USER, SMTP_PASS), is set;
 *   sender MAIL_FROM.
 * - SMS: only a logging provider exists (SMS_PROVIDER=log) until an agency contracts a gateway.
 * With no transport for a channel, dispatch marks its rows `held`: the embedded default and the tests send
 * nothing, and admins read held messages in the app.
 */
import nodemailer from 'nodemailer';
import type { OutboxChannel } from '@/lib/generated/prisma/enums';
import { componentLog } from '@/lib/log';
import { maskMobile } from '@/lib/validation/mask';

export interface OutgoingMessage {
  /** The outbox row's id: the same on every try of this message (the e-mail's Message-ID derives from it). */
  id: string;
  recipient: string;
  subject: string;
  body: string;
}

export interface Transport {
  readonly channel: OutboxChannel;
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * The domain of Message-IDs: GONGKAI_MAIL_DOMAIN, else the domain of MAIL_FROM (`Name <a@b.cn>` or `a@b.cn`).
 */
export function messageIdDomain(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.GONGKAI_MAIL_DOMAIN?.trim();
  if (explicit) return explicit;
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(env.MAIL_FROM ?? '');
  return match?.[1]?.toLowerCase() || 'gongkai.invalid';
}

/**
 * The Message-ID of an outbox message, stable across every try (RFC 5322 §3.6.4: unique, left part @ domain).
 * A resend after an ambiguous failure (sent, but the dispatcher died before recording it) carries the same
 * ID, so mail systems and readers can tell it is the same message.
 */
export function messageIdFor(outboxId: string, domain: string): string {
  return `<${outboxId}@${domain}>`;
}

// Timeouts well below the outbox lease (dispatch.ts, 2 min): a hung server fails the try instead of
// outliving the claim.
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

export function emailTransportFromEnv(env: NodeJS.ProcessEnv = process.env): Transport | null {
  const from = env.MAIL_FROM;
  let transporter: nodemailer.Transporter;
  if (env.SMTP_URL) {
    transporter = nodemailer.createTransport({ url: env.SMTP_URL, ...SMTP_TIMEOUTS } as nodemailer.TransportOptions);
  } else if (env.SMTP_HOST) {
    const port = Number(env.SMTP_PORT ?? 587);
    transporter = nodemailer.createTransport({
      host: env.SMTP_HOST,
      port,
      secure: port === 465,
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } : undefined,
      ...SMTP_TIMEOUTS,
    });
  } else {
    return null;
  }
  if (!from) throw new Error('MAIL_FROM must be set when SMTP is configured.');
  const domain = messageIdDomain(env);
  return {
    channel: 'email',
    name: 'smtp',
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.recipient,
        subject: message.subject,
        text: message.body,
        messageId: messageIdFor(message.id, domain),
      });
    },
  };
}

/**
 * Writes SMS to the server log instead of a gateway (SMS_PROVIDER=log, for trials): the text, and the
 * number masked (lib/log.ts: no personal data in logs).
 */
export function loggingSmsTransport(log: (line: string) => void = (line) => componentLog('sms').info(line)): Transport {
  return {
    channel: 'sms',
    name: 'log',
    async send(message) {
      log(`[sms] to ${maskMobile(message.recipient)}: ${message.body}`);
    },
  };
}

export function smsTransportFromEnv(env: NodeJS.ProcessEnv = process.env): Transport | null {
  if (env.SMS_PROVIDER === 'log') return loggingSmsTransport();
  if (env.SMS_PROVIDER) throw new Error(`Unknown SMS_PROVIDER ${JSON.stringify(env.SMS_PROVIDER)} (supported: log).`);
  return null;
}

export type Transports = Partial<Record<OutboxChannel, Transport | null>>;

export function transportsFromEnv(env: NodeJS.ProcessEnv = process.env): Transports {
  return { email: emailTransportFromEnv(env), sms: smsTransportFromEnv(env) };
}
