'use client';

import { LocaleSelect } from '@/components/locale-select';
import { SignedInControls } from '@/components/signed-in-controls';
import type { StaffPageMessageSet } from '@/lib/i18n/client-messages';
import type { Locale } from '@/lib/i18n/config';
import type { Messages } from '@/lib/i18n/catalogue';
import { LiteMessagesProvider, useTranslations } from '@/lib/i18n/lite-client';

/** The frame's props, as lib/staff-pages/server.ts answers (StaffFrameProps), or the 404 page's. */
export type StaffPageFrameProps =
  | { notFound?: undefined; locale: Locale; messages: Messages; nav: { href: string; labelKey: string; count?: number }[]; userName: string }
  | { notFound: true; locale: Locale; messages: Messages };

/**
 * The frame of the staff pages served by the Pages Router (/staff, /staff/cases; lib/staff-pages/server.ts):
 * the skip link, the header of the App Router's staff layout (app/(staff)/staff/layout.tsx with
 * components/site-header.tsx: brand, the user's navigation with the 待办 count, the user, change password,
 * sign out, the language switch) and its <main>; or, for a signed-in user without a staff role, the 404 page
 * of app/not-found.tsx. Texts come from the page's lite message set (`set`: for the reader and for
 * lib/i18n/client-message-coverage.test.ts). Links are plain <a>: the other staff pages are App Router pages.
 */
export function StaffPage({ children, ...props }: StaffPageFrameProps & { set: StaffPageMessageSet; children?: React.ReactNode }) {
  return (
    <LiteMessagesProvider locale={props.locale} messages={props.messages}>
      <SkipLink />
      {props.notFound ? <NotFound /> : <Frame locale={props.locale} nav={props.nav} userName={props.userName}>{children}</Frame>}
    </LiteMessagesProvider>
  );
}

function SkipLink() {
  const t = useTranslations();
  return (
    <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
      {t('app.skipToContent')}
    </a>
  );
}

function Frame({ locale, nav, userName, children }: { locale: Locale; nav: { href: string; labelKey: string; count?: number }[]; userName: string; children?: React.ReactNode }) {
  const t = useTranslations();
  return (
    <>
      <header className="border-b-4 border-gov-red bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <a href="/staff" className="flex items-baseline gap-2 text-slate-900 no-underline">
            <span className="text-xl font-bold text-gov-red">{t('app.name')}</span>
            <span className="hidden text-sm text-slate-600 sm:inline">{t('nav.staff')}</span>
          </a>
          <nav aria-label={t('nav.home')} className="order-3 w-full sm:order-none sm:w-auto">
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {nav.map((n) => (
                <li key={n.href}>
                  <a className="text-slate-800 hover:text-brand-700 hover:underline" href={n.href}>
                    {t(n.labelKey)}
                    {n.count ? (
                      <span className="ml-1 rounded-full bg-gov-red px-1.5 text-xs font-semibold text-white" data-testid={`nav-count-${n.href}`}>
                        {n.count}
                      </span>
                    ) : null}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <SignedInControls signedInAs={t('auth.signedInAs', { name: userName })} changePassword={t('auth.changePassword')} signOut={t('nav.signOut')} />
            <LocaleSelect locale={locale} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}

/** app/not-found.tsx for these pages: the same page, status 404 (lib/staff-pages/registry.ts). */
function NotFound() {
  const t = useTranslations();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="page-title" data-testid="not-found">
        404
      </h1>
      <p className="mb-6 text-slate-700">{t('errors.notFound')}</p>
      <a className="link" href="/">
        {t('nav.home')}
      </a>
    </main>
  );
}
