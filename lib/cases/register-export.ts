/**
 * 登记台账 export (issue 10 item 3): the case list, filtered exactly as on screen, as an XLSX with the columns
 * an office keeps in its paper register — number, receipt date, applicant and type, content summary, agency,
 * clerk, status, due date, outcome, concluded date, delivery. It runs as a job of the durable queue (lib/jobs,
 * kind 'register_export', like the report exports in lib/admin/report-export-job.ts): the request returns the
 * job id at once, the worker of one of the app servers runs registerExportHandler (a restart loses nothing:
 * another server, or this one when it is back, runs it), the page polls its progress and downloads the file.
 *
 * The job keeps only its parameters (the list's filters and sort, the locale) and its creator; when it runs it
 * re-reads the creator's account and scope, so a deactivated or moved account exports nothing. Rows are read
 * with the list's own keyset pages (listCases), so the export is what the list shows, in the same order.
 */
import 'server-only';
import ExcelJS from 'exceljs';
import { PRINT_FOOTER, PRINT_PAGE_SETUP } from '@/lib/admin/admin-xlsx';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { componentLog, errorFields } from '@/lib/log';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import type { Actor } from '@/lib/cases/actor';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { countCasesUpTo, listCases, type CaseSort, type ListCasesFilters } from '@/lib/cases/queries';
import type { Role } from '@/lib/cases/workflow';
import { messagesFor } from '@/lib/i18n/catalogue';
import { isLocale, type Locale } from '@/lib/i18n/config';
import { enqueueJob, type JobEnd } from '@/lib/jobs/queue';
import { runQueuedJobs, type JobHandler } from '@/lib/jobs/worker';

export const REGISTER_EXPORT_JOB = 'register_export';
/** Larger registers are exported per year or organisation (the request is refused with a message). */
export const MAX_EXPORT_ROWS = 100_000;
const PAGE = 100;
const STALE_AFTER_MS = 30 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface JobParams {
  filters: ListCasesFilters;
  sort: CaseSort;
  locale: Locale;
}

export interface RegisterExportStatus {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number;
  error: { messageKey: string; params: Record<string, string | number> } | null;
  filename: string | null;
}

/** The register's columns, in order (labels `staff.export.col.<id>`). */
export const REGISTER_COLUMNS = [
  'trackingNo',
  'receivedOn',
  'applicant',
  'applicantType',
  'channel',
  'description',
  'org',
  'clerk',
  'status',
  'answerDueOn',
  'outcome',
  'concludedOn',
  'delivery',
] as const;

/** Counts now (a too-large export fails at once, with a message), then queues the job. */
export async function startRegisterExport(actor: Actor, params: JobParams): Promise<{ id: string; total: number }> {
  if (actor.role !== 'clerk' && actor.role !== 'reviewer' && actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
  const total = await countForExport(actor, params.filters);
  if (total > MAX_EXPORT_ROWS) throw new DomainError('VALIDATION', 'staff.export.tooMany', { max: MAX_EXPORT_ROWS });
  const job = await enqueueJob(REGISTER_EXPORT_JOB, { params: JSON.parse(JSON.stringify(params)), total, createdById: actor.id });
  return { id: job.id, total };
}

function countForExport(actor: Actor, filters: ListCasesFilters): Promise<number> {
  // The list's own count stops at COUNT_CAP; the export counts up to its own limit.
  return countCasesUpTo(actor, filters, MAX_EXPORT_ROWS + 1);
}

async function loadCreator(userId: string | null): Promise<Actor | null> {
  if (!userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, orgId: true, isActive: true, org: { select: { path: true } } },
  });
  if (!user || !user.isActive) return null;
  return { id: user.id, role: user.role as Role, orgId: user.orgId, orgPath: user.org?.path ?? null };
}

/** The delivery column: every 送达 of the case, "method date (tracking no.)". */
async function deliveriesOf(caseIds: string[], t: (key: string) => string): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.delivery.findMany({
    where: { caseId: { in: caseIds } },
    orderBy: { deliveredOn: 'asc' },
    select: { caseId: true, method: true, deliveredOn: true, postalTrackingNo: true },
  });
  const out = new Map<string, string>();
  for (const d of rows) {
    const text = `${t(`workflow.deliveryMethod.${d.method}`)} ${dbDateToIso(d.deliveredOn)}${d.postalTrackingNo ? `（${d.postalTrackingNo}）` : ''}`;
    out.set(d.caseId, out.has(d.caseId) ? `${out.get(d.caseId)}；${text}` : text);
  }
  return out;
}

/**
 * The worker's handler (lib/jobs/handlers.ts): builds the file and returns it as the job's end (recorded by
 * the worker, fenced by its claim). A domain failure (account gone, too many rows) ends the job with its
 * message; anything else is retried with back-off. `now` is for tests (due dates, the file name).
 */
export function registerExportHandler(now?: Date): JobHandler {
  return async ({ job }): Promise<JobEnd> => {
    try {
      const actor = await loadCreator(job.createdById);
      if (!actor) throw new DomainError('NOT_FOUND', 'errors.notFound');
      const { bytes, filename, rows } = await buildRegister(job.id, actor, job.params as unknown as JobParams, now ?? new Date());
      return { status: 'succeeded', output: bytes, result: { filename, contentType: XLSX_CONTENT_TYPE, size: bytes.byteLength, rows }, progress: rows };
    } catch (e) {
      if (e instanceof DomainError) return { status: 'failed', error: JSON.stringify({ messageKey: e.messageKey, params: e.params ?? {} }) };
      componentLog('register-export').error({ jobId: job.id, ...errorFields(e) }, '[register-export] failed');
      throw e;
    }
  };
}

/** Runs the queued register exports here and now (tests, the CLI); the worker does it on a server. */
export async function runRegisterExport(jobId: string, options: { now?: Date } = {}): Promise<void> {
  if (!UUID.test(jobId)) return;
  await runQueuedJobs({ [REGISTER_EXPORT_JOB]: registerExportHandler(options.now) }, { kinds: [REGISTER_EXPORT_JOB], log: () => {} });
}

/**
 * The catalogue's text for a key, with `{name}` placeholders filled: enough for the register's labels. Not
 * next-intl's createTranslator: the worker process runs under the react-server condition, where next-intl's
 * main entry cannot load (it needs React's client context).
 */
function plainTranslator(locale: Locale): (key: string, values?: Record<string, string | number>) => string {
  const messages = messagesFor(locale) as unknown as Record<string, unknown>;
  return (key, values) => {
    const found = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
    if (typeof found !== 'string') return key;
    return values ? found.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : found;
  };
}

async function buildRegister(jobId: string, actor: Actor, params: JobParams, now: Date): Promise<{ bytes: Uint8Array; filename: string; rows: number }> {
  const locale: Locale = isLocale(params.locale) ? params.locale : 'zh-CN';
  const t = plainTranslator(locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  const sheet = workbook.addWorksheet(t('staff.export.sheet'));
  sheet.columns = REGISTER_COLUMNS.map((c) => ({ header: t(`staff.export.col.${c}`), key: c, width: c === 'description' ? 50 : c === 'outcome' || c === 'delivery' ? 30 : 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  // Printable like the paper register (issue 12 item 8): a title line above the headings, A4 landscape one
  // page wide, the heading row on every page, page numbers, the view frozen below the headings.
  sheet.insertRow(1, []);
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  sheet.pageSetup = { ...PRINT_PAGE_SETUP, printTitlesRow: '2:2' };
  sheet.headerFooter = { ...PRINT_FOOTER };

  let cursor: string | null = null;
  let done = 0;
  do {
    const page: Awaited<ReturnType<typeof listCases>> = await listCases(actor, params.filters, { sort: params.sort, limit: PAGE, cursor }, now);
    const deliveries = await deliveriesOf(
      page.items.map((c) => c.id),
      t,
    );
    for (const c of page.items) {
      sheet.addRow({
        trackingNo: c.trackingNo,
        receivedOn: c.receivedOn ?? t('staff.list.pendingConfirmation'),
        applicant: c.applicantName,
        applicantType: t(`applicantType.${c.applicantType}`),
        channel: t(`channel.${c.channel}`),
        description: c.descriptionExcerpt,
        org: c.org.name,
        clerk: c.assignedClerk?.name ?? '',
        status: t(`status.${c.status}`),
        // A due date in a year whose holiday notice is not imported yet is marked as on screen (issue 9 item 6).
        answerDueOn: c.answerDueOn ? `${c.answerDueOn}${c.answerDueProvisional ? t('staff.deadline.tentative') : ''}` : '',
        outcome: c.outcome ? t(`outcome.${c.outcome}`) : '',
        concludedOn: c.concludedOn ?? '',
        delivery: deliveries.get(c.id) ?? '',
      });
    }
    done += page.items.length;
    cursor = page.nextCursor;
    await db.job.update({ where: { id: jobId }, data: { progress: done } });
  } while (cursor && done < MAX_EXPORT_ROWS);

  const org = actor.orgId ? await db.organisation.findUnique({ where: { id: actor.orgId }, select: { name: true } }) : null;
  sheet.getCell(1, 1).value = t('staff.export.title', { org: org?.name ?? t('staff.export.allOrgs'), date: chinaToday(now), count: done });
  sheet.getCell(1, 1).font = { bold: true, size: 12 };
  sheet.mergeCells(1, 1, 1, REGISTER_COLUMNS.length);
  sheet.getRow(1).height = 28;
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return { bytes, filename: `${t('staff.export.filename')}-${chinaToday(now)}.xlsx`, rows: done };
}

async function loadOwnJob(actor: Actor, id: string) {
  if (!UUID.test(id)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const job = await db.job.findFirst({
    where: { id, kind: REGISTER_EXPORT_JOB, createdById: actor.id },
    select: { id: true, status: true, progress: true, total: true, error: true, result: true, createdAt: true },
  });
  if (!job) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return job;
}

/** The creator's job only (anyone else: NOT_FOUND). A job stuck longer than STALE_AFTER_MS reads as failed. */
export async function getRegisterExport(actor: Actor, id: string, now: Date = new Date()): Promise<RegisterExportStatus> {
  const job = await loadOwnJob(actor, id);
  const isStale = (job.status === 'running' || job.status === 'queued') && now.getTime() - job.createdAt.getTime() > STALE_AFTER_MS;
  let error: RegisterExportStatus['error'] = null;
  if (job.status === 'failed' && job.error) {
    try {
      error = JSON.parse(job.error) as RegisterExportStatus['error'];
    } catch {
      error = { messageKey: 'errors.generic', params: {} };
    }
  }
  return {
    id: job.id,
    status: isStale ? 'failed' : job.status,
    progress: job.progress,
    total: job.total,
    error: isStale ? { messageKey: 'staff.export.stale', params: {} } : error,
    filename: (job.result as { filename?: string } | null)?.filename ?? null,
  };
}

export async function getRegisterExportFile(actor: Actor, id: string): Promise<{ bytes: Uint8Array; filename: string }> {
  await loadOwnJob(actor, id);
  const job = await db.job.findUniqueOrThrow({ where: { id }, select: { status: true, output: true, result: true } });
  if (job.status !== 'succeeded' || !job.output) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return { bytes: new Uint8Array(job.output), filename: (job.result as { filename: string }).filename };
}
