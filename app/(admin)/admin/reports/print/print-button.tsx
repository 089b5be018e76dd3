'use client';

import { useTranslations } from 'next-intl';

export function PrintButton() {
  const t = useTranslations('report.print');
  return (
    <button type="button" className="btn-primary" onClick={() => window.print()}>
      {t('print')}
    </button>
  );
}
