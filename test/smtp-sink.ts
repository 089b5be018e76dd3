/**
 * A real SMTP server on loopback (the `smtp-server` package) for integration tests: records every message
 * it receives (envelope, Message-ID, raw text) and can refuse a delivery with a temporary error. Each
 * received DATA is recorded, accepted or not, so tests can compare the Message-ID across tries.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string | null;
  to: string[];
  raw: string;
  accepted: boolean;
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  /** Accepted messages only. */
  delivered(): ReceivedMail[];
  /** Refuse the next n deliveries with "451 try again later". */
  refuseNext(n: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let refuse = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? null;
        const accepted = refuse <= 0;
        received.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address), raw, accepted });
        if (accepted) return callback();
        refuse--;
        const error = Object.assign(new Error('try again later'), { responseCode: 451 });
        callback(error);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    port: address.port,
    received,
    delivered: () => received.filter((m) => m.accepted),
    refuseNext: (n) => {
      refuse = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
