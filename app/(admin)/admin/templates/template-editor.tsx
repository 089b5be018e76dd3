'use client';

import { useTranslations } from 'next-intl';
import { Fragment, useActionState, useEffect, useRef, useState } from 'react';
import type { TemplateProblem } from '@/lib/documents/template-rules';
import { revertTemplateAction, saveTemplateAction, type TemplateActionState } from './actions';

const FIELD_EXAMPLE = '{{applicantName}}';

/** The problems of an edit, each with the element or field it names translated. */
function Problems({ problems, intro }: { problems: TemplateProblem[]; intro: string }) {
  const t = useTranslations('admin.templates');
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"
      data-testid="template-problems"
    >
      <p className="font-medium">{intro}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {problems.map((p, i) => {
          const params: Record<string, string | number> = { ...(p.params ?? {}), example: FIELD_EXAMPLE };
          if (p.key === 'admin.templates.problems.missingElement' && typeof p.params?.element === 'string') {
            params.element = t(`elements.${p.params.element}`);
          }
          const key = p.key.replace(/^admin\.templates\./, '');
          return <li key={i}>{t.has(key) ? t(key, params) : p.key}</li>;
        })}
      </ul>
    </div>
  );
}

function Result({ state }: { state: TemplateActionState }) {
  const t = useTranslations();
  if (!state) return null;
  if (state.ok) {
    return (
      <p role="status" className="text-sm text-green-800">
        {t(state.messageKey, state.params ?? {})}
      </p>
    );
  }
  if (state.problems?.length)
    return (
      <Problems
        problems={state.problems}
        intro={t('admin.templates.errors.invalid', { count: state.problems.length })}
      />
    );
  return (
    <p role="alert" className="field-error">
      {t.has(state.messageKey) ? t(state.messageKey, state.params ?? {}) : t('errors.generic')}
    </p>
  );
}

/** Editor of one organisation's template of one letter type, with a preview on the sample case. */
export function TemplateEditor(props: {
  orgId: number;
  type: string;
  expectedVersionNo: number;
  numberTag: string;
  title: string;
  body: string;
  example: string;
}) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(saveTemplateAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const [preview, setPreview] = useState<{
    url?: string;
    problems?: TemplateProblem[];
    error?: string;
    loading?: boolean;
  }>({});
  useEffect(() => () => void (preview.url && URL.revokeObjectURL(preview.url)), [preview.url]);

  async function showPreview() {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    setPreview({ loading: true });
    try {
      const res = await fetch('/api/admin/templates/preview', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          orgId: props.orgId,
          type: props.type,
          numberTag: data.get('numberTag'),
          title: data.get('title'),
          body: data.get('body'),
        }),
      });
      if (res.ok) {
        setPreview({ url: URL.createObjectURL(await res.blob()) });
        return;
      }
      const json = (await res.json().catch(() => null)) as {
        error?: string;
        params?: { problems?: TemplateProblem[] };
      } | null;
      if (json?.params?.problems?.length) setPreview({ problems: json.params.problems });
      else setPreview({ error: json?.error && t.has(json.error) ? json.error : 'errors.generic' });
    } catch {
      setPreview({ error: 'errors.generic' });
    }
  }

  const p = `tpl-${props.orgId}-${props.type}`;
  return (
    <div className="space-y-4">
      <form ref={formRef} action={action} className="grid gap-3" noValidate>
        <input type="hidden" name="orgId" value={props.orgId} />
        <input type="hidden" name="type" value={props.type} />
        <input type="hidden" name="expectedVersionNo" value={props.expectedVersionNo} />
        {/* The fields start again from each new version's text; the form (and its result line) stays. */}
        <Fragment key={props.expectedVersionNo}>
          <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
            <div>
              <label className="field-label" htmlFor={`${p}-tag`}>
                {t('admin.templates.numberTag')}
              </label>
              <input
                id={`${p}-tag`}
                name="numberTag"
                defaultValue={props.numberTag}
                className="field-input"
                aria-describedby={`${p}-tag-hint`}
              />
            </div>
            <div>
              <label className="field-label" htmlFor={`${p}-title`}>
                {t('admin.templates.docTitle')}
              </label>
              <input id={`${p}-title`} name="title" defaultValue={props.title} className="field-input" />
            </div>
          </div>
          <p id={`${p}-tag-hint`} className="text-xs text-slate-600">
            {t('admin.templates.numberTagHint', { example: props.example })}
          </p>
          <div>
            <label className="field-label" htmlFor={`${p}-body`}>
              {t('admin.templates.body')}
            </label>
            <textarea
              id={`${p}-body`}
              name="body"
              defaultValue={props.body}
              rows={18}
              className="field-input font-mono text-sm leading-6"
              aria-describedby={`${p}-body-hint`}
              spellCheck={false}
            />
            <p id={`${p}-body-hint`} className="mt-1 text-xs text-slate-600">
              {t('admin.templates.bodyHint', { example: FIELD_EXAMPLE })}
            </p>
          </div>
        </Fragment>
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={pending}>
            {t('admin.templates.save')}
          </button>
          <button type="button" className="btn-secondary" onClick={showPreview} disabled={preview.loading}>
            {t('admin.templates.preview')}
          </button>
        </div>
        {/* "Saved as version N" stays until another version (a restore) replaces it. */}
        <Result
          state={
            state?.ok && typeof state.params?.version === 'number' && state.params.version !== props.expectedVersionNo
              ? null
              : state
          }
        />
      </form>
      <p className="text-xs text-slate-600">{t('admin.templates.previewHint')}</p>
      {preview.problems && <Problems problems={preview.problems} intro={t('admin.templates.errors.previewInvalid')} />}
      {preview.error && (
        <p role="alert" className="field-error">
          {t(preview.error)}
        </p>
      )}
      {preview.url && (
        // A link, not an inline frame: the CSP allows frames from this origin only (blob: is not one).
        <p role="status" className="text-sm">
          <a
            href={preview.url}
            target="_blank"
            rel="noreferrer"
            download={`${props.type}-样稿.pdf`}
            data-testid="template-preview"
          >
            {t('admin.templates.previewReady')}
          </a>
        </p>
      )}
    </div>
  );
}

/** Restores a version (or the built-in default, `toVersion` 0) as a new version. */
export function RevertForm(props: {
  orgId: number;
  type: string;
  expectedVersionNo: number;
  toVersion: number;
  label: string;
}) {
  const [state, action, pending] = useActionState(revertTemplateAction, null);
  return (
    <form action={action} className="inline-block">
      <input type="hidden" name="orgId" value={props.orgId} />
      <input type="hidden" name="type" value={props.type} />
      <input type="hidden" name="expectedVersionNo" value={props.expectedVersionNo} />
      <input type="hidden" name="toVersion" value={props.toVersion} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {props.label}
      </button>
      <Result state={state} />
    </form>
  );
}
