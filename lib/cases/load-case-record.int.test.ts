/**
 * The one-statement case record (load-case-record.ts) against Prisma's own `include` of the same record
 * (CASE_RECORD_INCLUDE), after every kind of step that adds to it; and its scope (actor.ts caseScopeSql, and inCaseScope on the record in memory)
 * against caseScopeWhere for every kind of actor, denials included.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { anonymousApplicantFor, caseScopeWhere, inCaseScope, type Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { CASE_RECORD_INCLUDE } from '@/lib/cases/case-record';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, PORTAL_FORM, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { loadCaseRecord } from '@/lib/cases/load-case-record';
import { registerCaseByStaff, submitApplication } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import { SETTINGS } from '@/lib/settings/registry';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '经办人');
  reviewer = await createActor('reviewer', orgs.dept, '审核人');
});

async function expectSameAsPrisma(caseId: string) {
  const prisma = await db.case.findUniqueOrThrow({ where: { id: caseId }, include: CASE_RECORD_INCLUDE });
  const loaded = await loadCaseRecord(db, caseId, null);
  expect(loaded).not.toBeNull();
  expect(loaded!.record).toEqual(prisma);
  const setting = await db.setting.findUnique({ where: { key: SETTINGS.feePausesAnswerClock.key } });
  expect(loaded!.feePauseSetting).toEqual(setting?.value ?? undefined);
  // Outside a transaction the statement goes through plain `pg`, inside through Prisma (lib/db-read.ts): the same record.
  expect(await db.$transaction((tx) => loadCaseRecord(tx, caseId, null))).toEqual(loaded);
}

describe('loadCaseRecord', () => {
  it('equals Prisma’s include of the record after every step that adds to it', async () => {
    const reg = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'post_signed', arrivedOn: '2026-03-02', signedForOn: '2026-03-02' } });
    const caseId = reg.caseId;
    await expectSameAsPrisma(caseId);
    let version = 0;
    const step = async (p: Omit<TransitionCaseParams, 'caseId' | 'expectedVersion'>) => {
      const r = await transitionCase({ ...p, caseId, expectedVersion: version } as TransitionCaseParams);
      version = r.version;
      await expectSameAsPrisma(caseId);
      return r;
    };
    await step({ name: 'claim', input: {}, actor: clerk, now: at('2026-03-03') });
    await step({ name: 'request_correction', input: { items: '请明确所需文件的名称', periodDays: 10 }, actor: clerk, now: at('2026-03-04') });
    await step({ name: 'receive_correction', input: { receivedOn: '2026-03-06', responseText: '已补充' }, actor: clerk, now: at('2026-03-06') });
    await step({ name: 'start_consultation', input: { kind: 'third_party', party: '甲公司', receivedByPartyOn: '2026-03-10' }, actor: clerk, now: at('2026-03-09') });
    await step({ name: 'start_consultation', input: { kind: 'agency', party: '乙局', sentOn: '2026-03-09' }, actor: clerk, now: at('2026-03-10') });
    await step({ name: 'internal_consultation', input: { topic: 'secrecy', party: '保密办', sentOn: '2026-03-10' }, actor: clerk, now: at('2026-03-10') });
    const open = await db.consultation.findFirstOrThrow({ where: { caseId, party: '甲公司' } });
    await step({ name: 'record_consultation_reply', input: { consultationId: open.id, repliedOn: '2026-03-12', opinion: '同意' }, actor: clerk, now: at('2026-03-12') });
    await step({ name: 'end_consultation', input: { repliedOn: '2026-03-13' }, actor: clerk, now: at('2026-03-13') });
    await step({ name: 'request_extension', input: { days: 20, reason: '需要调取档案' }, actor: clerk, now: at('2026-03-16') });
    await step({ name: 'approve_extension', input: { hasApplicantNotice: true }, actor: reviewer, now: at('2026-03-17') });
    await step({ name: 'issue_fee_notice', input: { method: 'per_page', pages: 40, receivedOn: '2026-03-18' }, actor: clerk, now: at('2026-03-18') });
    await step({ name: 'record_fee_paid', input: { paidOn: '2026-03-19' }, actor: clerk, now: at('2026-03-19') });
    await step({ name: 'set_delayed_answer', input: { delayedAnswerBy: '2026-06-30', reason: '因不可抗力', hasApplicantNotice: true }, actor: reviewer, now: at('2026-03-20') });
    const draft = await saveAnswerDraft({ caseId, expectedVersion: version, actor: clerk, now: at('2026-03-23'), draft: { outcome: 'granted', details: { item: 'disclosable', accessArrangement: '到本机关查阅点查阅' } } });
    version = draft.version;
    await expectSameAsPrisma(caseId);
    await step({ name: 'record_confidentiality_review', input: { note: '可以公开' }, actor: reviewer, now: at('2026-03-23') });
    await step({ name: 'submit_answer', input: {}, actor: clerk, now: at('2026-03-23') });
    const loaded = await loadCaseRecord(db, caseId, null);
    // What the comparison covered: every list of the record is filled.
    expect(loaded!.record.corrections).toHaveLength(1);
    expect(loaded!.record.consultations).toHaveLength(3);
    expect(loaded!.record.extensions).toHaveLength(1);
    expect(loaded!.record.feeNotices).toHaveLength(1);
    expect(loaded!.record.events).toHaveLength(1);
    expect(loaded!.record.documents.map((d) => d.type).sort()).toEqual(['answer', 'delayed_answer_notice', 'extension_notice']);
    expect(loaded!.record.feeNotices[0].amountYuan.toFixed(2)).toMatch(/^\d+\.\d\d$/);
  });

  it('is scoped exactly like caseScopeWhere: applicants, anonymous holders, staff by subtree, admin', async () => {
    const applicant = await createActor('applicant', null, '申请人');
    const otherApplicant = await createActor('applicant', null, '他人');
    const own = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: submissionKey(), applicant, now: at('2026-03-02') });
    const anon = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.sibling.id }, submissionKey: submissionKey(), applicant: null, now: at('2026-03-02') });
    const rootCase = await registerCaseByStaff({ actor: await createActor('clerk', orgs.root), now: at('2026-03-02'), form: { ...LETTER, orgId: orgs.root.id, channel: 'in_person', arrivedOn: '2026-03-02' } as never });
    const actors: [string, Actor][] = [
      ['applicant', applicant],
      ['other applicant', otherApplicant],
      ['anonymous holder of the second case', anonymousApplicantFor(anon.caseId)],
      ['forged anonymous', { id: 'anonymous', role: 'applicant', orgId: null, orgPath: null }],
      ['dept clerk', clerk],
      ['sibling clerk', await createActor('clerk', orgs.sibling)],
      ['root reviewer', await createActor('reviewer', orgs.root)],
      ['clerk without organisation', await createActor('clerk', null)],
      ['admin', await createActor('admin', null)],
    ];
    const cases = [own.caseId, anon.caseId, rootCase.caseId];
    const seen: Record<string, boolean[]> = {};
    for (const [label, actor] of actors) {
      seen[label] = [];
      for (const id of cases) {
        const viaSql = (await loadCaseRecord(db, id, actor)) !== null;
        const viaPrisma = (await db.case.findFirst({ where: { AND: [{ id }, caseScopeWhere(actor)] }, select: { id: true } })) !== null;
        expect(viaSql, `${label} on case ${cases.indexOf(id)}`).toBe(viaPrisma);
        // The in-memory twin (a record carried between chained steps): the same decision from the record itself.
        const unscoped = (await loadCaseRecord(db, id, null))!.record;
        expect(inCaseScope(actor, unscoped), `inCaseScope: ${label} on case ${cases.indexOf(id)}`).toBe(viaPrisma);
        seen[label].push(viaSql);
      }
    }
    expect(seen).toEqual({
      applicant: [true, false, false],
      'other applicant': [false, false, false],
      'anonymous holder of the second case': [false, true, false],
      'forged anonymous': [false, false, false],
      'dept clerk': [true, false, false],
      'sibling clerk': [false, true, false],
      'root reviewer': [true, true, true],
      'clerk without organisation': [false, false, false],
      admin: [true, true, true],
    });
  });
});

describe('the case record statement is prepared (lib/db.ts PREPARED)', () => {
  it('is sent as a named statement that the connection keeps, one name for its text, with the same result on reuse', async () => {
    const reg = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person', arrivedOn: '2026-03-02' } });
    const otherOrg = await createActor('clerk', orgs.sibling, '他处经办人');
    // One transaction: one connection, so its prepared statements are the ones pg_prepared_statements lists.
    const { prepared, results } = await db.$transaction(async (tx) => {
      const results = [];
      for (let i = 0; i < 7; i++) results.push(await loadCaseRecord(tx, reg.caseId, clerk)); // past the five custom plans
      results.push(await loadCaseRecord(tx, reg.caseId, otherOrg)); // outside the scope: the same text, another value
      const prepared = await tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements`;
      return { prepared, results };
    });
    const mine = prepared.filter((p) => p.statement.startsWith('/* prepared */') && p.statement.includes('FROM cases c JOIN organisations o') && p.statement.includes('starts_with(o.path, $'));
    expect(mine).toHaveLength(1);
    expect(mine[0].name).toMatch(/^gk_[0-9a-f]{24}$/);
    for (const r of results.slice(1, 7)) expect(r).toEqual(results[0]);
    expect(results[0]!.record.id).toBe(reg.caseId);
    expect(results[7]).toBeNull();
    // Statements without the marker stay unnamed.
    expect(prepared.every((p) => p.statement.startsWith('/* prepared */'))).toBe(true);
  });
});
