import { getFormatter, getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { getAdminSettings } from '@/lib/admin/settings';
import { SettingsForm } from './settings-form';

export default async function SettingsPage() {
  const admin = await requireRole(['admin'], '/admin/settings');
  const t = await getTranslations('admin.settings');
  const format = await getFormatter();
  const settings = await getAdminSettings(admin);
  return (
    <section className="max-w-3xl space-y-6">
      <h1 className="page-title">{t('title')}</h1>
      <div className="card space-y-4">
        <h2 className="text-lg font-semibold">{t('feePause.title')}</h2>
        <div role="note" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p className="font-medium">{t('feePause.legalNoteTitle')}</p>
          <p className="mt-1">{t('feePause.legalNote')}</p>
        </div>
        <p className="text-sm text-slate-700" data-testid="fee-pause-current">
          {settings.isFeePauseExplicit && settings.updatedAt
            ? t('feePause.currentSet', { value: settings.feePausesAnswerClock ? t('feePause.pausedShort') : t('feePause.runningShort'), date: format.dateTime(settings.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) })
            : t('feePause.currentDefault', { value: settings.feePausesAnswerClock ? t('feePause.pausedShort') : t('feePause.runningShort') })}
        </p>
        <SettingsForm feePausesAnswerClock={settings.feePausesAnswerClock} />
        <p className="text-xs text-slate-600">{t('feePause.effect')}</p>
      </div>
    </section>
  );
}
