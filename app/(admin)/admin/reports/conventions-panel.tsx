import { getTranslations } from 'next-intl/server';
import {
  APPLICANT_TYPE_SOURCE,
  CASE_IN_CORRECTION_AT_YEAR_END,
  CONCLUSION_DATE_RULES,
  COUNTING_UNIT,
  IS_UNCONFIRMED_SUBMISSION_COUNTED,
  NEW_CASE_DATE_FIELD,
  SECTION4_PENDING_MEANS,
  SECTION4_YEAR_ATTRIBUTION,
  WITHDRAWN_OUTCOME,
} from '@/lib/statistics/conventions';

/**
 * The counting conventions the national formats leave open (annual-report-formats.md §5), as this system
 * applies them (lib/statistics/conventions.ts; reasons in lib/statistics/CONVENTIONS.md). Each item shows
 * the constant the code uses, so the page and the statistics cannot disagree silently.
 */
export async function ConventionsPanel() {
  const t = await getTranslations('report.conventions');
  const rules = [...new Set(Object.values(CONCLUSION_DATE_RULES))];
  const items: Array<{ id: string; constant: string }> = [
    { id: 'newCase', constant: `NEW_CASE_DATE_FIELD = ${NEW_CASE_DATE_FIELD}; IS_UNCONFIRMED_SUBMISSION_COUNTED = ${IS_UNCONFIRMED_SUBMISSION_COUNTED}` },
    { id: 'correction', constant: `CASE_IN_CORRECTION_AT_YEAR_END = ${CASE_IN_CORRECTION_AT_YEAR_END}` },
    { id: 'concluded', constant: `CONCLUSION_DATE_RULES: ${rules.join(', ')}` },
    { id: 'unit', constant: `COUNTING_UNIT = ${COUNTING_UNIT}` },
    { id: 'applicant', constant: `APPLICANT_TYPE_SOURCE = ${APPLICANT_TYPE_SOURCE}` },
    { id: 'withdrawn', constant: `WITHDRAWN_OUTCOME = ${WITHDRAWN_OUTCOME}` },
    { id: 'appeals', constant: `SECTION4_YEAR_ATTRIBUTION = ${SECTION4_YEAR_ATTRIBUTION}; SECTION4_PENDING_MEANS = ${SECTION4_PENDING_MEANS}` },
    { id: 'format', constant: 'formatForYear(Y): Y ≤ 2020 → 2019, Y ≥ 2021 → 2021' },
    { id: 'section2', constant: 'proactive_figures (org, year)' },
  ];
  return (
    <details className="card print:hidden" data-testid="conventions">
      <summary className="cursor-pointer text-lg font-semibold">{t('title')}</summary>
      <p className="mt-3 text-sm text-slate-700">{t('intro')}</p>
      <ol className="mt-3 space-y-3 text-sm">
        {items.map((item) => (
          <li key={item.id}>
            <p className="font-medium">{t(`items.${item.id}.title`)}</p>
            <p className="text-slate-700">{t(`items.${item.id}.text`)}</p>
            <p className="mt-0.5 font-mono text-xs break-words text-slate-500">{item.constant}</p>
          </li>
        ))}
      </ol>
    </details>
  );
}
