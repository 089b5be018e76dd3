import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { CASE_FILE_COLUMNS } from '@/lib/import/case-file-format';
import { importCases, type ImportActor, type ImportProgress } from '@/lib/import/import-cases';
import { createOrganisation, type CreatedOrganisation } from '@/lib/import/organisations';
import { getImportJob, IMPORT_JOB_KIND, startImportJob } from '@/lib/import/run-import-job';
import { JOB_HANDLERS } from '@/lib/jobs/handlers';
import { runQueuedJobs } from '@/lib/jobs/worker';
import { lockPeriod, unlockPeriod } from '@/lib/reports/period-lock';

const PREFIX = `IMP${Date.now().toString(36)}`.toUpperCase();
const TODAY = '2024-06-30';
const utf8 = (text: string) => new TextEncoder().encode(text);
const csv = (rows: string[]) => utf8(`${CASE_FILE_COLUMNS.join(',')}\n${rows.join('\n')}\n`);

let root: CreatedOrganisation;
let admin: ImportActor;

async function countCases(trackingPrefix: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM cases WHERE starts_with(tracking_no, ${trackingPrefix})`;
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  root = await createOrganisation(db, { code: `${PREFIX}-ROOT`, name: '导入测试市政府', kind: 'government_office' });
  await createOrganisation(db, { code: `${PREFIX}-A`, name: '甲局', parentId: root.id });
  const id = randomUUID();
  await db.$executeRaw`INSERT INTO users (id, role, name, password_hash) VALUES (${id}::uuid, 'admin', '管理员', 'x')`;
  admin = { id, role: 'admin', orgPath: null };
});

describe('importCases', () => {
  const t = `${PREFIX}-T`;
  const file = csv([
    `${t}1,${PREFIX}-A,natural_person,张三,online,2020-03-02,申请公开规划,granted,2020-03-20`,
    `${t}2,${PREFIX}-A,legal_service_org,某律所,post,2020-12-30,申请公开合同,,`,
    `${t}3,${PREFIX}-NEW,commercial_enterprise,某公司,in_person,2019-12-31,申请公开许可,other_processing,2020-01-02`,
  ]);

  it('inserts all rows in one go, creating a missing organisation under the given parent', async () => {
    const phases: ImportProgress[] = [];
    const result = await importCases({
      data: file,
      fileName: 'cases.csv',
      actor: admin,
      createOrgs: true,
      parentOrgCode: root.code,
      today: TODAY,
      onProgress: (p) => void phases.push(p),
    });
    expect(result).toMatchObject({ ok: true, total: 3, inserted: 3, skipped: 0, createdOrgs: [`${PREFIX}-NEW`] });
    expect(phases.at(-1)).toEqual({ phase: 'done', processed: 3, total: 3 });
    expect(phases.some((p) => p.phase === 'insert' && p.processed === 3)).toBe(true);

    const rows = await db.$queryRaw<
      { tracking_no: string; status: string; source: string; outcome: string | null; path: string; events: bigint }[]
    >`
      SELECT c.tracking_no, c.status::text, c.source::text, c.outcome::text, o.path,
             (SELECT count(*) FROM case_events e WHERE e.case_id = c.id AND e.type = 'imported' AND e.actor_role = 'admin') AS events
      FROM cases c JOIN organisations o ON o.id = c.org_id WHERE starts_with(c.tracking_no, ${t}) ORDER BY c.tracking_no`;
    expect(rows.map((r) => [r.tracking_no, r.status, r.source, r.outcome, Number(r.events)])).toEqual([
      [`${t}1`, 'archived', 'import', 'granted', 1],
      [`${t}2`, 'in_progress', 'import', null, 1],
      [`${t}3`, 'archived', 'import', 'other_processing', 1],
    ]);
    expect(rows[2]?.path.startsWith(root.path)).toBe(true);
    const [audit] = await db.$queryRaw<{ data: { inserted: number; file: string } }[]>`
      SELECT data FROM audit_events WHERE type = 'cases.imported' AND data->>'importId' = ${result.importId}`;
    expect(audit?.data).toMatchObject({ inserted: 3, file: 'cases.csv' });
  });

  it('re-importing the same file changes nothing', async () => {
    const [before] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM case_events`;
    const result = await importCases({
      data: file,
      fileName: 'cases.csv',
      actor: admin,
      createOrgs: true,
      today: TODAY,
    });
    expect(result).toMatchObject({ ok: true, inserted: 0, skipped: 3, skippedRows: [2, 3, 4], createdOrgs: [] });
    const [after] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM case_events`;
    expect(after?.n).toBe(before?.n);
  });

  it('refuses an existing tracking number with other data, and unknown organisations, all rows at once', async () => {
    const result = await importCases({
      data: csv([
        `${t}1,${PREFIX}-A,natural_person,张三,online,2020-03-02,申请公开规划,partially_granted,2020-03-20`,
        `${t}9,${PREFIX}-NOPE,natural_person,李四,online,2020-03-02,申请,,`,
        `${t}10,${PREFIX}-A,natural_person,王五,online,2020-13-02,申请,,`,
        `${t}11,${PREFIX}-A,natural_person,赵六,online,2020-03-02,申请,,`,
      ]),
      fileName: 'bad.csv',
      actor: admin,
      today: TODAY,
    });
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { row: 2, column: 'tracking_no', code: 'import.error.tracking_no_conflict', params: { columns: 'outcome' } },
        { row: 3, column: 'org_code', code: 'import.error.unknown_org', params: { value: `${PREFIX}-NOPE` } },
        { row: 4, column: 'received_on', code: 'import.error.invalid_date', params: { value: '2020-13-02' } },
      ],
    });
    expect(await countCases(`${t}11`)).toBe(0);
  });

  it('respects period locks of the organisation and its ancestors', async () => {
    await lockPeriod(admin, root.id, 2021);
    const rows = [
      `${PREFIX}-L1,${PREFIX}-A,natural_person,张三,online,2021-05-02,申请,granted,2021-05-20`,
      `${PREFIX}-L2,${PREFIX}-A,natural_person,张三,online,2020-05-02,申请,granted,2020-05-20`,
      `${PREFIX}-L3,${PREFIX}-A,natural_person,张三,online,2020-12-02,申请,,`,
    ];
    const locked = await importCases({ data: csv(rows), fileName: 'l.csv', actor: admin, today: TODAY });
    expect(locked).toMatchObject({
      ok: false,
      errors: [
        { row: 2, column: null, code: 'import.error.period_locked', params: { year: 2021, org: root.code } },
        { row: 4, column: null, code: 'import.error.period_locked', params: { year: 2021, org: root.code } },
      ],
    });
    expect(await countCases(`${PREFIX}-L`)).toBe(0);
    await unlockPeriod(admin, root.id, 2021, 'import test');
    expect(await importCases({ data: csv(rows), fileName: 'l.csv', actor: admin, today: TODAY })).toMatchObject({
      ok: true,
      inserted: 3,
    });
  });

  it('is for admins only', async () => {
    await expect(
      importCases({ data: file, fileName: 'x.csv', actor: { ...admin, role: 'clerk' }, today: TODAY }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('import jobs', () => {
  async function waitForJob(jobId: string) {
    expect((await getImportJob(admin, jobId)).status).toBe('queued');
    await runQueuedJobs(JOB_HANDLERS, { kinds: [IMPORT_JOB_KIND] }); // what a server's worker does
    for (let i = 0; i < 200; i++) {
      const job = await getImportJob(admin, jobId);
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('job did not finish');
  }

  it('runs in the background and records progress and the result', async () => {
    const rows = Array.from(
      { length: 1200 },
      (_, i) =>
        `${PREFIX}-J${i},${PREFIX}-A,natural_person,张三,online,2022-01-0${1 + (i % 9)},申请,granted,2022-02-01`,
    );
    const { jobId } = await startImportJob({ data: csv(rows), fileName: 'big.csv', actor: admin });
    const job = await waitForJob(jobId);
    expect(job).toMatchObject({
      status: 'succeeded',
      phase: 'done',
      progress: 1200,
      total: 1200,
      fileName: 'big.csv',
      summary: { inserted: 1200, skipped: 0 },
      error: null,
    });
    expect(await countCases(`${PREFIX}-J`)).toBe(1200);
  });

  it('fails with the row errors when the file has errors', async () => {
    const { jobId } = await startImportJob({
      data: csv([`${PREFIX}-F1,,natural_person,x,online,2022-01-01,d,,`]),
      fileName: 'f.csv',
      actor: admin,
    });
    const job = await waitForJob(jobId);
    expect(job).toMatchObject({ status: 'failed', error: 'import.error.file_has_errors', errorCount: 1 });
    expect(job.errors[0]).toMatchObject({ row: 2, column: 'org_code', code: 'import.error.required' });
  });
});
