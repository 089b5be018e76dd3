import { getProcessTranslations } from '@/lib/i18n/process-translator';
import type { StaffCaseDto } from '@/lib/cases/queries';
import { formatInstant } from '../../_lib/format';
import { AppealResultForm } from './appeal-result-form';

/**
 * The records a case carries beside its status: 补正 rounds, consultations (Arts. 32, 34 and 疑难件会商),
 * the extension, fee notices, deliveries (送达), transfers (转办) and the 复议 / 诉讼 register.
 */
export async function RecordsSection({ kase }: { kase: StaffCaseDto }) {
  const t = await getProcessTranslations();
  const none = '—';
  const blocks: { key: string; head: string[]; rows: (string | null)[][] }[] = [
    {
      key: 'corrections',
      head: ['requestedOn', 'items', 'periodEndsOn', 'correctedOn', 'lapsedOn'],
      rows: kase.corrections.map((c) => [c.requestedOn, c.items, t('staff.records.periodEnds', { date: c.periodEndsOn, days: c.periodDays }), c.correctedOn, c.lapsedOn]),
    },
    {
      key: 'consultations',
      head: ['kind', 'party', 'sentOn', 'receivedByPartyOn', 'replyDue', 'repliedOn', 'opinion'],
      rows: kase.consultations.map((c) => [
        c.kind === 'internal' && c.topic ? t('staff.records.internalTopic', { topic: t.has(`workflow.internalTopic.${c.topic}`) ? t(`workflow.internalTopic.${c.topic}`) : c.topic }) : t(`workflow.consultationKind.${c.kind}`),
        c.party,
        c.sentOn,
        c.receivedByPartyOn,
        c.replyDue,
        c.repliedOn,
        c.opinion,
      ]),
    },
    {
      key: 'extensions',
      head: ['days', 'reason', 'requestedBy', 'decision'],
      rows: kase.extensions.map((e) => [
        String(e.days),
        e.reason,
        `${e.requestedBy?.name ?? none} ${formatInstant(e.requestedAt)}`,
        e.approvedOn
          ? t('staff.records.approved', { date: e.approvedOn, name: e.approvedBy?.name ?? none })
          : e.rejectedAt
            ? t('staff.records.rejected', { date: formatInstant(e.rejectedAt) })
            : t('staff.records.pendingDecision'),
      ]),
    },
    {
      key: 'feeNotices',
      head: ['amountYuan', 'method', 'computation', 'issuedOn', 'paymentDueOn', 'paidOn', 'lapsedOn'],
      rows: kase.feeNotices.map((f) => [
        f.amountYuan,
        t.has(`workflow.feeMethod.${f.method}`) ? t(`workflow.feeMethod.${f.method}`) : f.method,
        // The 办法's computation in the notice's own words (document text).
        f.computationText,
        f.issuedOn,
        f.paymentDueOn,
        f.paidOn,
        f.lapsedOn,
      ]),
    },
    {
      key: 'deliveries',
      head: ['method', 'deliveredOn', 'postalTrackingNo', 'receiptNote', 'recordedBy'],
      rows: kase.deliveries.map((d) => [t(`workflow.deliveryMethod.${d.method}`), d.deliveredOn, d.postalTrackingNo, d.receiptNote, d.recordedBy?.name ?? null]),
    },
    {
      key: 'transfers',
      head: ['from', 'to', 'reason', 'by', 'at'],
      rows: kase.transfers.map((x) => [x.fromOrg.name, x.toOrg.name, x.reason, x.by?.name ?? null, formatInstant(x.at)]),
    },
    {
      key: 'appeals',
      head: ['kind', 'filedOn', 'body', 'result', 'decidedOn', 'note'],
      rows: kase.appeals.map((a) => [t(`workflow.appealKind.${a.kind}`), a.filedOn, a.body, t(`workflow.appealResult.${a.result}`), a.decidedOn, a.note]),
    },
  ];
  const shown = blocks.filter((b) => b.rows.length > 0);
  if (shown.length === 0) return null;
  return (
    <section className="card space-y-4" aria-labelledby="records-title">
      <h2 id="records-title" className="text-lg font-semibold">
        {t('staff.records.title')}
      </h2>
      {/* Whoever may register an appeal (workflow: record_appeal) may record its result. */}
      {kase.appeals.length > 0 && kase.availableTransitions.includes('record_appeal') && (
        <div className="space-y-2" data-testid="appeal-results">
          {kase.appeals.map((a) => (
            <div key={a.id} className="text-sm">
              <p className="font-medium text-slate-800">{t('staff.labelValue', { label: t(`workflow.appealKind.${a.kind}`), value: `${a.filedOn} ${a.body}` })}</p>
              <AppealResultForm caseId={kase.id} version={kase.version} appeal={{ id: a.id, result: a.result, decidedOn: a.decidedOn }} />
            </div>
          ))}
        </div>
      )}
      {shown.map((b) => (
        <div key={b.key} className="overflow-x-auto" data-testid={`records-${b.key}`}>
          <table className="min-w-full text-sm">
            <caption className="mb-1 text-left text-sm font-semibold text-slate-800">{t(`staff.records.${b.key}`)}</caption>
            <thead className="text-left text-xs text-slate-700">
              <tr>
                {b.head.map((h) => (
                  <th key={h} scope="col" className="py-1 pr-3 font-medium">
                    {t(`staff.records.col.${h}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((row, i) => (
                <tr key={i} className="border-t border-slate-200 align-top">
                  {row.map((cell, j) => (
                    <td key={j} className="whitespace-pre-line py-1 pr-3">
                      {cell ?? none}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
