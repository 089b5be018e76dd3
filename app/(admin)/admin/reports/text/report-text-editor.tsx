'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useMemo, useRef, useState } from 'react';
import { ActionMessage, FieldErrors } from '../../_components/action-message';
import { saveReportTextAction } from '../actions';
import type { ActionState } from '@/lib/actions/run-action';
import { findTextWarnings, isProblem, resolvePart, type ReportSections, type ReportTextPart, type Segment, type TextWarning } from '@/lib/reports/report-text-model';

interface FieldOption {
  key: string;
  group: string;
  label: string;
}

interface EditorState {
  result: ActionState<{ version: number }>;
  version: number;
}

/**
 * One textarea per part of the report, each with a field inserter (inserts `{{key}}` at the cursor), a live
 * preview with the fields resolved, and the warnings where a typed number contradicts the table. The
 * preview and warnings use the same pure functions as the exports (lib/reports/report-text-model.ts).
 */
export function ReportTextEditor({
  year,
  org,
  version: initialVersion,
  sections,
  values,
  fields,
  parts,
  groups,
  canEdit,
}: {
  year: number;
  org: string;
  version: number;
  sections: ReportSections;
  values: Record<string, string | null>;
  fields: FieldOption[];
  parts: { id: ReportTextPart; label: string }[];
  groups: { id: string; label: string }[];
  canEdit: boolean;
}) {
  const t = useTranslations();
  const [texts, setTexts] = useState<Record<ReportTextPart, string>>({ ...sections });
  const [state, action, pending] = useActionState(
    async (prev: EditorState, form: FormData): Promise<EditorState> => {
      const result = await saveReportTextAction(null, form);
      return { result, version: result?.ok && result.data ? result.data.version : prev.version };
    },
    { result: null, version: initialVersion },
  );
  const warnings = useMemo(() => parts.flatMap((p) => findTextWarnings(p.id, texts[p.id] ?? '', values)), [parts, texts, values]);
  const fieldErrors = state.result && !state.result.ok ? state.result.fieldErrors : undefined;

  return (
    <form action={action} className="space-y-4" noValidate data-testid="report-text-form">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="version" value={state.version} />
      <WarningSummary
        warnings={warnings.filter(isProblem)}
        hints={warnings.length - warnings.filter(isProblem).length}
        partLabel={(id) => parts.find((p) => p.id === id)?.label ?? id}
      />
      {parts.map((part) => (
        <PartEditor
          key={part.id}
          part={part}
          text={texts[part.id] ?? ''}
          onChange={(text) => setTexts((current) => ({ ...current, [part.id]: text }))}
          values={values}
          fields={fields}
          groups={groups}
          warnings={warnings.filter((w) => w.part === part.id)}
          errors={fieldErrors?.[`part.${part.id}`]}
          canEdit={canEdit}
        />
      ))}
      {canEdit && (
        <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white py-3">
          <button type="submit" className="btn-primary" disabled={pending} data-testid="report-text-save">
            {t('report.text.save')}
          </button>
          <div aria-live="polite">
            <ActionMessage state={state.result} />
          </div>
        </div>
      )}
    </form>
  );
}

function WarningSummary({ warnings, hints, partLabel }: { warnings: TextWarning[]; hints: number; partLabel: (id: ReportTextPart) => string }) {
  const t = useTranslations();
  return (
    <section aria-labelledby="text-warnings-title" className="card space-y-2" data-testid="report-text-warnings">
      <h2 id="text-warnings-title" className="text-base font-semibold">
        {t('report.text.warnings.title')}
      </h2>
      <div aria-live="polite">
        {warnings.length === 0 ? (
          <p className="text-sm text-green-800">{t('report.text.warnings.none')}</p>
        ) : (
          <>
            <p className="text-sm font-medium text-amber-900">{t('report.text.warnings.count', { count: warnings.length })}</p>
            <ul className="list-disc space-y-1 pl-5 text-sm">
              {warnings.map((w, i) => (
                <li key={i}>
                  <span className="font-medium">{partLabel(w.part)}</span> — 
                  <WarningText warning={w} />
                </li>
              ))}
            </ul>
          </>
        )}
        {hints > 0 && <p className="mt-2 text-sm text-slate-700">{t('report.text.warnings.hints', { count: hints })}</p>}
      </div>
    </section>
  );
}

function WarningText({ warning }: { warning: TextWarning }) {
  const t = useTranslations();
  return (
    <span lang="zh-CN">
      {t(`report.text.warnings.${warning.kind}`, {
        sentence: warning.sentence,
        found: warning.found ?? '',
        expected: warning.expected ?? '',
        field: warning.field ? `{{${warning.field}}}` : '',
      })}
    </span>
  );
}

function PartEditor({
  part,
  text,
  onChange,
  values,
  fields,
  groups,
  warnings,
  errors,
  canEdit,
}: {
  part: { id: ReportTextPart; label: string };
  text: string;
  onChange: (text: string) => void;
  values: Record<string, string | null>;
  fields: FieldOption[];
  groups: { id: string; label: string }[];
  warnings: TextWarning[];
  errors?: string[];
  canEdit: boolean;
}) {
  const t = useTranslations();
  const area = useRef<HTMLTextAreaElement>(null);
  const [field, setField] = useState(fields[0]?.key ?? '');
  const id = `part-${part.id}`;
  const resolved = useMemo(() => resolvePart(part.id, text, values), [part.id, text, values]);

  function insert() {
    const el = area.current;
    const token = `{{${field}}}`;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    onChange(text.slice(0, start) + token + text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  return (
    <section className="card space-y-2" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id} className="field-label text-base">
        {part.label}
      </label>
      <textarea
        ref={area}
        id={id}
        name={`part.${part.id}`}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        readOnly={!canEdit}
        rows={part.id === 'date' ? 1 : part.id === 'overview' || part.id === 'problems' ? 12 : 5}
        lang="zh-CN"
        className="field-input w-full font-normal leading-relaxed"
        aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ''}`}
        aria-invalid={errors?.length ? true : undefined}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {t('report.text.paragraphHint')}
      </p>
      <FieldErrors id={`${id}-error`} errors={errors} />
      {canEdit && (
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label className="sr-only" htmlFor={`${id}-field`}>
              {t('report.text.fieldFor', { part: part.label })}
            </label>
            <select id={`${id}-field`} className="field-input w-full max-w-full" value={field} onChange={(e) => setField(e.target.value)} lang="zh-CN">
              {groups.map((g) => (
                <optgroup key={g.id} label={g.label}>
                  {fields
                    .filter((f) => f.group === g.id)
                    .map((f) => (
                      // 同比 only with a comparable base: without one the option is shown but cannot be chosen.
                      <option key={f.key} value={f.key} disabled={f.group === 'year_on_year' && values[f.key] === null}>
                        {f.label}（{values[f.key] ?? '—'}）
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </div>
          <button type="button" className="btn-secondary" onClick={insert} data-testid={`${id}-insert`}>
            {t('report.text.insert')}
          </button>
        </div>
      )}
      {warnings.length > 0 && (
        <ul className="space-y-2 text-sm" data-testid={`${id}-warnings`}>
          {warnings.map((w, i) => (
            <li key={i} className={isProblem(w) ? 'text-amber-900' : 'text-slate-700'}>
              {isProblem(w) ? '⚠ ' : 'ⓘ '}
              <WarningText warning={w} />
              {w.fix && canEdit && (
                <button
                  type="button"
                  className="link ml-2 text-sm"
                  onClick={() => onChange(text.slice(0, w.fix!.start) + w.fix!.replacement + text.slice(w.fix!.end))}
                  aria-label={t('report.text.warnings.useFieldLabel', { found: w.found ?? '', field: `{{${w.field ?? ''}}}` })}
                >
                  {t('report.text.warnings.useField')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <details open={part.id !== 'overview'}>
        <summary className="cursor-pointer text-sm font-medium">{t('report.text.preview')}</summary>
        <div className="mt-2 space-y-2 rounded border border-slate-200 bg-slate-50 p-3 text-sm leading-relaxed" lang="zh-CN" aria-label={t('report.text.previewOf', { part: part.label })} data-testid={`${id}-preview`}>
          {resolved.heading && <p className="font-semibold">{resolved.heading}</p>}
          {resolved.paragraphs.map((p, i) => (
            <p key={i} className={p.kind === 'subheading' ? 'font-medium' : 'indent-8'}>
              {p.segments.map((s, j) => (
                <SegmentView key={j} segment={s} />
              ))}
            </p>
          ))}
        </div>
      </details>
    </section>
  );
}

function SegmentView({ segment }: { segment: Segment }) {
  if (segment.kind === 'field') return <mark className="rounded bg-sky-100 px-0.5 text-inherit">{segment.text}</mark>;
  if (segment.kind === 'placeholder') return <mark className="rounded bg-amber-200 px-0.5 text-inherit">{segment.text}</mark>;
  return <>{segment.text}</>;
}
