import { getProcessTranslations } from '@/lib/i18n/process-translator';
import type { StaffCaseDto } from '@/lib/cases/queries';
import { hasDeliveryProof, PAPER_DELIVERY_METHODS } from '@/lib/documents/proof-rules';
import { formatInstant, formatSize } from '../../_lib/format';

/**
 * Whether the letter gets a 送达回证 link: issued letters sent (or to be sent) on paper — the recorded delivery
 * was by post or in person, or none is recorded yet and the applicant chose post or collection (a 征求意见函
 * goes to a third party on paper).
 */
function offersProof(kase: StaffCaseDto, d: StaffCaseDto['documents'][number]): boolean {
  if (!hasDeliveryProof(d)) return false;
  const recorded = kase.deliveries.filter((x) => x.documentId === d.id).at(-1);
  if (recorded) return PAPER_DELIVERY_METHODS.includes(recorded.method);
  return d.type === 'consultation_letter' || (kase.request.deliveryMethod !== null && PAPER_DELIVERY_METHODS.includes(kase.request.deliveryMethod));
}

/** 文书和文件: the case's documents with their 文号 and PDF download, and its files. */
export async function DocumentsSection({ kase }: { kase: StaffCaseDto }) {
  const t = await getProcessTranslations();
  const documents = kase.documents.filter((d) => d.status !== 'withdrawn');
  return (
    <section className="card space-y-4" aria-labelledby="documents-title">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="documents-title" className="text-lg font-semibold">
          {t('staff.documents.title')}
        </h2>
        <div className="flex flex-wrap gap-x-3 text-sm">
          <a href={`/api/staff/cases/${kase.id}/receipt`} className="link" download>
            {t('staff.documents.receipt')}
          </a>
          <a href={`/api/staff/cases/${kase.id}/approval-sheet`} className="link" download data-testid="approval-sheet">
            {t('staff.documents.approvalSheet')}
          </a>
          {kase.status === 'archived' && (
            <a href={`/api/staff/cases/${kase.id}/archive`} className="link" download data-testid="archive-package">
              {t('staff.documents.archivePackage')}
            </a>
          )}
        </div>
      </div>
      {documents.length === 0 ? (
        <p className="text-sm text-slate-600">{t('staff.documents.none')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="documents">
            <thead className="text-left text-slate-700">
              <tr>
                <th scope="col" className="py-1 pr-3">{t('staff.documents.type')}</th>
                <th scope="col" className="py-1 pr-3">{t('staff.documents.docNumber')}</th>
                <th scope="col" className="py-1 pr-3">{t('staff.documents.status')}</th>
                <th scope="col" className="py-1 pr-3">{t('staff.documents.issuedOn')}</th>
                <th scope="col" className="py-1">{t('common.download')}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id} className="border-t border-slate-200 align-top" data-testid="document-row" data-type={d.type}>
                  <th scope="row" className="py-1 pr-3 text-left font-normal">
                    {t(`workflow.docType.${d.type}`)}
                    {d.outcome && <div className="text-xs text-slate-600">{t(`outcome.${d.outcome}`)}</div>}
                  </th>
                  <td className="py-1 pr-3 font-medium" data-testid="doc-number">
                    {d.docNumber ?? '—'}
                  </td>
                  <td className="py-1 pr-3">{t(`workflow.docStatus.${d.status}`)}</td>
                  <td className="py-1 pr-3">{d.issuedOn ?? '—'}</td>
                  <td className="py-1">
                    <a href={`/api/staff/documents/${d.id}`} className="link" download>
                      {t('staff.documents.pdf')}
                    </a>
                    {' · '}
                    <a href={`/api/staff/documents/${d.id}/docx`} className="link" download>
                      {t('staff.documents.docx')}
                    </a>
                    {offersProof(kase, d) && (
                      <>
                        {' · '}
                        <a href={`/api/staff/documents/${d.id}/proof`} className="link" download data-testid="delivery-proof">
                          {t('staff.documents.deliveryProof')}
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div>
        <h3 className="text-sm font-semibold text-slate-800">{t('staff.documents.files')}</h3>
        {kase.attachments.length === 0 ? (
          <p className="text-sm text-slate-600">{t('staff.documents.noFiles')}</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm" data-testid="attachments">
            {kase.attachments.map((a) => (
              <li key={a.id} className="flex flex-wrap items-baseline gap-x-2">
                <a href={`/api/staff/attachments/${a.id}`} className="link" download>
                  {a.filename}
                </a>
                <span className="text-xs text-slate-600">
                  {t(`workflow.filePurpose.${a.purpose}`)} · {formatSize(a.size)} · {formatInstant(a.createdAt)}
                  {a.isPublic ? ` · ${t('staff.documents.public')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
