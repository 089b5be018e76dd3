import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/session';
import { ChangePasswordForm } from './change-password-form';

/** 修改密码: any signed-in user (applicant or staff) changes their own password. */
export default async function ChangePasswordPage() {
  await requireUser('/account/password');
  const t = await getTranslations('auth');
  return (
    <section className="card mx-auto max-w-md">
      <h1 className="page-title">{t('changePasswordTitle')}</h1>
      <p className="mb-4 text-sm text-slate-700">{t('changePasswordIntro')}</p>
      <ChangePasswordForm />
    </section>
  );
}
