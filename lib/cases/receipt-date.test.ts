import { describe, expect, it } from 'vitest';
import { CHANNELS } from '@/lib/law/ids';
import { legalReceiptDate, RECEIPT_RULE } from '@/lib/cases/receipt-date';
import { INITIAL_STATUS_BY_CHANNEL } from '@/lib/cases/workflow';

describe('legalReceiptDate (Art. 31)', () => {
  const all = { arrivedOn: '2026-02-10', signedForOn: '2026-02-11', confirmedOn: '2026-02-12' };

  it('counter and oral applications: the day handed in, whatever else is given', () => {
    expect(legalReceiptDate('in_person', all)).toBe('2026-02-10');
    expect(legalReceiptDate('oral_recorded', { arrivedOn: '2026-02-10' })).toBe('2026-02-10');
  });

  it('registered post: the day signed for, else the arrival day', () => {
    expect(legalReceiptDate('post_signed', all)).toBe('2026-02-11');
    expect(legalReceiptDate('post_signed', { arrivedOn: '2026-02-10' })).toBe('2026-02-10');
    expect(legalReceiptDate('post_signed', { arrivedOn: '2026-02-10', signedForOn: null })).toBe('2026-02-10');
  });

  it.each(['post_unsigned', 'online', 'email', 'fax', 'other'] as const)('%s: the confirmation date, or null while pending', (channel) => {
    expect(legalReceiptDate(channel, all)).toBe('2026-02-12');
    expect(legalReceiptDate(channel, { arrivedOn: '2026-02-10' })).toBeNull();
    expect(legalReceiptDate(channel, { arrivedOn: '2026-02-10', signedForOn: '2026-02-11', confirmedOn: null })).toBeNull();
  });

  it('agrees with the initial status: a channel without a receipt date at arrival waits for confirmation', () => {
    for (const channel of CHANNELS) {
      const pending = legalReceiptDate(channel, { arrivedOn: '2026-02-10' }) === null;
      expect(pending, channel).toBe(INITIAL_STATUS_BY_CHANNEL[channel] === 'pending_confirmation');
      expect(RECEIPT_RULE[channel]).toBeDefined();
    }
  });
});
