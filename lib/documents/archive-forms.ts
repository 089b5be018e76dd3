/**
 * The forms of the archive package (archive-package.ts) and its pure helpers: cover, 卷内目录, history
 * (办理记录), 卷内备考表, the 档号, page labels, the whitelisted facts of an event, and what a stored file is.
 * Pure (no database), unit-tested in archive-forms.test.ts. Document text: Simplified Chinese only.
 */
import type { IsoDate } from '@/lib/calendar/iso-date';
import type { FormCell, FormInput } from '@/lib/documents/form-layout';
import { OUTCOME_DOCUMENT_TEXT } from '@/lib/documents/outcome-text';
import { DELIVERY_METHOD_FORM_LABEL } from '@/lib/documents/record-forms';
import { pngSize } from '@/lib/documents/render-pdf';
import { formatChineseDate } from '@/lib/documents/templates';

/** Type size of the 目录 and the history (5号). */
export const TOC_SIZE = 10.5;

export interface ArchiveEntry {
  seq: number;
  docNumber: string;
  author: string;
  title: string;
  date: string;
  /** 页号 range, absolute (the cover is page 1); null for a file listed but not merged. */
  firstPage: number | null;
  lastPage: number | null;
  note: string;
}


/** 档号: organisation code, category 政府信息公开 (ZFXXGK), year of archiving, tracking number (docs/decisions.md). */
export function archiveFileNumber(orgCode: string, archivedOn: IsoDate, trackingNo: string): string {
  return `${orgCode}-ZFXXGK-${archivedOn.slice(0, 4)}-${trackingNo}`;
}

export function pageLabel(entry: Pick<ArchiveEntry, 'firstPage' | 'lastPage'>): string {
  if (entry.firstPage === null || entry.lastPage === null) return '—';
  return entry.firstPage === entry.lastPage ? String(entry.firstPage) : `${entry.firstPage}-${entry.lastPage}`;
}

const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** An instant as Beijing time, "2026-03-02 10:00" (the history's 时间). */
export function chinaDateTime(instant: Date): string {
  return CHINA_TIME.format(instant);
}

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'other';

/** What a stored file is, by its bytes (never by its declared type or name). */
export function sniffFile(data: Uint8Array): FileKind {
  const head = Buffer.from(data.subarray(0, 1024));
  if (head.includes(Buffer.from('%PDF-'))) return 'pdf';
  if (pngSize(Buffer.from(data.subarray(0, 32)))) return 'png';
  if (head.length > 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  return 'other';
}

// ── the forms of the package ─────────────────────────────────────────────────────────────────────────────

export interface CoverData {
  fileNumber: string;
  orgName: string;
  title: string;
  trackingNo: string;
  period: string;
  retention: string;
  pageCount: string;
  archivedOn: string;
}

export function coverForm(d: CoverData): FormInput {
  const row = (label: string, value: string): FormCell[] => [
    { text: label, align: 'center', valign: 'middle', minLines: 2 },
    { text: value, valign: 'middle' },
  ];
  return {
    title: '',
    pageNumbers: false,
    blocks: [
      { kind: 'space', height: 40 },
      { kind: 'text', text: d.orgName, align: 'center', face: 'title', size: 22, leading: 40 },
      { kind: 'space', height: 30 },
      { kind: 'text', text: '政府信息公开申请办理案卷', align: 'center', face: 'title', size: 26, leading: 44 },
      { kind: 'space', height: 50 },
      {
        kind: 'table',
        columns: [3, 7],
        rows: [
          row('档号', d.fileNumber),
          row('案卷题名', d.title),
          row('申请编号', d.trackingNo),
          row('起止日期', d.period),
          row('保管期限', d.retention),
          row('本卷页数', d.pageCount),
          row('归档日期', d.archivedOn),
        ],
      },
    ],
  };
}

export function tocForm(entries: readonly ArchiveEntry[], labels: readonly string[]): FormInput {
  const c = (text: string, align: FormCell['align'] = 'left'): FormCell => ({ text, align, valign: 'middle' });
  return {
    title: '卷内目录',
    pageNumbers: false,
    blocks: [
      {
        kind: 'table',
        size: TOC_SIZE,
        columns: [1.5, 3, 2.4, 4.6, 4, 1.8, 3.4],
        header: ['序号', '文号', '责任者', '题名', '日期', '页号', '备注'].map((h) => c(h, 'center')),
        rows: entries.map((e, i) => [c(String(e.seq), 'center'), c(e.docNumber), c(e.author), c(e.title), c(e.date), c(labels[i], 'center'), c(e.note)]),
      },
    ],
  };
}

export interface HistoryRow {
  at: string;
  step: string;
  actor: string;
  status: string;
  detail: string;
}

export function historyForm(rows: readonly HistoryRow[]): FormInput {
  const c = (text: string, align: FormCell['align'] = 'left'): FormCell => ({ text, align, valign: 'top' });
  return {
    title: '办理记录',
    pageNumbers: false,
    blocks: [
      {
        kind: 'table',
        size: TOC_SIZE,
        columns: [2.4, 2.6, 2.4, 2.4, 6],
        header: ['时间', '办理环节', '办理人', '办理状态', '说明'].map((h) => ({ text: h, align: 'center' as const, valign: 'middle' as const })),
        rows: rows.map((r) => [c(r.at), c(r.step), c(r.actor), c(r.status), c(r.detail)]),
      },
    ],
  };
}

export interface BackSheetData {
  summary: string;
  unmerged: string[];
  filedBy: string;
  filedOn: string;
}

export function backSheetForm(d: BackSheetData): FormInput {
  const text = [d.summary, ...(d.unmerged.length > 0 ? ['', '未并入本卷的文件（原件保存在系统中，可凭SHA-256核对）：', ...d.unmerged] : [])].join('\n');
  return {
    title: '卷内备考表',
    pageNumbers: false,
    blocks: [
      {
        kind: 'table',
        columns: [2.4, 7.6],
        rows: [
          [{ text: '本卷情况说明', align: 'center', valign: 'middle', minLines: 8 }, { text, valign: 'top' }],
          [{ text: '立卷人', align: 'center', valign: 'middle', minLines: 2 }, { text: d.filedBy, valign: 'middle' }],
          [{ text: '检查人', align: 'center', valign: 'middle', minLines: 2 }, { text: '', valign: 'middle' }],
          [{ text: '立卷时间', align: 'center', valign: 'middle', minLines: 2 }, { text: d.filedOn, valign: 'middle' }],
        ],
      },
    ],
  };
}

// ── history ──────────────────────────────────────────────────────────────────────────────────────────────

const DETAIL_LABELS: Record<string, string> = {
  docNumber: '文号',
  outcome: '办理结果',
  reason: '理由',
  items: '补正事项',
  periodDays: '补正期限（工作日）',
  party: '对象',
  opinion: '意见',
  note: '意见',
  days: '天数',
  method: '送达方式',
  deliveredOn: '送达日期',
  postalTrackingNo: '邮件号码',
  receiptNote: '签收情况',
  receivedOn: '收到日期',
  requestedOn: '告知日期',
  sentOn: '发出日期',
  repliedOn: '回复日期',
  issuedOn: '日期',
  decidedOn: '决定日期',
  approvedOn: '批准日期',
  delayedAnswerBy: '延迟答复至',
  amountYuan: '金额（元）',
  retentionNote: '保管期限',
  filename: '文件',
};

function detailValue(key: string, value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  const v = value.trim().slice(0, 500);
  if (key === 'outcome' && v in OUTCOME_DOCUMENT_TEXT) return OUTCOME_DOCUMENT_TEXT[v as keyof typeof OUTCOME_DOCUMENT_TEXT].label;
  if (key === 'method' && v in DELIVERY_METHOD_FORM_LABEL) return DELIVERY_METHOD_FORM_LABEL[v as keyof typeof DELIVERY_METHOD_FORM_LABEL];
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatChineseDate(v);
  return v;
}

/** Whitelisted facts of an event (its input and its document), never internal identifiers. */
export function eventDetail(data: unknown): string {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const input = (d.input && typeof d.input === 'object' ? d.input : {}) as Record<string, unknown>;
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const source of [input, d]) {
    for (const [key, label] of Object.entries(DETAIL_LABELS)) {
      if (seen.has(key) || !(key in source)) continue;
      const value = detailValue(key, source[key]);
      if (value === null) continue;
      seen.add(key);
      parts.push(`${label}：${value}`);
    }
  }
  return parts.join('；');
}
