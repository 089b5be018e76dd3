import { describe, expect, it } from 'vitest';
import { DomainError } from '@/lib/errors';
import { STATUSES } from '@/lib/cases/workflow';
import { CASE_FIELDS, assertFieldEditable, isFieldEditable, lockedFields } from '@/lib/cases/workflow-locks';

describe('field locks', () => {
  it('fields owned by a transition are never edited directly', () => {
    for (const field of ['received_on', 'organisation', 'assignee', 'outcome', 'retention_note'] as const) {
      for (const status of STATUSES) expect(isFieldEditable(field, status), `${field} ${status}`).toBe(false);
    }
  });

  it('the answer draft freezes while the reviewer looks at it and once issued', () => {
    expect(isFieldEditable('answer_draft', 'in_progress')).toBe(true);
    expect(isFieldEditable('answer_draft', 'consulting')).toBe(true);
    expect(isFieldEditable('answer_draft', 'pending_approval')).toBe(false);
    expect(isFieldEditable('answer_draft', 'answered')).toBe(false);
  });

  it('contact details stay editable until delivery; the request until a decision is prepared', () => {
    expect(isFieldEditable('contact', 'answered')).toBe(true);
    expect(isFieldEditable('contact', 'delivered')).toBe(false);
    expect(isFieldEditable('request', 'awaiting_correction')).toBe(true);
    expect(isFieldEditable('request', 'pending_approval')).toBe(false);
  });

  it('archived cases lock everything', () => {
    expect(lockedFields('archived')).toEqual(CASE_FIELDS);
  });

  it('assertFieldEditable throws LOCKED with the field and status', () => {
    expect(() => assertFieldEditable('request', 'in_progress')).not.toThrow();
    try {
      assertFieldEditable('outcome', 'in_progress');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'LOCKED', messageKey: 'workflow.error.field_locked', params: { field: 'outcome', status: 'in_progress' } });
    }
  });
});
