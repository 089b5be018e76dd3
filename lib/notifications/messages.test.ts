import { describe, expect, it } from 'vitest';
import { buildMessage } from './messages';

/** docs/decisions.md "暂定 dates": a date counted through a year without a holiday notice is marked in messages. */
describe('notifications mark dates counted through a year without a holiday notice', () => {
  const base = { trackingNo: 'GK-1', orgName: '示范市交通运输局' };

  it('receipt confirmed: 暂定 / provisional only when the date is', () => {
    const tentative = { ...base, receivedOn: '2026-12-10', answerDueOn: '2027-01-08', answerDueTentative: true };
    expect(buildMessage('receipt_confirmed', tentative, { locale: 'zh-CN', channel: 'email' }).body).toContain('本机关将于2027-01-08（暂定）前答复');
    expect(buildMessage('receipt_confirmed', tentative, { locale: 'en', channel: 'email' }).body).toContain('due by 2027-01-08 (provisional)');
    const fixed = { ...tentative, answerDueOn: '2026-11-30', answerDueTentative: false };
    expect(buildMessage('receipt_confirmed', fixed, { locale: 'zh-CN', channel: 'email' }).body).not.toContain('暂定');
  });

  it('fee notice handed over at issue: the stated last day is 暂定 when counted into such a year', () => {
    const params = { ...base, amountYuan: '100.00', paymentDueOn: '2027-01-22', paymentDueProvisional: false, paymentDueTentative: true, docNumber: '费〔2026〕1号' };
    expect(buildMessage('fee_notice_issued', params, { locale: 'zh-CN', channel: 'sms' }).body).toContain('请于2027-01-22（暂定）前缴纳');
    expect(buildMessage('fee_notice_issued', params, { locale: 'en', channel: 'email' }).body).toContain('by 2027-01-22 (provisional)');
  });
});
