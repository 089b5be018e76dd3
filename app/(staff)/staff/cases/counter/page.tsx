import { randomUUID } from 'node:crypto';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { defaultRemedyNotice } from '@/lib/documents/default-templates';
import { remedyBodies } from '@/lib/documents/org-documents';
import { REMEDY_NOTICE } from '@/lib/law/outcomes';
import { orgsInScope } from '../../_lib/directory';
import { CounterForm } from './counter-form';

/** 当场答复 (Art. 33 para 1): clerks and reviewers register a counter application and answer it at once. */
export default async function CounterAnswerPage() {
  const user = await requireRole(['clerk', 'reviewer'], '/staff/cases/counter');
  const t = await getTranslations('staff.counter');
  const orgs = await orgsInScope(user);
  const submissionKey = randomUUID();
  const remedy = user.orgId ? defaultRemedyNotice({ ...REMEDY_NOTICE, ...(await remedyBodies(user.orgId)) }) : defaultRemedyNotice(REMEDY_NOTICE);
  return (
    <section className="mx-auto max-w-4xl">
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-2 text-sm text-slate-700">{t('intro')}</p>
      <p className="mb-4 text-sm text-slate-700">{t('introClerk')}</p>
      <CounterForm
        key={submissionKey}
        today={chinaToday(new Date())}
        orgs={orgs.map((o) => ({ value: String(o.id), label: `${'　'.repeat(o.depth)}${o.name}` }))}
        defaultOrgId={user.orgId ? String(user.orgId) : ''}
        submissionKey={submissionKey}
        isReviewer={user.role === 'reviewer'}
        defaultRemedyNotice={remedy}
      />
    </section>
  );
}
