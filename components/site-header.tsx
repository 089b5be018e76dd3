import Link from 'next/link';
import { LOCALES } from '@/lib/i18n/config';
import { getProcessTranslations } from '@/lib/i18n/process-translator';
import { HeaderBar } from './header-bar';
import { LocaleChoice } from './locale-choice';
import { SignedInControls } from './signed-in-controls';
import type { SessionUser } from '@/lib/auth/session';

export interface NavItem {
  href: string;
  labelKey: string;
  /** A count shown beside the label (e.g. the work queue's entries); omitted or 0 shows none. */
  count?: number;
}

/**
 * The header of every audience's layout: brand, the audience's navigation, user and language switcher. Its
 * messages are parsed once per process, not on every request (lib/i18n/process-translator.ts).
 */
export async function SiteHeader({ nav, user, areaKey, homeHref = '/' }: { nav: NavItem[]; user: SessionUser | null; areaKey?: string; homeHref?: string }) {
  const t = await getProcessTranslations();
  const locale = t.locale;
  return (
    <HeaderBar
      link={Link}
      homeHref={homeHref}
      appName={t('app.name')}
      area={areaKey ? t(areaKey) : t('app.fullName')}
      navLabel={t('nav.home')}
      nav={nav.map((n) => ({ href: n.href, label: t(n.labelKey), count: n.count }))}
    >
      {user ? (
        <SignedInControls signedInAs={t('auth.signedInAs', { name: user.name })} changePassword={t('auth.changePassword')} signOut={t('nav.signOut')} link={Link} />
      ) : (
        <Link className="link" href="/signin">
          {t('nav.signIn')}
        </Link>
      )}
      <LocaleChoice
        locale={locale}
        label={t('nav.language')}
        submitLabel={t('nav.languageSubmit')}
        options={LOCALES.map((l) => ({ value: l, label: t(`locale.${l}`) }))}
      />
    </HeaderBar>
  );
}
