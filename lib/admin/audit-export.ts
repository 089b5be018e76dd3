/**
 * The audit log as CSV (UTF-8 with BOM, formula injection neutralised) or XLSX, with the labels in the
 * admin's language passed in by the route (lib returns no display text of its own).
 */
import 'server-only';
import ExcelJS from 'exceljs';
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

export async function auditXlsx(rows: readonly AuditRow[], label: Label): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  const sheet = workbook.addWorksheet(label('admin.audit.sheet').slice(0, 31));
  sheet.addRow(header(label)).eachCell((cell) => {
    cell.font = { bold: true };
  });
  // exceljs writes strings as text cells (never formulas), so no neutralising is needed here.
  for (const r of rows) sheet.addRow(cells(r, label));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  [10, 20, 28, 24, 16, 38, 28, 80].forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
