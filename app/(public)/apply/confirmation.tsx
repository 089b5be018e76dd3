'use client';

import { useTranslations } from '@/lib/i18n/lite-client';
import { useEffect, useRef } from 'react';

/** The access code in groups of four, easier to copy by hand (the code itself has no separators). */
function grouped(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Shown once, right after submitting: the tracking number, the access code (never shown again: only its
 * hash is stored), the Art. 31 explanation, the receipt PDF and print. Focus moves to the heading so screen
 * readers announce the result.
 */
export function Confirmation(props: { caseId: string; trackingNo: string; accessCode: string; orgName: string; isLinkedToAccount: boolean }) {
  const t = useTranslations('portal.confirm');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    window.scrollTo({ top: 0 });
  }, []);
  const trackHref = props.isLinkedToAccount ? `/my/${props.caseId}` : `/track/${encodeURIComponent(props.trackingNo)}`;
  return (
    <div className="space-y-5" data-testid="confirmation">
      <div className="card border-green-700">
        <h2 ref={headingRef} tabIndex={-1} className="page-title text-green-800">
          {t('title')}
        </h2>
        <p className="mb-4 leading-7 text-slate-800">{t('lead', { org: props.orgName })}</p>
        <dl className="grid gap-4 sm:grid-cols-2">
          <div className="rounded-md bg-slate-50 p-3">
            <dt className="text-sm text-slate-700">{t('trackingNo')}</dt>
            <dd className="mt-1 font-mono text-xl font-semibold tracking-wide break-all text-slate-900" data-testid="tracking-no">
              {props.trackingNo}
            </dd>
          </div>
          <div className="rounded-md border-2 border-amber-600 bg-amber-50 p-3">
            <dt className="text-sm text-slate-800">{t('accessCode')}</dt>
            <dd className="mt-1 font-mono text-xl font-semibold tracking-wide break-all text-slate-900" data-testid="access-code" data-code={props.accessCode}>
              {grouped(props.accessCode)}
            </dd>
          </div>
        </dl>
        <p className="mt-4 rounded-md border border-amber-600 bg-amber-50 p-3 text-sm leading-6 text-slate-900" role="note">
          {t('accessCodeOnce')}
        </p>
        <p className="mt-3 text-sm text-slate-800">{t('receiptNote')}</p>
        {props.isLinkedToAccount && <p className="mt-2 text-sm text-slate-800">{t('accountNote')}</p>}
      </div>

      <section className="card" aria-labelledby="legal-title">
        <h2 id="legal-title" className="mb-2 text-lg font-semibold text-slate-900">
          {t('legalTitle')}
        </h2>
        <p className="leading-7 text-slate-800">{t('legal', { org: props.orgName })}</p>
        <p className="mt-2 text-sm text-slate-700">{t('notifyNote')}</p>
      </section>

      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap print:hidden">
        <a className="btn-primary" href={`/api/portal/cases/${props.caseId}/receipt`} download data-testid="receipt-link">
          {t('receipt')}
        </a>
        <button type="button" className="btn-secondary" onClick={() => window.print()}>
          {t('print')}
        </button>
        {/* A plain link: /apply is a Pages Router page, the case pages are App Router pages (a full load). */}
        <a className="btn-secondary" href={trackHref} data-testid="track-link">
          {t('track')}
        </a>
        <a className="btn-secondary" href="/apply">
          {t('another')}
        </a>
      </div>
    </div>
  );
}
