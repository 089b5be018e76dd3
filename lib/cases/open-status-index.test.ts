import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from './workflow';

/**
 * The partial indexes behind "overdue" and "due soon" (prisma/schema.prisma, issue 13) cover the open cases
 * only; their predicate must list exactly OPEN_STATUSES, or a list filtered on them would miss cases (a
 * status added to OPEN_STATUSES but not to the index is not in the index) or the planner would not use it.
 */
describe('open-case partial indexes', () => {
  const schema = fs.readFileSync(path.join(process.cwd(), 'prisma', 'schema.prisma'), 'utf8');
  const predicates = [...schema.matchAll(/map: "(cases_open_[a-z_]+)", where: raw\("(.+?)"\)\)/g)].map((m) => ({ name: m[1], sql: m[2] }));

  it('exist for the whole register and for one organisation', () => {
    expect(predicates.map((p) => p.name).sort()).toEqual(['cases_open_answer_due_on_id_idx', 'cases_open_org_id_answer_due_on_id_idx']);
  });

  it('list exactly the open statuses', () => {
    for (const p of predicates) {
      const listed = [...p.sql.matchAll(/'([a-z_]+)'::\\"CaseStatus\\"/g)].map((m) => m[1]);
      expect(listed, p.name).toEqual([...OPEN_STATUSES]);
    }
  });
});
