import { DataTable } from '@/components/data-table';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { listApiTokens } from '@/lib/api/v1/tokens';
import { CreateApiTokenForm, RevokeApiToken } from './token-forms';

/** 接口令牌: machine tokens of the integration API (/api/v1; docs/api.md). Admins only. */
export default async function ApiTokensPage() {
  const admin = await requireRole(['admin'], '/admin/api-tokens');
  const t = await getTranslations();
  const format = await getFormatter();
  const tokens = await listApiTokens(admin);
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="space-y-6">
      <h1 className="page-title">{t('admin.apiTokens.title')}</h1>
      <p className="text-sm text-slate-600">{t('admin.apiTokens.help')}</p>
      <div className="card">
        <h2 className="mb-4 text-lg font-semibold">{t('admin.apiTokens.createTitle')}</h2>
        <CreateApiTokenForm />
      </div>
      <DataTable
        testId="api-tokens"
        caption={t('admin.apiTokens.nav')}
        columns={[
          { label: t('admin.apiTokens.fields.name') },
          { label: t('admin.apiTokens.fields.organisation') },
          { label: t('admin.apiTokens.fields.scopes') },
          { label: t('admin.apiTokens.fields.prefix') },
          { label: t('admin.apiTokens.fields.lastUsedAt') },
          { label: t('admin.apiTokens.fields.status') },
          { label: t('common.actions') },
        ]}
      >
        <tbody>
          {tokens.map((tok) => (
            <tr key={tok.id} className={`border-t border-slate-200 align-top ${tok.revokedAt ? 'bg-slate-50 text-slate-500' : ''}`}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {tok.name}
                <span className="block text-xs font-normal text-slate-500">{t('admin.apiTokens.fields.createdAt')}：{when(tok.createdAt)}</span>
              </th>
              <td className="px-3 py-2">{tok.org.name}</td>
              <td className="px-3 py-2">{tok.scopes.map((s) => (t.has(`admin.apiTokens.scope.${s}`) ? t(`admin.apiTokens.scope.${s}`) : s)).join('、')}</td>
              <td className="px-3 py-2 font-mono text-xs">{tok.tokenPrefix}…</td>
              <td className="px-3 py-2">{tok.lastUsedAt ? when(tok.lastUsedAt) : t('admin.apiTokens.never')}</td>
              <td className="px-3 py-2">{tok.revokedAt ? t('admin.apiTokens.revokedAt', { date: when(tok.revokedAt) }) : t('admin.apiTokens.active')}</td>
              <td className="px-3 py-2">{tok.revokedAt ? null : <RevokeApiToken tokenId={tok.id} />}</td>
            </tr>
          ))}
          {tokens.length === 0 && (
            <tr>
              <td colSpan={7} className="px-3 py-6 text-center text-slate-600">
                {t('admin.apiTokens.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </DataTable>
    </section>
  );
}
