import { DataTable } from '@/components/data-table';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireRole, type SessionUser } from '@/lib/auth/session';
import { STAFF_ACCOUNT_ROLES, listApplicants, listStaffUsers, type StaffAccountRole } from '@/lib/admin/users';
import { EmptyRow, Pager } from '../_components/pager';
import { CreateUserForm } from './create-user-form';
import { SignOutEverywhere, UserRowActions } from './user-row-actions';
import { normalizeText } from '@/lib/validation/text';

type SearchParams = Promise<{ tab?: string; q?: string; role?: string; page?: string }>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole(['admin'], '/admin/users');
  const sp = await searchParams;
  const t = await getTranslations();
  const format = await getFormatter();
  const tab = sp.tab === 'applicants' ? 'applicants' : 'staff';
  // The text rule, leniently (lib/validation/text.ts): NUL, control and bidi characters dropped.
  const q = normalizeText(typeof sp.q === 'string' ? sp.q : '', { singleLine: true }).trim().slice(0, 100);
  const role = (STAFF_ACCOUNT_ROLES as readonly string[]).includes(sp.role ?? '')
    ? (sp.role as StaffAccountRole)
    : undefined;
  const tabClass = (active: boolean) =>
    `rounded-t-md border-b-2 px-4 py-2 text-sm font-medium ${active ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-600 hover:text-slate-900'}`;

  return (
    <section className="space-y-6">
      <h1 className="page-title">{t('admin.users.title')}</h1>
      <nav aria-label={t('admin.users.tabs')} className="flex gap-2 border-b border-slate-200">
        <Link
          href="/admin/users"
          className={tabClass(tab === 'staff')}
          aria-current={tab === 'staff' ? 'page' : undefined}
        >
          {t('admin.users.staffTab')}
        </Link>
        <Link
          href="/admin/users?tab=applicants"
          className={tabClass(tab === 'applicants')}
          aria-current={tab === 'applicants' ? 'page' : undefined}
        >
          {t('admin.users.applicantsTab')}
        </Link>
      </nav>

      <form className="flex flex-wrap items-end gap-3" role="search">
        <input type="hidden" name="tab" value={tab} />
        <div>
          <label className="field-label" htmlFor="q">
            {t('admin.users.search')}
          </label>
          <input id="q" name="q" defaultValue={q} className="field-input" />
        </div>
        {tab === 'staff' && (
          <div>
            <label className="field-label" htmlFor="role-filter">
              {t('admin.users.fields.role')}
            </label>
            <select id="role-filter" name="role" defaultValue={role ?? ''} className="field-input">
              <option value="">{t('admin.common.all')}</option>
              {STAFF_ACCOUNT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="btn-secondary">
          {t('common.search')}
        </button>
      </form>

      {tab === 'staff' ? (
        <StaffTab
          admin={admin}
          adminId={admin.id}
          q={q}
          role={role}
          formatDate={(d) => format.dateTime(d, { dateStyle: 'medium' })}
        />
      ) : (
        <ApplicantsTab
          admin={admin}
          q={q}
          page={/^\d{1,6}$/.test(String(sp.page ?? '')) ? Math.max(1, Number(sp.page)) : 1}
          formatDate={(d) => format.dateTime(d, { dateStyle: 'medium' })}
        />
      )}
    </section>
  );
}

async function StaffTab(props: {
  admin: SessionUser;
  adminId: string;
  q: string;
  role?: StaffAccountRole;
  formatDate: (d: Date) => string;
}) {
  const t = await getTranslations();
  const users = await listStaffUsers(props.admin, { q: props.q, role: props.role });
  return (
    <>
      <div className="card">
        <h2 className="mb-4 text-lg font-semibold">{t('admin.users.createTitle')}</h2>
        <p className="mb-4 text-sm text-slate-600">{t('admin.users.createHelp')}</p>
        <CreateUserForm />
      </div>
      <DataTable
        testId="staff-users"
        caption={t('admin.users.staffTab')}
        columns={[
          { label: t('admin.users.fields.name') },
          { label: t('admin.users.fields.identifier') },
          { label: t('admin.users.fields.role') },
          { label: t('admin.users.fields.organisation') },
          { label: t('admin.users.fields.status') },
          { label: t('common.actions') },
        ]}
      >
        <tbody>
          {users.map((u) => (
            <tr
              key={u.id}
              className={`border-t border-slate-200 align-top ${u.isActive ? '' : 'bg-slate-50 text-slate-500'}`}
            >
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {u.name}
              </th>
              <td className="px-3 py-2">{u.email ?? u.mobile}</td>
              <td className="px-3 py-2">{t(`role.${u.role}`)}</td>
              <td className="px-3 py-2">{u.orgName ?? t('admin.users.fields.noOrganisation')}</td>
              <td className="px-3 py-2">
                {u.isActive ? t('admin.users.active') : t('admin.users.inactive')}
                <span className="block text-xs text-slate-500">
                  {t('admin.users.createdOn', { date: props.formatDate(u.createdAt) })}
                </span>
              </td>
              <td className="px-3 py-2">
                <UserRowActions user={u} isSelf={u.id === props.adminId} />
              </td>
            </tr>
          ))}
          {users.length === 0 && <EmptyRow colSpan={6}>{t('admin.common.empty')}</EmptyRow>}
        </tbody>
      </DataTable>
    </>
  );
}

async function ApplicantsTab(props: { admin: SessionUser; q: string; page: number; formatDate: (d: Date) => string }) {
  const t = await getTranslations();
  const { items, page, pageCount, total } = await listApplicants(props.admin, { q: props.q, page: props.page });
  const href = (p: number) => `/admin/users?tab=applicants&q=${encodeURIComponent(props.q)}&page=${p}`;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t('admin.users.applicantsHelp', { total })}</p>
      <DataTable
        testId="applicant-users"
        caption={t('admin.users.applicantsTab')}
        columns={[
          { label: t('admin.users.fields.name') },
          { label: t('admin.users.fields.identifier') },
          { label: t('admin.users.fields.cases'), className: 'text-right' },
          { label: t('admin.users.fields.registeredOn') },
          { label: t('admin.users.fields.status') },
          { label: t('admin.users.fields.sessions') },
        ]}
      >
        <tbody>
          {items.map((u) => (
            <tr key={u.id} className="border-t border-slate-200">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {u.name}
              </th>
              <td className="px-3 py-2">{u.contact}</td>
              <td className="px-3 py-2 text-right tabular-nums">{u.caseCount}</td>
              <td className="px-3 py-2">{props.formatDate(u.createdAt)}</td>
              <td className="px-3 py-2">{u.isActive ? t('admin.users.active') : t('admin.users.inactive')}</td>
              <td className="px-3 py-2">
                <SignOutEverywhere userId={u.id} />
              </td>
            </tr>
          ))}
          {items.length === 0 && <EmptyRow colSpan={6}>{t('admin.common.empty')}</EmptyRow>}
        </tbody>
      </DataTable>
      <Pager page={page} pageCount={pageCount} href={href} />
    </div>
  );
}
