import Link from 'next/link';
import { getProcessTranslations } from '@/lib/i18n/process-translator';
import type { Actor } from '@/lib/cases/actor';
import type { CasePublications } from '@/lib/reading-room/publications';
import { DeclineSuggestionForm, DecidePublicationForm, ProposePublicationForm, WithdrawPublicationForm } from './publication-forms';

/**
 * 依申请公开转主动公开 (Art. 44) on a concluded case: the applicant's suggestion, other applicants' similar
 * requests, the publications of the case with their state, and the step each role may take now.
 * Nothing is shown for a case that released nothing and has no suggestion. `data`: casePublications of the
 * case (lib/reading-room/publications.ts), read by the page beside the case itself.
 */
export async function PublicationPanel({ actor, caseId, data }: { actor: Actor; caseId: string; data: CasePublications | null }) {
  if (!data || (data.files.length === 0 && data.publications.length === 0 && !data.suggestion)) return null;
  const t = await getProcessTranslations();
  const handles = actor.role === 'clerk' || actor.role === 'reviewer';
  const isReviewer = actor.role === 'reviewer';
  return (
    <section className="card space-y-3" aria-labelledby="publication-title" data-testid="publication-panel">
      <h2 id="publication-title" className="text-lg font-semibold">{t('staff.publication.title')}</h2>
      <p className="text-sm text-slate-700">{t('staff.publication.intro')}</p>
      {data.suggestion && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="publication-suggestion">
          {data.suggestion.isOpen ? (
            <>
              <p className="font-medium text-slate-900">{t('staff.publication.suggestion')}</p>
              {data.suggestion.note && <p className="text-slate-800">{t('staff.publication.suggestionNote', { note: data.suggestion.note })}</p>}
            </>
          ) : (
            <p className="text-slate-800">{t('staff.publication.suggestionClosed', { note: data.suggestion.closingNote ?? 'none' })}</p>
          )}
        </div>
      )}
      {data.similar.length > 0 && (
        <div className="text-sm" data-testid="publication-similar">
          <p className="font-medium text-slate-900">{t('staff.publication.similar')}</p>
          <ul className="list-disc pl-5">
            {data.similar.map((s) => (
              <li key={s.caseId}>
                <Link href={`/staff/cases/${s.caseId}`} className="underline">
                  {t('staff.publication.similarRow', { trackingNo: s.trackingNo, percent: s.similarityPercent, status: t(`status.${s.status}`) })}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {data.publications.map((p) => (
        <div key={p.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="publication-item" data-status={p.status}>
          <p className="font-medium text-slate-900">
            {p.title} <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-800">{t(`staff.publication.status.${p.status}`)}</span>
          </p>
          <p className="text-slate-700">{p.subject}</p>
          <p className="text-xs text-slate-600">{p.files.map((f) => f.filename).join('、')}</p>
          {p.publishedOn && <p className="text-xs text-slate-700">{t('staff.publication.publishedOn', { date: p.publishedOn })}</p>}
          {p.decisionNote && <p className="text-xs text-slate-700">{t('staff.publication.decisionNote', { note: p.decisionNote })}</p>}
          {p.withdrawalReason && <p className="text-xs text-slate-700">{t('staff.publication.withdrawalReason', { reason: p.withdrawalReason })}</p>}
          {p.status === 'published' && (
            <Link href={`/reading-room/${p.id}`} className="text-xs underline">{t('staff.publication.publicLink')}</Link>
          )}
          {isReviewer && p.status === 'proposed' && <DecidePublicationForm caseId={caseId} publicationId={p.id} version={p.version} />}
          {isReviewer && p.status === 'published' && <WithdrawPublicationForm caseId={caseId} publicationId={p.id} version={p.version} />}
        </div>
      ))}
      {handles && data.canPropose && <ProposePublicationForm caseId={caseId} files={data.files.map((f) => ({ id: f.id, label: f.filename }))} />}
      {!data.canPropose && data.files.length === 0 && <p className="text-sm text-slate-700">{t('staff.publication.notReleased')}</p>}
      {handles && data.suggestion?.isOpen && <DeclineSuggestionForm caseId={caseId} />}
    </section>
  );
}
