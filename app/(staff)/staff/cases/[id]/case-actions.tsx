'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState } from 'react';
import type { TransitionName } from '@/lib/cases/workflow';
import { Field, FormMessage, type FieldOption } from '../../_components/field';
import { messageText } from '../../_lib/message-values';
import { transitionAction } from './actions';
import { FIELDS, type FieldSpec, type OptionSource, type StepTexts } from './step-fields';

/** Steps that end the application or undo work: shown in red and explained. */
const DANGER: readonly TransitionName[] = ['lapse_correction', 'lapse_fee', 'withdraw', 'close_other'];
/** Steps whose form shows what the answer draft still lacks. */
const SHOWS_MISSING: readonly TransitionName[] = ['submit_answer', 'approve_answer', 'record_confidentiality_review'];

/** A step the workflow offers now, or holds back with the guard that says why (lib/cases/workflow.ts). */
export interface ActionOption {
  name: TransitionName;
  blockedBy: { guard: string; messageKey: string; params: Record<string, unknown> } | null;
}

type DoneState = { messageKey: string; params?: Record<string, string | number> };

export interface CaseActionsProps {
  caseId: string;
  version: number;
  today: string;
  /** transitionOptions: available steps plus those a guard holds back with its reason. */
  options: ActionOption[];
  /** The likely next step (lib/cases/next-step.ts): shown first and open. */
  nextStep: TransitionName | 'answer_draft' | null;
  /** Field names each step's input schema accepts. */
  supported: Partial<Record<TransitionName, string[]>>;
  /** Each listed step's title, help and field labels, translated on the server (step-fields.ts stepTexts). */
  texts: Partial<Record<TransitionName, StepTexts>>;
  /** notices: issued notices not yet delivered (record_notice_delivery is offered only when there is one). */
  /** consultations: the open 征求意见函 (record_consultation_reply picks one). */
  choices: Record<'assignees' | 'orgs' | 'notices' | 'consultations', FieldOption[]>;
  defaultDeliveryMethod: string;
  /** Codes of lib/law/outcomes.ts ANSWER_ELEMENT_CODES still missing from the draft. */
  missing: string[];
  /** The fee form's facts (办法 Art. 4): the applicant's applications counted earlier in the month of receipt. */
  feeFacts?: { month: string; earlierInMonth: number } | null;
  /** A notice awaiting sign-off: its step's form opens with what the clerk submitted (getCaseForStaff). */
  submittedNotice?: { step: TransitionName; values: Record<string, string> } | null;
}

/**
 * 可办理的操作: the likely next step first and highlighted, then every other step this user may take now, each
 * as its own form; steps that cannot succeed yet are shown disabled with the reason. After a step the
 * confirmation (what changed, what comes next) stays at the top of the panel even when the step's own
 * form disappears with the new status.
 */
export function CaseActions(props: CaseActionsProps) {
  const t = useTranslations();
  const [done, setDone] = useState<DoneState | null>(null);
  const offered = props.options.filter((o) => o.name !== 'record_notice_delivery' || props.choices.notices.length > 0);
  const primary = props.nextStep && props.nextStep !== 'answer_draft' ? offered.find((o) => o.name === props.nextStep && o.blockedBy === null) : undefined;
  const rest = offered.filter((o) => o !== primary);
  return (
    <div className="space-y-3">
      {done && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="action-done">
          {messageText(t, done.messageKey, done.params)}
        </p>
      )}
      {props.nextStep === 'answer_draft' && (
        <p className="rounded border border-brand-700/40 bg-sky-50 px-3 py-2 text-sm text-slate-900" data-testid="next-step" data-step="answer_draft">
          <span className="font-medium">{t('staff.next.title')}</span> {t('staff.next.answer_draft')}{' '}
          <a href="#answer-title" className="link">
            {t('staff.next.toDraft')}
          </a>
        </p>
      )}
      {primary && (
        <div data-testid="next-step" data-step={primary.name}>
          <p className="mb-1 text-xs font-medium text-slate-700">{t('staff.next.title')}</p>
          <TransitionForm name={primary.name} isPrimary onDone={setDone} {...props} />
        </div>
      )}
      {offered.length === 0 && <p className="text-sm text-slate-600">{t('staff.case.noActions')}</p>}
      {rest.length > 0 && (
        <>
          {primary && <p className="text-xs font-medium text-slate-700">{t('staff.next.others')}</p>}
          <ul className="space-y-2" data-testid="case-actions">
            {rest.map((o) => (
              <li key={o.name}>{o.blockedBy ? <BlockedAction option={o} text={props.texts[o.name]} /> : <TransitionForm name={o.name} onDone={setDone} {...props} />}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * A step that cannot succeed yet: disabled, with the guard's reason and what the draft lacks, both worded on
 * the server (step-fields.ts stepTexts).
 */
function BlockedAction({ option, text }: { option: ActionOption; text: StepTexts | undefined }) {
  const reasonId = `blocked-${option.name}`;
  const missing = text?.blocked?.missing ?? [];
  return (
    <div id={`action-${option.name}`} className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2" data-testid={`action-${option.name}`} data-blocked="true">
      <button type="button" className="btn-secondary" disabled aria-describedby={reasonId}>
        {text?.title ?? option.name}
      </button>
      <div id={reasonId} className="mt-1 text-xs text-slate-700" data-testid="blocked-reason">
        <p>{text?.blocked?.reason}</p>
        {missing.length > 0 && (
          <ul className="list-disc pl-5">
            {missing.map((m) => (
              <li key={m.code}>{m.label}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function TransitionForm({
  name,
  caseId,
  version,
  today,
  supported,
  texts,
  choices: options,
  defaultDeliveryMethod,
  missing,
  feeFacts,
  submittedNotice,
  isPrimary = false,
  onDone,
}: CaseActionsProps & { name: TransitionName; isPrimary?: boolean; onDone: (done: DoneState) => void }) {
  const t = useTranslations();
  // The confirmation goes to the panel: this form may vanish when the step changes the status.
  const [state, action, pending] = useActionState(async (prev: Awaited<ReturnType<typeof transitionAction>>, form: FormData) => {
    const result = await transitionAction(prev, form);
    if (result?.ok && result.messageKey) onDone({ messageKey: result.messageKey, params: result.params });
    return result;
  }, null);
  // After a refusal, what was typed; otherwise, for signing off a submitted notice, what the clerk submitted.
  const values = state && !state.ok ? (state.values ?? {}) : submittedNotice?.step === name ? submittedNotice.values : {};
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const accepted = new Set(supported[name] ?? []);
  const fields = FIELDS[name].filter((f) => accepted.has(f.name));
  const isDanger = DANGER.includes(name);
  const formId = `t-${name}`;
  const text: StepTexts = texts[name] ?? { title: name, fields: {} };
  const optionList = (source: OptionSource): FieldOption[] => {
    switch (source) {
      case 'assignees':
      case 'orgs':
      case 'notices':
      case 'consultations':
        return [{ value: '', label: t('staff.field.choose') }, ...options[source]];
      case 'consultationKinds':
        return (['third_party', 'agency'] as const).map((k) => ({ value: k, label: t(`workflow.consultationKind.${k}`) }));
      case 'feeMethods':
        return (['per_application', 'per_page'] as const).map((k) => ({ value: k, label: t(`workflow.feeMethod.${k}`) }));
      case 'deliveryMethods':
        return (['post', 'email', 'in_person', 'online_download'] as const).map((k) => ({ value: k, label: t(`workflow.deliveryMethod.${k}`) }));
      case 'internalTopics':
        return (['legal_affairs', 'secrecy', 'petitions', 'court_liaison'] as const).map((k) => ({ value: k, label: t(`workflow.internalTopic.${k}`) }));
      case 'appealKinds':
        return (['administrative_review', 'litigation_direct', 'litigation_after_review'] as const).map((k) => ({ value: k, label: t(`workflow.appealKind.${k}`) }));
      case 'appealResults':
        return (['pending', 'upheld', 'corrected', 'other'] as const).map((k) => ({ value: k, label: t(`workflow.appealResult.${k}`) }));
    }
  };
  const defaultOf = (f: FieldSpec): string | undefined => {
    if (values[f.name] !== undefined) return values[f.name];
    if (f.name === 'method' && f.options === 'deliveryMethods') return defaultDeliveryMethod || undefined; // none recorded (imported case): no preselection
    return f.default === 'today' ? today : f.default;
  };
  // A work-queue link (/staff/cases/<id>#action-<step>) opens the step it names.
  const box = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (window.location.hash === `#action-${name}` && box.current) {
      box.current.open = true;
      box.current.scrollIntoView({ block: 'center' });
    }
  }, [name]);
  const missingCodes = state && !state.ok && typeof state.params?.missing === 'string' ? state.params.missing.split(',').filter(Boolean) : missing;
  return (
    // Every step is a closed <details> (one click opens its form); the likely next one stands out by colour.
    <details
      ref={box}
      id={`action-${name}`}
      className={`rounded-md border bg-white ${isDanger ? 'border-red-200' : isPrimary ? 'border-2 border-brand-700' : 'border-slate-200'}`}
      data-testid={`action-${name}`}
      data-primary={isPrimary ? 'true' : undefined}
    >
      <summary
        className={`cursor-pointer px-3 py-2 text-sm font-medium ${isDanger ? 'text-red-800' : isPrimary ? 'bg-brand-700 text-white' : 'text-slate-900'}`}
      >
        {text.title}
      </summary>
      <form action={action} className="space-y-3 border-t border-slate-200 px-3 py-3" noValidate aria-label={text.title}>
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="transition" value={name} />
        {text.help && <p className="text-xs text-slate-700">{text.help}</p>}
        {name === 'issue_fee_notice' && feeFacts && (
          // The server computes the amount from these facts (lib/law/fees.ts); staff see the count it starts from.
          <p className="rounded border border-slate-200 bg-slate-50 p-2 text-xs text-slate-800" data-testid="fee-facts">
            {t('staff.fee.facts', { month: feeFacts.month, earlier: feeFacts.earlierInMonth, position: feeFacts.earlierInMonth + 1 })}
          </p>
        )}
        {fields.map((f) => (
          <Field
            key={f.name}
            form={formId}
            name={f.name}
            type={f.type}
            label={text.fields[f.name]?.label ?? f.name}
            hint={text.fields[f.name]?.hint}
            required={f.required}
            defaultValue={f.type === 'checkbox' ? undefined : defaultOf(f)}
            defaultChecked={f.type === 'checkbox' ? values[f.name] === 'true' : undefined}
            options={f.options ? optionList(f.options) : undefined}
            min={f.min}
            max={f.max === 'today' ? today : f.max}
            step={f.step}
            errors={errors[f.name]}
            errorParams={state && !state.ok ? state.params : undefined}
          />
        ))}
        {SHOWS_MISSING.includes(name) && missingCodes.length > 0 && (
          <div className="rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="answer-missing">
            <p className="font-medium text-amber-900">{t('staff.answer.missingTitle')}</p>
            <ul className="list-disc pl-5 text-amber-900">
              {missingCodes.map((code) => (
                <li key={code}>{t.has(`answer.missing.${code}`) ? t(`answer.missing.${code}`) : code}</li>
              ))}
            </ul>
          </div>
        )}
        {state && !state.ok && <FormMessage state={state} />}
        <button type="submit" className={isDanger ? 'btn-danger' : isPrimary ? 'btn-primary' : 'btn-secondary'} disabled={pending}>
          {text.title}
        </button>
      </form>
    </details>
  );
}
