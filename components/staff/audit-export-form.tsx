'use client';

import { useTranslations } from '@/lib/i18n/lite-client';

/**
 * 导出办理记录: the append-only case events of the actor's scope for a date range, as CSV, for supervision.
 * A plain GET form to the route handler (app/api/staff/audit/route.ts), which checks the role and scope again.
 * On the staff dashboard (pages/staff/index.tsx), with its lite message set.
 */
export function AuditExportForm({ today }: { today: string }) {
  const t = useTranslations('staff.audit');
  const firstOfYear = `${today.slice(0, 4)}-01-01`;
  return (
    <form method="get" action="/api/staff/audit" className="card space-y-3" aria-labelledby="audit-export-title">
      <h2 id="audit-export-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm text-slate-700">{t('intro')}</p>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label className="field-label" htmlFor="audit-from">
            {t('from')}
          </label>
          <input id="audit-from" name="from" type="date" required defaultValue={firstOfYear} max={today} className="field-input" />
        </div>
        <div>
          <label className="field-label" htmlFor="audit-to">
            {t('to')}
          </label>
          <input id="audit-to" name="to" type="date" required defaultValue={today} max={today} className="field-input" />
        </div>
        <button type="submit" className="btn-secondary">
          {t('download')}
        </button>
      </div>
    </form>
  );
}
