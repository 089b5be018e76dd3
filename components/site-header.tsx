import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { LOCALES, type Locale } from '@/lib/i18n/config';
import { LanguageSwitcher } from './language-switcher';
import { SignedInControls } from './signed-in-controls';
import type { SessionUser } from '@/lib/auth/session';

export interface NavItem {
  href: string;
  labelKey: string;
  /** A count shown beside the label (e.g. the work queue's entries); omitted or 0 shows none. */
  count?: number;
}

/** The header of every audience's layout: brand, the audience's navigation, user and language switcher. */
export async function SiteHeader({ nav, user, areaKey, homeHref = '/' }: { nav: NavItem[]; user: SessionUser | null; areaKey?: string; homeHref?: string }) {
  const t = await getTranslations();
  const locale = (await getLocale()) as Locale;
  return (
    <header className="border-b-4 border-gov-red bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href={homeHref} className="flex items-baseline gap-2 text-slate-900 no-underline">
          <span className="text-xl font-bold text-gov-red">{t('app.name')}</span>
          <span className="hidden text-sm text-slate-600 sm:inline">{areaKey ? t(areaKey) : t('app.fullName')}</span>
        </Link>
        <nav aria-label={t('nav.home')} className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {nav.map((n) => (
              <li key={n.href}>
                <Link className="text-slate-800 hover:text-brand-700 hover:underline" href={n.href}>
                  {t(n.labelKey)}
                  {n.count ? (
                    <span className="ml-1 rounded-full bg-gov-red px-1.5 text-xs font-semibold text-white" data-testid={`nav-count-${n.href}`}>
                      {n.count}
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {user ? (
            <SignedInControls signedInAs={t('auth.signedInAs', { name: user.name })} changePassword={t('auth.changePassword')} signOut={t('nav.signOut')} link={Link} />
          ) : (
            <Link className="link" href="/signin">
              {t('nav.signIn')}
            </Link>
          )}
          <LanguageSwitcher locale={locale} label={t('nav.language')} options={LOCALES.map((l) => ({ value: l, label: t(`locale.${l}`) }))} />
        </div>
      </div>
    </header>
  );
}
