import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { SignInForm } from './sign-in-form';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const t = await getTranslations('auth');
  const { callbackUrl } = await searchParams;
  // Only places on this site, parsed as a browser would (no open redirect: lib/auth/callback-url.ts).
  const target = safeCallbackPath(callbackUrl);
  return (
    <section className="card mx-auto max-w-md">
      <h1 className="page-title">{t('signInTitle')}</h1>
      <SignInForm callbackUrl={target} />
      <p className="mt-4 text-sm text-slate-700">
        {t('noAccount')}{' '}
        <Link className="link" href="/register">
          {t('registerTitle')}
        </Link>
      </p>
    </section>
  );
}
