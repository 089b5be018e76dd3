import { getTranslations } from 'next-intl/server';
import type { CaseStatus } from '@/lib/cases/workflow';
import { STATUS_TONE } from './status-tone';

/** The case status as the law names it (common `status.*`), coloured by how urgent it is. */
export async function StatusBadge({ status }: { status: CaseStatus }) {
  const t = await getTranslations('status');
  return (
    <span data-testid="case-status" data-status={status} className={`badge ${STATUS_TONE[status]}`}>
      {t(status)}
    </span>
  );
}
