import { randomUUID } from 'node:crypto';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { orgsInScope } from '../../_lib/directory';
import { RegistrationForm } from './registration-form';

/** 登记申请: clerks and reviewers record offline applications (admins only route cases). */
export default async function RegisterCasePage() {
  const user = await requireRole(['clerk', 'reviewer'], '/staff/cases/new');
  const t = await getTranslations('staff.register');
  const orgs = await orgsInScope(user, { activeOnly: true });
  const submissionKey = randomUUID();
  return (
    <section className="mx-auto max-w-4xl">
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-4 text-sm text-slate-700">{t('intro')}</p>
      <RegistrationForm
        key={submissionKey}
        today={chinaToday(new Date())}
        orgs={orgs.map((o) => ({ value: String(o.id), label: `${'　'.repeat(o.depth)}${o.name}` }))}
        defaultOrgId={user.orgId ? String(user.orgId) : ''}
        submissionKey={submissionKey}
      />
    </section>
  );
}
