import { getProcessTranslations } from '@/lib/i18n/process-translator';
import type { TimelineEvent } from '@/lib/cases/queries';
import { formatInstant } from '../../_lib/format';
import type { Translate } from '../../_lib/message-values';

/** Facts of an event worth showing (its input, the due date after it, the document it issued). */
const FACT_KEYS = [
  'text',
  'fileCount',
  'receivedOn',
  'correctedOn',
  'items',
  'periodDays',
  'periodEndsOn',
  'kind',
  'party',
  'topic',
  'receivedByPartyOn',
  'repliedOn',
  'opinion',
  'days',
  'reason',
  'delayedAnswerBy',
  'amountYuan',
  'paidOn',
  'method',
  'deliveredOn',
  'postalTrackingNo',
  'receiptNote',
  'targetOrgId',
  'retentionNote',
  'filedOn',
  'body',
  'outcome',
  'filename',
  'confirmationNote',
  'note',
] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function factsOf(data: unknown): [string, string][] {
  if (!isRecord(data)) return [];
  const merged: Record<string, unknown> = { ...data, ...(isRecord(data.input) ? data.input : {}) };
  const out: [string, string][] = [];
  for (const key of FACT_KEYS) {
    const v = merged[key];
    if (typeof v === 'string' && v.trim() !== '') out.push([key, v]);
    else if (typeof v === 'number') out.push([key, String(v)]);
  }
  return out;
}

/** 办理记录: the append-only case events, oldest first — who did what, when, and what changed. */
export async function Timeline({ events }: { events: TimelineEvent[] }) {
  const t: Translate = await getProcessTranslations();
  const label = (type: string) => (t.has(`workflow.event.${type}`) ? t(`workflow.event.${type}`) : t('workflow.event.other'));
  const factLabel = (key: string) => (t.has(`staff.facts.${key}`) ? t(`staff.facts.${key}`) : key);
  // Enum values read as their labels; the first catalogue that knows the value wins.
  const VALUE_KEYS: Record<string, string[]> = {
    outcome: ['outcome'],
    topic: ['workflow.internalTopic'],
    kind: ['workflow.consultationKind', 'workflow.appealKind'],
    method: ['workflow.deliveryMethod', 'workflow.feeMethod'],
  };
  const factValue = (key: string, value: string) => {
    const found = (VALUE_KEYS[key] ?? []).map((ns) => `${ns}.${value}`).find((k) => t.has(k));
    return found ? t(found) : value;
  };
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="mb-3 text-lg font-semibold">
        {t('staff.timeline.title')}
      </h2>
      <ol className="space-y-3 border-l-2 border-slate-200 pl-4" data-testid="timeline">
        {events.map((e) => {
          const data = isRecord(e.data) ? e.data : {};
          const docNumber = typeof data.docNumber === 'string' ? data.docNumber : null;
          const answerDueOn = typeof data.answerDueOn === 'string' ? data.answerDueOn : null;
          const flags = Array.isArray(data.flags) ? data.flags.filter((f): f is string => typeof f === 'string') : [];
          return (
            <li key={e.id} data-testid="timeline-event" data-event={e.type}>
              <div className="flex flex-wrap items-baseline gap-x-3 text-sm">
                <time className="font-mono text-xs text-slate-600" dateTime={new Date(e.occurredAt).toISOString()}>
                  {formatInstant(e.occurredAt)}
                </time>
                <span className="font-medium text-slate-900">{label(e.type)}</span>
                <span className="text-slate-700">
                  {e.actor
                    ? t('staff.personRole', { name: e.actor.name, role: t.has(`role.${e.actorRole}`) ? t(`role.${e.actorRole}`) : e.actorRole })
                    : e.actorRole === 'applicant_anonymous'
                      ? t('staff.timeline.anonymousApplicant')
                      : t('staff.timeline.system')}
                </span>
                {!e.isPublic && <span className="rounded bg-slate-100 px-1 text-xs text-slate-700">{t('staff.timeline.internal')}</span>}
              </div>
              {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
                <p className="text-xs text-slate-700">
                  {t(`status.${e.fromStatus}`)} → {t(`status.${e.toStatus}`)}
                </p>
              )}
              <ul className="text-xs text-slate-700">
                {docNumber && <li>{t('staff.timeline.docNumber', { docNumber })}</li>}
                {answerDueOn && <li>{t('staff.timeline.answerDueOn', { date: answerDueOn })}</li>}
                {flags.map((f) => (
                  <li key={f} className="text-amber-900">
                    {t.has(`workflow.flag.${f}`) ? t(`workflow.flag.${f}`) : f}
                  </li>
                ))}
                {factsOf(e.data).map(([k, v]) => (
                  <li key={k} className="whitespace-pre-line">
                    {t('staff.labelValue', { label: factLabel(k), value: factValue(k, v) })}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
