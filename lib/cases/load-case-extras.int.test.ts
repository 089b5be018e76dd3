/**
 * The case page's one-statement extras (load-case-extras.ts) against Prisma's own query of the same relations
 * (what getCaseForStaff sent before: twelve statements), for a case with every kind of record; the scope
 * (denials included); and the statements getCaseForStaff now sends for a whole case page's data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createCaseCast, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { loadStaffCaseExtras } from '@/lib/cases/load-case-extras';
import { getCaseForStaff } from '@/lib/cases/queries';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import { uploadAttachment } from '@/lib/attachments/upload-attachment';
import { loadCalendar } from '@/lib/calendar/load-calendar';
import { recordStatements } from '@/test/sql-statements';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let outsider: Actor;
let admin: Actor;

beforeAll(async () => {
  ({ orgs, clerk, reviewer, outsider, admin } = await createCaseCast({
    outsiderRole: 'clerk',
    names: { clerk: '经办人', reviewer: '审核人', outsider: '他局经办人', admin: '管理员' },
  }));
});

/** What getCaseForStaff read with Prisma before (ties broken by id, as the new statement does). */
async function prismaExtras(caseId: string) {
  const extra = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      assignedClerk: { select: { id: true, name: true } },
      events: { orderBy: { id: 'asc' }, include: { actor: { select: { id: true, name: true, role: true } } } },
      documents: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      attachments: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, purpose: true, filename: true, contentType: true, size: true, isPublic: true, documentId: true, createdAt: true },
      },
      deliveries: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      transfers: { orderBy: [{ at: 'asc' }, { id: 'asc' }], include: { fromOrg: { select: { id: true, name: true } }, toOrg: { select: { id: true, name: true } } } },
      appeals: { orderBy: [{ filedOn: 'asc' }, { id: 'asc' }] },
      extensions: { select: { requestedById: true, approvedById: true } },
    },
  });
  const ids = [
    ...extra.documents.flatMap((d) => [d.draftedById, d.approvedById, d.confidentialityReviewById]),
    ...extra.extensions.flatMap((e) => [e.requestedById, e.approvedById]),
    ...extra.deliveries.map((d) => d.recordedById),
    ...extra.transfers.map((t) => t.byId),
  ].filter((id): id is string => id !== null);
  const people = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const { extensions: _extensions, ...rest } = extra;
  return { ...rest, people: new Map(people.map((p) => [p.id, p])) };
}

async function journey(): Promise<string> {
  const reg = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'post_signed', arrivedOn: '2026-03-02', signedForOn: '2026-03-02' } });
  let version = 0;
  const step = async (p: Omit<TransitionCaseParams, 'caseId' | 'expectedVersion'>) => {
    version = (await transitionCase({ ...p, caseId: reg.caseId, expectedVersion: version } as TransitionCaseParams)).version;
  };
  await step({ name: 'claim', input: {}, actor: clerk, now: at('2026-03-03') });
  await step({ name: 'request_extension', input: { days: 20, reason: '需要调取档案' }, actor: clerk, now: at('2026-03-18') });
  await step({ name: 'approve_extension', input: { hasApplicantNotice: true }, actor: reviewer, now: at('2026-03-19') });
  const draft = await saveAnswerDraft({
    caseId: reg.caseId,
    expectedVersion: version,
    actor: clerk,
    now: at('2026-03-20'),
    draft: { outcome: 'granted', details: { item: 'disclosable', accessArrangement: '到本机关查阅点查阅' } },
  });
  const up = await uploadAttachment({
    caseId: reg.caseId,
    expectedVersion: draft.version,
    actor: clerk,
    now: at('2026-03-20', '11:00'),
    purpose: 'disclosed_file',
    file: { filename: '清单.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 test') },
  });
  version = up.version;
  await step({ name: 'record_confidentiality_review', input: { note: '可以公开' }, actor: reviewer, now: at('2026-03-20', '12:00') });
  await step({ name: 'submit_answer', input: {}, actor: clerk, now: at('2026-03-20', '13:00') });
  await step({ name: 'approve_answer', input: {}, actor: reviewer, now: at('2026-03-24') });
  await step({ name: 'record_delivery', input: { method: 'post', deliveredOn: '2026-03-26', postalTrackingNo: 'EMS1' }, actor: clerk, now: at('2026-03-26') });
  await step({ name: 'record_appeal', input: { kind: 'administrative_review', filedOn: '2026-04-01', body: '示范市人民政府' }, actor: clerk, now: at('2026-04-02') });
  return reg.caseId;
}

describe('loadStaffCaseExtras', () => {
  it('equals Prisma’s query of the same relations for a case with every kind of record', async () => {
    const caseId = await journey();
    const loaded = await loadStaffCaseExtras(db, caseId, clerk);
    expect(loaded).toEqual(await prismaExtras(caseId));
    // What the comparison covered: every list is filled.
    expect(loaded!.assignedClerk?.id).toBe(clerk.id);
    expect(loaded!.events.length).toBeGreaterThan(8);
    expect(typeof loaded!.events[0].id).toBe('bigint');
    expect(loaded!.events.some((e) => e.actor?.id === reviewer.id)).toBe(true);
    expect(loaded!.documents.map((d) => d.type)).toEqual(expect.arrayContaining(['answer', 'extension_notice']));
    expect(loaded!.attachments).toHaveLength(1);
    expect(loaded!.attachments[0]).not.toHaveProperty('data');
    expect(loaded!.deliveries).toHaveLength(1);
    expect(loaded!.appeals).toHaveLength(1);
    expect([...loaded!.people.keys()].sort()).toEqual([clerk.id, reviewer.id].sort());

    // A transferred case: both organisations' names, the transferring reviewer among the people.
    const moved = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'post_signed', arrivedOn: '2026-03-02', signedForOn: '2026-03-02' } });
    await transitionCase({ caseId: moved.caseId, expectedVersion: 0, name: 'transfer', input: { targetOrgId: orgs.sibling.id, reason: '职责调整' }, actor: reviewer, now: at('2026-03-03') });
    const transferred = await loadStaffCaseExtras(db, moved.caseId, admin);
    expect(transferred).toEqual(await prismaExtras(moved.caseId));
    expect(transferred!.transfers).toMatchObject([{ fromOrg: { id: orgs.dept.id }, toOrg: { id: orgs.sibling.id } }]);
    expect(transferred!.people.get(reviewer.id)?.id).toBe(reviewer.id);
  });

  it('is scoped: another organisation’s staff and applicants get nothing, as for a missing case', async () => {
    const caseId = (await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'post_signed', arrivedOn: '2026-03-02', signedForOn: '2026-03-02' } })).caseId;
    expect(await loadStaffCaseExtras(db, caseId, clerk)).not.toBeNull();
    expect(await loadStaffCaseExtras(db, caseId, admin)).not.toBeNull();
    expect(await loadStaffCaseExtras(db, caseId, outsider)).toBeNull();
    expect(await loadStaffCaseExtras(db, caseId, { id: clerk.id, role: 'applicant', orgId: null, orgPath: null })).toBeNull();
    await expect(getCaseForStaff(outsider, caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await loadStaffCaseExtras(db, '00000000-0000-7000-8000-000000000000', admin)).toBeNull();
  });

  it('getCaseForStaff reads a whole case in two statements (was 22), the same data', async () => {
    const caseId = await journey();
    await loadCalendar(); // cached per process (not part of a page's data)
    const rec = recordStatements();
    let kase: Awaited<ReturnType<typeof getCaseForStaff>>;
    try {
      kase = await getCaseForStaff(clerk, caseId, at('2026-04-03'));
    } finally {
      expect(rec.stop()).toHaveLength(2);
    }
    expect(kase.assignedClerk?.id).toBe(clerk.id);
    expect(kase.timeline.length).toBeGreaterThan(8);
    expect(kase.extensions[0].approvedBy?.id).toBe(reviewer.id);
    expect(kase.documents.find((d) => d.type === 'answer')?.attachments).toHaveLength(1);
    expect(kase.deliveries[0].recordedBy?.id).toBe(clerk.id);
    expect(kase.appeals).toHaveLength(1);
  });
});
