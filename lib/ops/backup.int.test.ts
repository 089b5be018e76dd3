/**
 * Backup round trip (issue 8 item 10): everything the other tests left in the test database plus a case with
 * an attachment and a self-referencing organisation tree is backed up, restored into a fresh migrated database
 * of the same cluster, and every table's row count and checksum compared; a restore into a non-empty
 * database is refused and changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { db } from '@/lib/db';
import { applyMigrations } from '@/lib/db/migrate';
import { createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, submissionKey } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { uploadAttachment } from '@/lib/attachments/upload-attachment';
import { recordAudit } from '@/lib/admin/audit';
import { backupDatabase, databaseSummary, readManifest, restoreDatabase, RestoreError } from '@/lib/ops/backup';

const sourceUrl = inject('databaseUrl');
const targetName = `restore_${process.pid}_${Date.now()}`;
const targetUrl = (() => {
  const u = new URL(sourceUrl);
  u.pathname = `/${targetName}`;
  return u.toString();
})();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-backup-'));
const file = path.join(dir, 'backup.jsonl.gz');

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: sourceUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  const orgs = await createOrgTree();
  const clerk = await createActor('clerk', orgs.dept, '经办人');
  const registered = await registerCaseByStaff({ actor: clerk, form: { ...LETTER, orgId: orgs.dept.id, channel: 'in_person' }, now: new Date(), submissionKey: submissionKey() });
  const bytes = new Uint8Array(256).map((_, i) => i); // every byte value, NUL included
  await uploadAttachment({
    caseId: registered.caseId,
    expectedVersion: (await db.case.findUniqueOrThrow({ where: { id: registered.caseId }, select: { version: true } })).version,
    actor: clerk,
    now: new Date(),
    purpose: 'other',
    file: { filename: 'scan.pdf', contentType: 'application/pdf', data: new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...bytes]) },
  });
  await recordAudit({ actorId: clerk.id, type: 'test.backup', data: { text: '引号"与\\反斜杠\n换行', n: 1.5 } });
  await admin(`CREATE DATABASE ${targetName}`);
  await applyMigrations(targetUrl, () => {});
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await admin(`DROP DATABASE IF EXISTS ${targetName} WITH (FORCE)`);
});

describe('backup and restore', () => {
  it('round-trips every table into a fresh database with equal counts and checksums', async () => {
    const manifest = await backupDatabase(sourceUrl, file);
    expect(manifest.tables.attachments.rows).toBeGreaterThan(0);
    expect(manifest.tables.cases.rows).toBeGreaterThan(0);
    expect(manifest.tables.organisations.rows).toBeGreaterThan(2);
    expect(manifest.tables).not.toHaveProperty('_prisma_migrations');
    expect(manifest.migrations.length).toBeGreaterThan(0);
    expect(await readManifest(file)).toEqual(manifest);

    const restored = await restoreDatabase(targetUrl, file);
    expect(restored.tables).toEqual(manifest.tables);
    // Recomputed independently of the restore's own check.
    const source = await databaseSummary(sourceUrl);
    const target = await databaseSummary(targetUrl);
    for (const [name, summary] of Object.entries(manifest.tables)) expect(target[name], name).toEqual(summary);
    expect(Object.keys(target).sort()).toEqual(Object.keys(source).sort());

    // New rows in the restored database get fresh ids (sequences set past the restored ones).
    const client = new pg.Client({ connectionString: targetUrl });
    await client.connect();
    try {
      const max = await client.query<{ max: string }>('SELECT max(id)::text AS max FROM audit_events');
      const inserted = await client.query<{ id: string }>(`INSERT INTO audit_events (type, data) VALUES ('test.after_restore', '{}') RETURNING id::text`);
      expect(BigInt(inserted.rows[0].id)).toBeGreaterThan(BigInt(max.rows[0].max));
    } finally {
      await client.end();
    }
  });

  it('refuses a database that is not empty, and changes nothing', async () => {
    const before = await databaseSummary(targetUrl);
    await expect(restoreDatabase(targetUrl, file)).rejects.toBeInstanceOf(RestoreError);
    expect(await databaseSummary(targetUrl)).toEqual(before);
  });
});
