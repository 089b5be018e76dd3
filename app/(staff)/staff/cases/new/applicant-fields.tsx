'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Field } from '../../_components/field';

const APPLICANT_TYPES = ['natural_person', 'commercial_enterprise', 'research_institution', 'public_welfare_org', 'legal_service_org', 'other_org'] as const;

/**
 * The applicant and the request, as staff type them in from a letter or at the counter (lib/cases/register-case.ts
 * staffRegistrationSchema): shared by the registration form (登记) and the on-the-spot answer (当场答复).
 */
export function ApplicantFields({ form: F, values, errors }: { form: string; values: Record<string, string>; errors: Record<string, string[]> }) {
  const t = useTranslations();
  const [applicantType, setApplicantType] = useState<string>(values.applicantType || 'natural_person');
  const isPerson = applicantType === 'natural_person';
  const e = (name: string) => errors[name];
  const v = (name: string, fallback = '') => values[name] ?? fallback;
  return (
    <fieldset className="card space-y-4">
      <legend className="px-1 text-lg font-semibold">{t('staff.register.applicant')}</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field form={F} name="applicantType" type="select" label={t('staff.register.applicantType')} required defaultValue={applicantType} errors={e('applicantType')}
          options={APPLICANT_TYPES.map((a) => ({ value: a, label: t(`applicantType.${a}`) }))} onChange={setApplicantType} />
        <Field form={F} name="applicantName" label={t(isPerson ? 'staff.register.personName' : 'staff.register.orgName')} required defaultValue={v('applicantName')} errors={e('applicantName')} />
        {isPerson && (
          <Field form={F} name="idDocType" type="select" label={t('staff.register.idDocType')} defaultValue={v('idDocType', 'resident_id')} errors={e('idDocType')}
            options={(['resident_id', 'passport', 'other'] as const).map((d) => ({ value: d, label: t(`workflow.idDocType.${d}`) }))} />
        )}
        <Field form={F} name="idNumber" label={t(isPerson ? 'staff.register.idNumber' : 'staff.register.uscc')} hint={t('staff.register.idNumberHint')} defaultValue={v('idNumber')} errors={e('idNumber')} />
        {!isPerson && (
          <>
            <Field form={F} name="legalRepresentative" label={t('staff.register.legalRepresentative')} defaultValue={v('legalRepresentative')} errors={e('legalRepresentative')} />
            <Field form={F} name="contactPerson" label={t('staff.register.contactPerson')} defaultValue={v('contactPerson')} errors={e('contactPerson')} />
          </>
        )}
        <Field form={F} name="mobile" type="tel" label={t('staff.register.mobile')} defaultValue={v('mobile')} errors={e('mobile')} />
        <Field form={F} name="email" type="email" label={t('staff.register.email')} defaultValue={v('email')} errors={e('email')} />
        <Field form={F} name="postalAddress" label={t('staff.register.postalAddress')} defaultValue={v('postalAddress')} errors={e('postalAddress')} />
        <Field form={F} name="postalCode" label={t('staff.register.postalCode')} defaultValue={v('postalCode')} errors={e('postalCode')} />
      </div>
    </fieldset>
  );
}
