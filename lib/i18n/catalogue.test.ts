import { describe, expect, it } from 'vitest';
import { NAMESPACES, flatKeys, messagesFor } from './catalogue';
import { VALIDATION_MESSAGE_KEYS } from '@/lib/validation/messages';
import { STATUSES, ROLES } from '@/lib/cases/workflow';
import { OUTCOMES, APPLICANT_TYPES, CHANNELS } from '@/lib/law/ids';

describe('message catalogue', () => {
  it('has the same keys in Chinese and English in every namespace', () => {
    for (const ns of NAMESPACES) {
      expect(flatKeys(ns.en).sort()).toEqual(flatKeys(ns['zh-CN']).sort());
    }
  });

  it('has no empty message', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const key of flatKeys(messagesFor(locale))) {
        const value = key.split('.').reduce<unknown>((m, k) => (m as Record<string, unknown>)[k], messagesFor(locale));
        expect(typeof value === 'string' && value.trim().length > 0, `${locale}:${key}`).toBe(true);
      }
    }
  });

  it('labels every status, role, outcome, applicant type, channel and validation message', () => {
    const keys = new Set(flatKeys(messagesFor('zh-CN')));
    const wanted = [
      ...STATUSES.map((s) => `status.${s}`),
      ...ROLES.map((r) => `role.${r}`),
      ...OUTCOMES.map((o) => `outcome.${o}`),
      ...APPLICANT_TYPES.map((a) => `applicantType.${a}`),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...VALIDATION_MESSAGE_KEYS,
    ];
    expect(wanted.filter((k) => !keys.has(k))).toEqual([]);
  });
});
