import { getTranslations } from 'next-intl/server';
import { RegisterForm } from './register-form';

export default async function RegisterPage() {
  const t = await getTranslations('auth');
  return (
    <section className="card mx-auto max-w-md">
      <h1 className="page-title">{t('registerTitle')}</h1>
      <RegisterForm />
    </section>
  );
}
