import { describe, expect, it } from 'vitest';
import { auditQuery, parseAuditParams } from './params';

describe('audit view query string', () => {
  it('keeps valid filters and drops the rest', () => {
    expect(parseAuditParams({ actor: ' 张三\u202e ', type: 'auth.', from: '2026-03-01', to: '2026-02-30', target: 'GK2026\u0000-1', before: '123' })).toEqual({
      filters: { actor: '张三', type: 'auth.', from: '2026-03-01', to: undefined, target: 'GK2026-1' },
      before: '123',
    });
    expect(parseAuditParams({ type: "x'; DROP", before: '-1', actor: ['a', 'b'] })).toEqual({
      filters: { actor: 'a', type: undefined, from: undefined, to: undefined, target: undefined },
      before: null,
    });
  });

  it('round-trips through the export link', () => {
    const filters = { actor: '李四', type: 'export.audit', from: '2026-03-01' };
    expect(parseAuditParams(new URLSearchParams(auditQuery(filters, { format: 'csv' }))).filters).toEqual({ ...filters, to: undefined, target: undefined });
  });
});
