'use client';

import { useTranslations } from '@/lib/i18n/lite-client';
import { useActionState, useEffect, useRef, useState } from 'react';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, UPLOAD_ACCEPT } from '@/lib/attachments/upload-limits';
import { ErrorText, Hint, RadioGroup, SelectField, TextField, describedBy, useErrorText, type FieldErrors } from '../track/_components/fields';
import type { ApplyState } from '@/lib/portal/submit-application';
import { OrgPicker, type PickedOrg } from './org-picker';

const ORG_TYPES = ['commercial_enterprise', 'research_institution', 'public_welfare_org', 'legal_service_org', 'other_org'] as const;
const ID_DOC_TYPES = ['resident_id', 'passport', 'other'] as const;
const REQUESTED_FORMS = ['electronic', 'paper'] as const;
const DELIVERY_METHODS = ['online_download', 'email', 'post', 'in_person'] as const;

/** Order of fields in the error summary (= order on the page) and the element each entry links to. */
const FIELD_ORDER: { name: string; target: (v: { kind: string }) => string; label: string }[] = [
  { name: 'applicantType', target: () => 'applicantType', label: 'portal.apply.orgType' },
  { name: 'applicantName', target: () => 'applicantName', label: 'portal.apply.fields.personName' },
  { name: 'idDocType', target: () => 'idDocType', label: 'portal.apply.fields.idDocType' },
  { name: 'idNumber', target: () => 'idNumber', label: 'portal.apply.fields.idNumber' },
  { name: 'uscc', target: () => 'uscc', label: 'portal.apply.fields.uscc' },
  { name: 'legalRepresentative', target: () => 'legalRepresentative', label: 'portal.apply.fields.legalRepresentative' },
  { name: 'contactPerson', target: () => 'contactPerson', label: 'portal.apply.fields.contactPerson' },
  { name: 'mobile', target: () => 'mobile', label: 'portal.apply.fields.mobile' },
  { name: 'email', target: () => 'email', label: 'portal.apply.fields.email' },
  { name: 'postalAddress', target: () => 'postalAddress', label: 'portal.apply.fields.postalAddress' },
  { name: 'postalCode', target: () => 'postalCode', label: 'portal.apply.fields.postalCode' },
  { name: 'description', target: () => 'description', label: 'portal.apply.fields.description' },
  { name: 'documentRef', target: () => 'documentRef', label: 'portal.apply.fields.documentRef' },
  { name: 'requestedForm', target: () => 'requestedForm-electronic', label: 'portal.apply.fields.requestedForm' },
  { name: 'deliveryMethod', target: () => 'deliveryMethod-online_download', label: 'portal.apply.fields.deliveryMethod' },
  { name: 'orgId', target: () => 'org-search', label: 'portal.apply.sections.organisation' },
  { name: 'files', target: () => 'files', label: 'portal.apply.sections.files' },
];

const MAX: Record<string, number> = {
  applicantName: 100,
  idNumber: 50,
  legalRepresentative: 50,
  contactPerson: 50,
  email: 254,
  postalAddress: 200,
  description: 5000,
  documentRef: 200,
};

/**
 * Posts the form to the route handler app/api/portal/apply (issue 13 item 3: a server action that sets the
 * tracking-grant cookie makes Next render the whole page again into its answer; the route handler answers
 * with the result only). A network failure or an answer that is not the result keeps what was typed.
 */
async function postApplication(form: FormData): Promise<ApplyState> {
  const values: Record<string, string> = {};
  form.forEach((v, k) => {
    if (typeof v === 'string') values[k] = v;
  });
  try {
    const res = await fetch('/api/portal/apply', { method: 'POST', body: form, headers: { accept: 'application/json' } });
    const body = (await res.json()) as ApplyState | { error?: string; params?: Record<string, string | number> };
    if (res.ok && body && 'ok' in body) return body;
    const error = body && 'error' in body && typeof body.error === 'string' ? body.error : 'errors.generic';
    return { ok: false, messageKey: error, params: body && 'params' in body ? body.params : undefined, values, hadFiles: form.getAll('files').some((f) => typeof f !== 'string' && f.size > 0) };
  } catch {
    return { ok: false, messageKey: 'errors.generic', values };
  }
}

type ConfirmationView = typeof import('./confirmation').Confirmation;

/**
 * The confirmation's code is loaded when a submission starts, alongside the POST, not with the page (issue
 * 13: /apply's first-load JavaScript). If it cannot be loaded, PlainConfirmation shows what must never be
 * lost: the tracking number and the access code, which is shown only once.
 */
function loadConfirmation(): Promise<ConfirmationView | null> {
  return import('./confirmation').then(
    (m) => m.Confirmation,
    () => null,
  );
}

function PlainConfirmation(props: { trackingNo: string; accessCode: string; caseId: string }) {
  const t = useTranslations('portal.confirm');
  return (
    <div className="card space-y-2 border-green-700" data-testid="confirmation" role="status">
      <h2 className="page-title text-green-800">{t('title')}</h2>
      <p>
        {t('trackingNo')}: <strong data-testid="tracking-no">{props.trackingNo}</strong>
      </p>
      <p>
        {t('accessCode')}:{' '}
        <strong data-testid="access-code" data-code={props.accessCode}>
          {props.accessCode}
        </strong>
      </p>
      <p>{t('accessCodeOnce')}</p>
      <a className="link" href={`/api/portal/cases/${props.caseId}/receipt`} download data-testid="receipt-link">
        {t('receipt')}
      </a>
    </div>
  );
}

export function ApplyForm({ submissionKey, defaultName, canAttach }: { submissionKey: string; defaultName: string; canAttach: boolean }) {
  // The chosen agency lives here, above the fields that remount after each attempt, so it survives them.
  const [org, setOrg] = useState<PickedOrg | null>(null);
  // The attempt number keys the fields: React resets a form after its action, so the fields remount with
  // the returned values and keep what was typed.
  const [wrapped, formAction, pending] = useActionState(
    async (prev: { result: ApplyState; attempt: number; view: ConfirmationView | null } | null, form: FormData) => {
      const view = prev?.view ? Promise.resolve(prev.view) : loadConfirmation();
      const result = await postApplication(form);
      return { result, attempt: (prev?.attempt ?? 0) + 1, view: result?.ok ? await view : null };
    },
    null,
  );
  const state = wrapped?.result ?? null;
  if (state?.ok) {
    const Confirmation = wrapped?.view;
    if (!Confirmation) return <PlainConfirmation {...state.data} />;
    return <Confirmation {...state.data} orgName={org?.id === state.data.orgId ? org.name : ''} />;
  }
  return (
    <ApplyFields
      key={wrapped?.attempt ?? 0}
      state={state}
      action={formAction}
      pending={pending}
      org={org}
      onOrg={setOrg}
      submissionKey={submissionKey}
      defaultName={defaultName}
      canAttach={canAttach}
    />
  );
}

function ApplyFields({
  state,
  action,
  pending,
  org,
  onOrg,
  submissionKey,
  defaultName,
  canAttach,
}: {
  state: Exclude<ApplyState, { ok: true }> | null;
  action: (form: FormData) => void;
  pending: boolean;
  org: PickedOrg | null;
  onOrg: (org: PickedOrg) => void;
  submissionKey: string;
  defaultName: string;
  canAttach: boolean;
}) {
  const t = useTranslations();
  const errorText = useErrorText();
  const values = state?.values ?? {};
  const errors: FieldErrors = state?.fieldErrors ?? {};
  const initialType = values.applicantType ?? 'natural_person';
  const [kind, setKind] = useState<'person' | 'organisation'>(initialType === 'natural_person' ? 'person' : 'organisation');
  const [orgType, setOrgType] = useState<string>(initialType === 'natural_person' ? 'commercial_enterprise' : initialType);
  const [idDocType, setIdDocType] = useState(values.idDocType ?? 'resident_id');
  const [requestedForm, setRequestedForm] = useState(values.requestedForm ?? 'electronic');
  const [deliveryMethod, setDeliveryMethod] = useState(values.deliveryMethod ?? 'online_download');
  const [clientFileError, setClientFileError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state && !state.ok) summaryRef.current?.focus();
  }, [state]);

  const summary = FIELD_ORDER.filter((f) => errors[f.name]?.length);
  const otherKeys = Object.keys(errors).filter((k) => !FIELD_ORDER.some((f) => f.name === k));
  const count = summary.length + otherKeys.length;
  const isPerson = kind === 'person';
  const fileErrorMessages = state?.fileProblems?.map((p) => errorText(p.messageKey, p.params));

  return (
    <form action={action} noValidate className="space-y-6" aria-describedby="apply-required-note">
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <input type="hidden" name="applicantType" value={isPerson ? 'natural_person' : orgType} />
      {state && !state.ok && (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-4 text-red-900" data-testid="error-summary">
          {count > 0 ? (
            <>
              <p className="font-semibold">{t('portal.apply.errorSummary', { count })}</p>
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {summary.map((f) => (
                  <li key={f.name}>
                    <a className="underline underline-offset-2" href={`#${f.target({ kind })}`}>
                      {t('portal.apply.summaryItem', {
                        label: f.name === 'applicantName' && !isPerson ? t('portal.apply.fields.orgName') : t(f.label),
                        message:
                          f.name === 'files' && fileErrorMessages?.length
                            ? fileErrorMessages.join(' ')
                            : (errors[f.name] ?? []).map((k) => errorText(k, { maximum: MAX[f.name] ?? '' })).join(' '),
                      })}
                    </a>
                  </li>
                ))}
                {otherKeys.map((k) => (
                  <li key={k}>{(errors[k] ?? []).map((m) => errorText(m)).join(' ')}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="font-semibold">{errorText(state.messageKey, state.params)}</p>
          )}
          {state.hadFiles && <p className="mt-2">{t('portal.apply.fields.filesReselect')}</p>}
        </div>
      )}
      <p id="apply-required-note" className="text-sm text-slate-700">
        {t('portal.requiredNote')} {t('portal.apply.privacyNote')}
      </p>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold text-slate-900">{t('portal.apply.sections.applicant')}</legend>
        <RadioGroup
          name="kind"
          legend={t('portal.apply.applicantKind')}
          required
          value={kind}
          onChange={(v) => setKind(v as 'person' | 'organisation')}
          options={[
            { value: 'person', label: t('portal.apply.kind.person') },
            { value: 'organisation', label: t('portal.apply.kind.organisation') },
          ]}
        />
        {isPerson ? (
          <>
            <TextField name="applicantName" label={t('portal.apply.fields.personName')} required autoComplete="name" maxLength={50} defaultValue={values.applicantName ?? defaultName} errors={errors.applicantName} />
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                name="idDocType"
                label={t('portal.apply.fields.idDocType')}
                required
                value={idDocType}
                onChange={setIdDocType}
                errors={errors.idDocType}
                options={ID_DOC_TYPES.map((v) => ({ value: v, label: t(`portal.idDocType.${v}`) }))}
              />
              <TextField name="idNumber" label={t('portal.apply.fields.idNumber')} required autoComplete="off" spellCheck={false} maxLength={MAX.idNumber} defaultValue={values.idNumber} errors={errors.idNumber} />
            </div>
          </>
        ) : (
          <>
            <SelectField
              name="orgType"
              label={t('portal.apply.orgType')}
              required
              value={orgType}
              onChange={setOrgType}
              errors={errors.applicantType}
              options={ORG_TYPES.map((v) => ({ value: v, label: t(`applicantType.${v}`) }))}
            />
            <TextField name="applicantName" label={t('portal.apply.fields.orgName')} required autoComplete="organization" maxLength={MAX.applicantName} defaultValue={values.applicantName ?? defaultName} errors={errors.applicantName} />
            <TextField name="uscc" label={t('portal.apply.fields.uscc')} hint={t('portal.apply.fields.usccHint')} required={orgType !== 'other_org'} autoComplete="off" spellCheck={false} maxLength={18} defaultValue={values.uscc} errors={errors.uscc} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField name="legalRepresentative" label={t('portal.apply.fields.legalRepresentative')} required maxLength={MAX.legalRepresentative} defaultValue={values.legalRepresentative} errors={errors.legalRepresentative} />
              <TextField name="contactPerson" label={t('portal.apply.fields.contactPerson')} required autoComplete="name" maxLength={MAX.contactPerson} defaultValue={values.contactPerson} errors={errors.contactPerson} />
            </div>
          </>
        )}
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold text-slate-900">{t('portal.apply.sections.contact')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="mobile" type="tel" label={t('portal.apply.fields.mobile')} required autoComplete="tel" inputMode="tel" maxLength={20} defaultValue={values.mobile} errors={errors.mobile} />
          <TextField name="email" type="email" label={t('portal.apply.fields.email')} hint={t('portal.apply.fields.emailHint')} required={deliveryMethod === 'email'} autoComplete="email" maxLength={MAX.email} defaultValue={values.email} errors={errors.email} />
        </div>
        <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
          <TextField name="postalAddress" label={t('portal.apply.fields.postalAddress')} hint={t('portal.apply.fields.postalAddressHint')} required={deliveryMethod === 'post'} autoComplete="street-address" maxLength={MAX.postalAddress} defaultValue={values.postalAddress} errors={errors.postalAddress} />
          <TextField name="postalCode" label={t('portal.apply.fields.postalCode')} autoComplete="postal-code" inputMode="numeric" maxLength={6} defaultValue={values.postalCode} errors={errors.postalCode} />
        </div>
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold text-slate-900">{t('portal.apply.sections.information')}</legend>
        <TextField name="description" multiline label={t('portal.apply.fields.description')} hint={t('portal.apply.fields.descriptionHint')} maxLength={MAX.description} defaultValue={values.description} errors={errors.description} />
        <TextField name="documentRef" label={t('portal.apply.fields.documentRef')} hint={t('portal.apply.fields.documentRefHint')} maxLength={MAX.documentRef} defaultValue={values.documentRef} errors={errors.documentRef} />
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold text-slate-900">{t('portal.apply.sections.delivery')}</legend>
        <RadioGroup
          name="requestedForm"
          legend={t('portal.apply.fields.requestedForm')}
          required
          value={requestedForm}
          onChange={setRequestedForm}
          errors={errors.requestedForm}
          options={REQUESTED_FORMS.map((v) => ({ value: v, label: t(`portal.requestedForm.${v}`) }))}
        />
        <RadioGroup
          name="deliveryMethod"
          legend={t('portal.apply.fields.deliveryMethod')}
          required
          value={deliveryMethod}
          onChange={setDeliveryMethod}
          errors={errors.deliveryMethod}
          options={DELIVERY_METHODS.map((v) => ({ value: v, label: t(`portal.deliveryMethod.${v}`) }))}
        />
      </fieldset>

      <OrgPicker selected={org} onSelect={onOrg} errors={errors.orgId} />

      {canAttach ? (
      <fieldset className="card space-y-2">
        <legend className="px-1 text-lg font-semibold text-slate-900">{t('portal.apply.sections.files')}</legend>
        <label className="field-label" htmlFor="files">
          {t('portal.apply.fields.files')}
        </label>
        <input
          id="files"
          name="files"
          type="file"
          multiple
          accept={UPLOAD_ACCEPT}
          className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-slate-900"
          aria-describedby={describedBy('files', true, errors.files ?? (clientFileError ? ['x'] : undefined))}
          aria-invalid={errors.files?.length || clientFileError ? true : undefined}
          onChange={(e) => {
            const chosen = Array.from(e.currentTarget.files ?? []);
            const big = chosen.find((f) => f.size > MAX_UPLOAD_BYTES);
            if (chosen.length > MAX_UPLOAD_FILES) setClientFileError(t('portal.upload.too_many', { max: MAX_UPLOAD_FILES }));
            else if (big) setClientFileError(t('portal.upload.too_large', { name: big.name, maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
            else setClientFileError(null);
          }}
        />
        <Hint name="files" hint={t('portal.apply.fields.filesHint')} />
        {fileErrorMessages?.length ? (
          <p id="files-error" className="field-error">
            {fileErrorMessages.join(' ')}
          </p>
        ) : clientFileError ? (
          <p id="files-error" className="field-error" role="alert">
            {clientFileError}
          </p>
        ) : (
          <ErrorText name="files" errors={errors.files} />
        )}
      </fieldset>
      ) : (
        <section className="card" aria-labelledby="files-title">
          <h2 id="files-title" className="mb-2 text-lg font-semibold text-slate-900">
            {t('portal.apply.sections.files')}
          </h2>
          <p className="text-sm leading-6 text-slate-700" data-testid="files-need-account">
            {t('portal.apply.fields.filesNeedAccount')}
          </p>
        </section>
      )}

      <button type="submit" className="btn-primary w-full py-3 text-base sm:w-auto" disabled={pending} aria-disabled={pending} data-testid="submit-application">
        {pending ? t('portal.apply.submitting') : t('portal.apply.submit')}
      </button>
    </form>
  );
}
