'use client';

import { LocaleSelect } from '@/components/locale-select';
import { HeaderBar } from '@/components/header-bar';
import { NotFoundBody } from '@/components/not-found-body';
import { SignedInControls } from '@/components/signed-in-controls';
import type { StaffPageMessageSet } from '@/lib/i18n/client-messages';
import type { Locale } from '@/lib/i18n/config';
import { LiteMessagesProvider, useTranslations } from '@/lib/i18n/lite-client';
import { refMessages, type MessageSetRef } from '@/lib/i18n/message-asset-ref';

/** The frame's props, as lib/staff-pages/server.ts answers (StaffFrameProps), or the 404 page's. */
export type StaffPageFrameProps =
  | { notFound?: undefined; locale: Locale; messages: MessageSetRef; nav: { href: string; labelKey: string; count?: number }[]; userName: string }
  | { notFound: true; locale: Locale; messages: MessageSetRef };

/**
 * The frame of the staff pages served by the Pages Router (/staff, /staff/cases; lib/staff-pages/server.ts):
 * the skip link, the header of the App Router's staff layout (app/(staff)/staff/layout.tsx with
 * components/site-header.tsx: brand, the user's navigation with the 待办 count, the user, change password,
 * sign out, the language switch) and its <main>; or, for a signed-in user without a staff role, the 404 page
 * of app/not-found.tsx. Texts come from the page's lite message set (`set`: for the reader and for
 * lib/i18n/client-message-coverage.test.ts), in the browser from its cached asset (lib/i18n/message-asset-ref.ts). Links are plain <a>: the other staff pages are App Router pages.
 */
export function StaffPage({ children, ...props }: StaffPageFrameProps & { set: StaffPageMessageSet; children?: React.ReactNode }) {
  return (
    <LiteMessagesProvider locale={props.locale} messages={refMessages(props.messages)}>
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
      <HeaderBar homeHref="/staff" appName={t('app.name')} area={t('nav.staff')} navLabel={t('nav.home')} nav={nav.map((n) => ({ href: n.href, label: t(n.labelKey), count: n.count }))}>
        <SignedInControls signedInAs={t('auth.signedInAs', { name: userName })} changePassword={t('auth.changePassword')} signOut={t('nav.signOut')} />
        <LocaleSelect locale={locale} />
      </HeaderBar>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}

/** app/not-found.tsx for these pages: the same page, status 404 (lib/staff-pages/registry.ts). */
function NotFound() {
  const t = useTranslations();
  return <NotFoundBody message={t('errors.notFound')} home={t('nav.home')} />;
}
