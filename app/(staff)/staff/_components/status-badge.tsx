import { getTranslations } from 'next-intl/server';
import type { CaseStatus } from '@/lib/cases/workflow';

const TONE: Record<CaseStatus, string> = {
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

/** The case status as the law names it (common `status.*`), coloured by how urgent it is. */
export async function StatusBadge({ status }: { status: CaseStatus }) {
  const t = await getTranslations('status');
  return statusBadge(status, t(status));
}

/**
 * The same badge with its label already translated, as a plain element: for lists, where an async component
 * per row costs a translator lookup and a component boundary each (issue 13).
 */
export function statusBadge(status: CaseStatus, label: string) {
  return (
    <span data-testid="case-status" data-status={status} className={`badge ${TONE[status]}`}>
      {label}
    </span>
  );
}
