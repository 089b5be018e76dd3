import type { CaseStatus } from '@/lib/cases/workflow';

/** The colours of a case status badge (with the `badge` utility), by how urgent the status is; server and client. */
export const STATUS_TONE: Record<CaseStatus, string> = {
  pending_confirmation: 'bg-amber-100 text-amber-900 border-amber-300',
  in_progress: 'bg-brand-50 text-brand-800 border-brand-100',
  awaiting_correction: 'bg-amber-50 text-amber-900 border-amber-200',
  consulting: 'bg-violet-50 text-violet-900 border-violet-200',
  awaiting_fee: 'bg-amber-50 text-amber-900 border-amber-200',
  pending_approval: 'bg-sky-50 text-sky-900 border-sky-200',
  answered: 'bg-green-50 text-green-900 border-green-200',
  delivered: 'bg-green-100 text-green-900 border-green-300',
  closed: 'bg-slate-100 text-slate-800 border-slate-300',
  archived: 'bg-slate-200 text-slate-800 border-slate-300',
};
