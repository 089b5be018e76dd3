import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LOG_OPTIONS, errorFields, scrubPersonalData } from './log';

/** A logger with the app's options writing into an array (one parsed object per line). */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino(LOG_OPTIONS, stream), lines };
}

describe('log lines carry no personal data', () => {
  it('scrubs e-mail addresses, mobile numbers and resident identity numbers from free text', () => {
    const text = '550 5.1.1 <zhang.san@example.cn>: Recipient address rejected; sms to +86 13800138000 and 13912345678, id 11010519491231002X';
    const out = scrubPersonalData(text);
    expect(out).toBe('550 5.1.1 <[email]>: Recipient address rejected; sms to [mobile] and [mobile], id [id-number]');
    // Numbers that are not mobile numbers or identity numbers stay (ids, counts, ports, tracking numbers).
    expect(scrubPersonalData('job 12345 attempt 3 on port 54329, GK2026-ABCDEFGH, 2026-03-02')).toBe('job 12345 attempt 3 on port 54329, GK2026-ABCDEFGH, 2026-03-02');
    // Stack frames with package versions are not addresses.
    const frame = 'at async file:///work/node_modules/.pnpm/vitest@4.0.1/node_modules/@vitest/runner/dist/index.js:1903:20';
    expect(scrubPersonalData(frame)).toBe(frame);
  });

  it('scrubs the message and stack of a logged error, and keeps no other property of it', () => {
    const e = Object.assign(new Error('cannot send to li.si@example.cn (13800138000)'), { recipient: 'li.si@example.cn', body: '验证码 123456' });
    const fields = errorFields(e);
    expect(JSON.stringify(fields)).not.toMatch(/li\.si|13800138000|123456/);
    expect(fields.error).toMatchObject({ type: 'Error', message: 'cannot send to [email] ([mobile])' });
    expect(JSON.stringify(errorFields('to 13800138000'))).not.toContain('13800138000');
  });

  it('censors personal fields a caller passes by mistake, at the top level and one level down', () => {
    const { logger, lines } = capture();
    logger.child({ component: 'jobs' }).info({ email: 'a@example.cn', mobile: '13800138000', job: { recipient: 'b@example.cn', kind: 'x' } }, 'sent');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ component: 'jobs', email: '[redacted]', mobile: '[redacted]', job: { recipient: '[redacted]', kind: 'x' }, msg: 'sent', level: 'info' });
  });
});
