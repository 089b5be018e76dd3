/**
 * The audit log as CSV (UTF-8 with BOM, formula injection neutralised) or XLSX, with the labels in the
 * admin's language passed in by the route (lib returns no display text of its own).
 */
import 'server-only';
import ExcelJS from 'exceljs';
import { addTable } from '@/lib/admin/admin-xlsx';
import { auditTarget, type AuditRow } from '@/lib/admin/audit';

export type Label = (key: string, params?: Record<string, string | number>) => string;

/** China time 'YYYY-MM-DD HH:mm:ss', as audit exports print instants. */
export const INSTANT = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function cells(row: AuditRow, label: Label): string[] {
  const typeKey = `admin.audit.types.${row.type}`;
  const typeLabel = label(typeKey);
  return [
    row.id,
    INSTANT.format(row.occurredAt),
    row.type,
    typeLabel === typeKey ? row.type : typeLabel,
    row.actorId === null ? label('admin.audit.system') : (row.actorName ?? label('admin.audit.unknownUser')),
    row.actorId ?? '',
    auditTarget(row.data),
    JSON.stringify(row.data),
  ];
}

function header(label: Label): string[] {
  return [
    label('admin.audit.columns.id'),
    label('admin.audit.columns.occurredAt'),
    'type',
    label('admin.audit.columns.type'),
    label('admin.audit.columns.actor'),
    'actorId',
    label('admin.audit.columns.target'),
    label('admin.audit.columns.details'),
  ];
}

/** One CSV cell: quoted, quotes doubled, and a leading =, +, -, @, tab or CR neutralised. */
export function csvCell(value: string): string {
  const s = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${s.replace(/"/g, '""')}"`;
}

export function auditCsv(rows: readonly AuditRow[], label: Label): Uint8Array {
  const lines = [header(label), ...rows.map((r) => cells(r, label))].map((line) => `${line.map(csvCell).join(',')}\r\n`);
  return new TextEncoder().encode(`\ufeff${lines.join('')}`);
}

/** What the export covers, for its title line: whose log (an organisation, or all) and which days. */
export interface AuditExportScope {
  /** The exporting admin's organisation name; null = all organisations (a system administrator). */
  readonly orgName: string | null;
  readonly from?: string;
  readonly to?: string;
  readonly exportedAt: Date;
}

/**
 * The audit log as XLSX that prints like every other table (issue 12 item 8, admin-xlsx.ts addTable): a title
 * line with the scope, the period and the export time, A4 landscape one page wide, the heading row repeated
 * on every page, page numbers, and the view frozen below the headings.
 */
export async function auditXlsx(rows: readonly AuditRow[], label: Label, scope?: AuditExportScope): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  const period =
    scope?.from || scope?.to ? label('admin.audit.period', { from: scope.from ?? '…', to: scope.to ?? '…' }) : label('admin.audit.periodAll');
  const title = label('admin.audit.exportTitle', {
    scope: scope?.orgName ?? label('admin.audit.scopeAll'),
    period,
    at: INSTANT.format(scope?.exportedAt ?? new Date()),
    count: rows.length,
  });
  // exceljs writes strings as text cells (never formulas), so no neutralising is needed here.
  addTable(workbook, label('admin.audit.sheet'), header(label), rows.map((r) => cells(r, label)), [10, 20, 28, 24, 16, 38, 28, 80], title);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
