/**
 * Issue 12 item 5: each import is a batch that can be undone while none of its cases has changed since —
 * recorded (who, when, file, encoding, counts, created organisations), listed, undone in one transaction with
 * an audit event that keeps the tracking numbers; refused when a case changed, when a period lock covers it,
 * when already undone, and outside the administrator's scope; a double click undoes once. The append-only
 * history still refuses every other delete.
 */
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/cases/actor';
import { correctCase } from '@/lib/cases/correct-case';
import { createActor } from '@/lib/cases/int-fixtures';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { CASE_FILE_COLUMNS } from '@/lib/import/case-file-format';
import { runCli } from '@/lib/import/cli-fixture';
import { importCases } from '@/lib/import/import-cases';
import { createOrganisation, type CreatedOrganisation } from '@/lib/import/organisations';
import { listImportBatches, undoImportBatch } from '@/lib/import/undo-import';
import { lockPeriod, unlockPeriod } from '@/lib/reports/period-lock';

const PREFIX = `UND${Date.now().toString(36)}`.toUpperCase();
const TODAY = '2024-06-30';
const header = CASE_FILE_COLUMNS.join(',');

let root: CreatedOrganisation;
let other: CreatedOrganisation;
let admin: Actor;
let scopedAdmin: Actor;
let otherAdmin: Actor;
let reviewer: Actor;

async function importRows(tag: string, rows: readonly string[], options: { gbk?: boolean; createOrgs?: boolean; actor?: Actor } = {}) {
  const text = `${header}\n${rows.join('\n')}\n`;
  const data = options.gbk ? new Uint8Array(iconv.encode(text, 'gbk')) : new TextEncoder().encode(text);
  const result = await importCases({
    data,
    fileName: `${tag}.csv`,
    actor: options.actor ?? admin,
    createOrgs: options.createOrgs,
    parentOrgCode: options.createOrgs ? root.code : undefined,
    today: TODAY,
  });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
  return result;
}

async function casesWith(prefix: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM cases WHERE starts_with(tracking_no, ${prefix})`;
  return Number(row?.n ?? 0);
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
  return e;
}

beforeAll(async () => {
  root = await createOrganisation(db, { code: `${PREFIX}-R`, name: '撤销测试市', kind: 'government_office' });
  other = await createOrganisation(db, { code: `${PREFIX}-X`, name: '另一市', kind: 'government_office' });
  admin = await createActor('admin', null);
  scopedAdmin = await createActor('admin', { id: root.id, path: root.path });
  otherAdmin = await createActor('admin', { id: other.id, path: other.path });
  reviewer = await createActor('reviewer', { id: root.id, path: root.path });
});

describe('import batches', () => {
  it('records each import and undoes it: cases, their imported events gone; batch and audit keep the trail', async () => {
    const t = `${PREFIX}-A`;
    const result = await importRows(
      'first',
      [
        `${t}1,${PREFIX}-R,自然人,张三,网上申请,2020/3/2,申请,予以公开,2020年3月20日`,
        `${t}2,${PREFIX}-NEW,商业企业,某公司,信函,2020-12-30,申请,,`,
      ],
      { gbk: true, createOrgs: true, actor: scopedAdmin },
    );
    expect(result).toMatchObject({ inserted: 2, encoding: 'gb18030', createdOrgs: [`${PREFIX}-NEW`] });

    const [batch] = (await listImportBatches(scopedAdmin)).filter((b) => b.id === result.importId);
    expect(batch).toMatchObject({
      kind: 'cases',
      fileName: 'first.csv',
      encoding: 'gb18030',
      total: 2,
      inserted: 2,
      skipped: 0,
      createdOrgs: [`${PREFIX}-NEW`],
      undoneAt: null,
      remaining: 2,
    });
    expect(batch?.actorName).toMatch(/^admin-/);
    // Another subtree's administrator neither sees nor undoes it; a non-admin is refused.
    expect((await listImportBatches(otherAdmin)).some((b) => b.id === result.importId)).toBe(false);
    expect((await refusal(undoImportBatch(otherAdmin, result.importId))).code).toBe('NOT_FOUND');
    expect((await refusal(undoImportBatch({ ...reviewer }, result.importId))).code).toBe('FORBIDDEN');
    expect(await casesWith(t)).toBe(2);

    expect(await undoImportBatch(scopedAdmin, result.importId)).toEqual({ batchId: result.importId, removedCases: 2, removedAppeals: 0 });
    expect(await casesWith(t)).toBe(0);
    const [events] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM case_events WHERE type = 'imported' AND data->>'importId' = ${result.importId}`;
    expect(Number(events?.n)).toBe(0);
    const [audit] = await db.$queryRaw<{ actor_id: string; data: { removedCases: number; trackingNos: string[]; file: string } }[]>`
      SELECT actor_id::text, data FROM audit_events WHERE type = 'cases.import_undone' AND data->>'importId' = ${result.importId}`;
    expect(audit).toMatchObject({ actor_id: scopedAdmin.id, data: { removedCases: 2, file: 'first.csv', trackingNos: [`${t}1`, `${t}2`] } });
    // The import's own audit event stays too.
    const [imported] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM audit_events WHERE type = 'cases.imported' AND data->>'importId' = ${result.importId}`;
    expect(Number(imported?.n)).toBe(1);

    const [after] = (await listImportBatches(admin)).filter((b) => b.id === result.importId);
    expect(after?.undoneAt).toBeInstanceOf(Date);
    expect(after?.remaining).toBe(0);
    expect((await refusal(undoImportBatch(scopedAdmin, result.importId))).messageKey).toBe('import.undo.already_undone');

    // The same file imports again afterwards (the tracking numbers are free).
    const again = await importRows('first', [`${t}1,${PREFIX}-R,自然人,张三,网上申请,2020/3/2,申请,予以公开,2020年3月20日`]);
    expect(again.inserted).toBe(1);
  });

  it('a double click undoes once', async () => {
    const t = `${PREFIX}-D`;
    const result = await importRows('double', [`${t}1,${PREFIX}-R,自然人,张三,网上,2021-03-02,申请,予以公开,2021-03-20`]);
    const outcomes = await Promise.allSettled([undoImportBatch(admin, result.importId), undoImportBatch(admin, result.importId)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect(rejected && rejected.status === 'rejected' && (rejected.reason as DomainError).messageKey).toBe('import.undo.already_undone');
    const [audits] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM audit_events WHERE type = 'cases.import_undone' AND data->>'importId' = ${result.importId}`;
    expect(Number(audits?.n)).toBe(1);
  });

  it('is refused, changing nothing, once a case of the batch has been corrected', async () => {
    const t = `${PREFIX}-C`;
    const result = await importRows('changed', [
      `${t}1,${PREFIX}-R,自然人,张三,网上,2021-03-02,申请,予以公开,2021-03-20`,
      `${t}2,${PREFIX}-R,自然人,李四,网上,2021-03-02,申请,予以公开,2021-03-20`,
    ]);
    const [kase] = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM cases WHERE tracking_no = ${`${t}2`}`;
    await correctCase({ actor: reviewer, caseId: kase!.id, expectedVersion: 0, input: { outcome: 'partially_granted', reason: '登记错误' }, now: new Date() });

    const e = await refusal(undoImportBatch(admin, result.importId));
    expect(e).toMatchObject({ code: 'CONFLICT', messageKey: 'import.undo.case_changed', params: { trackingNo: `${t}2` } });
    expect(await casesWith(t)).toBe(2);
    const [batch] = (await listImportBatches(admin)).filter((b) => b.id === result.importId);
    expect(batch).toMatchObject({ undoneAt: null, remaining: 2 });
  });

  it('is refused while a period lock covers a year of the batch, and works after the unlock', async () => {
    const t = `${PREFIX}-L`;
    const result = await importRows('locked', [`${t}1,${PREFIX}-R,自然人,张三,网上,2019-12-02,申请,予以公开,2020-01-10`]);
    await lockPeriod(admin, root.id, 2019);
    const e = await refusal(undoImportBatch(admin, result.importId));
    expect(e).toMatchObject({ code: 'LOCKED', messageKey: 'import.undo.period_locked', params: { year: 2019, org: root.code } });
    expect(await casesWith(t)).toBe(1);
    await unlockPeriod(admin, root.id, 2019, 'undo test');
    expect((await undoImportBatch(admin, result.importId)).removedCases).toBe(1);
  });

  it('an import that only skipped rows has nothing to undo; malformed ids are not found', async () => {
    const t = `${PREFIX}-S`;
    const row = `${t}1,${PREFIX}-R,自然人,张三,网上,2021-03-02,申请,予以公开,2021-03-20`;
    await importRows('skip', [row]);
    const second = await importRows('skip', [row]);
    expect(second).toMatchObject({ inserted: 0, skipped: 1 });
    expect((await refusal(undoImportBatch(admin, second.importId))).messageKey).toBe('import.undo.nothing');
    expect((await refusal(undoImportBatch(admin, "x' OR 1=1 --"))).code).toBe('NOT_FOUND');
    expect((await refusal(undoImportBatch(admin, '00000000-0000-0000-0000-000000000000'))).code).toBe('NOT_FOUND');
  });

  it('the command line lists batches and undoes one as the system, with the reason in English when refused', { timeout: 120_000 }, async () => {
    const t = `${PREFIX}-K`;
    const result = await importRows('cli\tfile', [
      `${t}1,${PREFIX}-R,自然人,张三,网上,2021-03-02,申请,予以公开,2021-03-20`,
      `${t}2,${PREFIX}-R,自然人,李四,网上,2021-03-02,申请,予以公开,2021-03-20`,
    ]);
    const list = runCli(['import-batches', 'list']);
    expect(list.status, list.stderr).toBe(0);
    const line = list.stdout.split('\n').find((l) => l.startsWith(result.importId));
    // id, kind, created, file (tab made a space), total, inserted, skipped, remaining, undone
    expect(line?.split('\t')).toEqual([result.importId, 'cases', expect.stringMatching(/^\d{4}-\d\d-\d\dT/), 'cli file.csv', '2', '2', '0', '2', '-']);

    // A corrected case blocks the undo: exit 1, the catalogue's English reason, nothing removed.
    const [kase] = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM cases WHERE tracking_no = ${`${t}1`}`;
    await correctCase({ actor: reviewer, caseId: kase!.id, expectedVersion: 0, input: { outcome: 'partially_granted', reason: '登记错误' }, now: new Date() });
    const refused = runCli(['import-batches', 'undo', result.importId]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`Case ${t}1 of this import has been worked on`);
    expect(await casesWith(t)).toBe(2);

    const other = await importRows('cli-second', [`${t}3,${PREFIX}-R,自然人,王五,网上,2021-03-02,申请,予以公开,2021-03-20`]);
    const undone = runCli(['import-batches', 'undo', other.importId]);
    expect(undone.status, undone.stderr).toBe(0);
    expect(undone.stderr).toContain(`undid ${other.importId}: removed 1 case(s), 0 appeal(s)`);
    expect(await casesWith(`${t}3`)).toBe(0);
    const [audit] = await db.$queryRaw<{ actor_id: string | null; data: { trackingNos: string[] } }[]>`
      SELECT actor_id::text, data FROM audit_events WHERE type = 'cases.import_undone' AND data->>'importId' = ${other.importId}`;
    expect(audit).toMatchObject({ actor_id: null, data: { trackingNos: [`${t}3`] } });

    const again = runCli(['import-batches', 'undo', other.importId]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('This import has already been undone.');
    const unknown = runCli(['import-batches', 'undo', "x' OR 1=1 --"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("no import batch x' OR 1=1 --");
    expect(runCli(['import-batches', 'undo']).status).toBe(2);
  });

  it('the history stays append-only outside an undo, also for imported events', async () => {
    const t = `${PREFIX}-H`;
    const result = await importRows('history', [`${t}1,${PREFIX}-R,自然人,张三,网上,2021-03-02,申请,予以公开,2021-03-20`]);
    await expect(
      db.$executeRaw`DELETE FROM case_events WHERE type = 'imported' AND data->>'importId' = ${result.importId}`,
    ).rejects.toThrow(/append-only/);
    // Naming another batch in the setting does not open this one.
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('gongkai.undo_import_batch', ${'00000000-0000-0000-0000-000000000000'}, true)`;
        await tx.$executeRaw`DELETE FROM case_events WHERE type = 'imported' AND data->>'importId' = ${result.importId}`;
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.$executeRaw`UPDATE case_events SET type = 'x' WHERE type = 'imported' AND data->>'importId' = ${result.importId}`,
    ).rejects.toThrow(/append-only/);
  });
});
