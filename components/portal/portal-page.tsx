'use client';

import { createContext, useContext, useEffect, useState } from 'react';
import { LocaleSelect } from '@/components/locale-select';
import { HeaderBar } from '@/components/header-bar';
import { SignedInControls } from '@/components/signed-in-controls';
import type { Locale } from '@/lib/i18n/config';
import { LiteMessagesProvider, useTranslations } from '@/lib/i18n/lite-client';
import { refMessages } from '@/lib/i18n/message-asset-ref';
import type { Role } from '@/lib/cases/workflow';
import type { PortalPageMessageSet } from '@/lib/i18n/client-messages';
import { portalNav } from '@/lib/portal/portal-nav';
import type { PortalPageProps } from '@/lib/portal/pages';

/** Who is signed in, as GET /api/portal/session answers (the session checks of lib/auth/session.ts). */
export interface PortalUser {
  name: string;
  role: Role;
}

/** `known: false` while the session is being asked for (a session cookie came with the page). */
export interface PortalSession {
  known: boolean;
  user: PortalUser | null;
}

const SessionContext = createContext<PortalSession>({ known: true, user: null });

/** The signed-in user of a citizen page (null for anonymous visitors), and whether that is known yet. */
export function usePortalSession(): PortalSession {
  return useContext(SessionContext);
}

/**
 * The frame of the citizen pages served by the Pages Router (/, /apply, /track; lib/portal/pages.ts): the
 * skip link, the portal header — the same look, navigation, user area and language switch as the App
 * Router's components/site-header.tsx — and its <main> (the title is the document's: pages/_document.tsx). Texts come from the page's lite
 * message set: `set` names it for the reader and for lib/i18n/client-message-coverage.test.ts; the page's
 * getServerSideProps names it (lib/portal/pages.ts), the browser takes it from its cached asset
 * (lib/i18n/message-asset-ref.ts). Links are plain <a>: the other pages are App Router
 * pages, and next/link would add its code and prefetches to the first load.
 */
export function PortalPage({ locale, messages, sessionCookie, children }: PortalPageProps & { set: PortalPageMessageSet; children: React.ReactNode }) {
  const session = useSession(sessionCookie);
  return (
    <LiteMessagesProvider locale={locale} messages={refMessages(messages)}>
      <SessionContext.Provider value={session}>
        <Frame locale={locale} session={session}>
          {children}
        </Frame>
      </SessionContext.Provider>
    </LiteMessagesProvider>
  );
}

/** Anonymous unless the page came with a session cookie; then who it belongs to, once the server answers. */
function useSession(sessionCookie: boolean): PortalSession {
  const [session, setSession] = useState<PortalSession>({ known: !sessionCookie, user: null });
  useEffect(() => {
    if (!sessionCookie) return;
    let live = true;
    fetch('/api/portal/session', { headers: { accept: 'application/json' }, cache: 'no-store' })
      .then((res) => (res.ok ? (res.json() as Promise<{ user: PortalUser | null }>) : { user: null }))
      .catch(() => ({ user: null }))
      .then(({ user }) => {
        if (live) setSession({ known: true, user: user ?? null });
      });
    return () => {
      live = false;
    };
  }, [sessionCookie]);
  return session;
}

function Frame({ locale, session, children }: { locale: Locale; session: PortalSession; children: React.ReactNode }) {
  const t = useTranslations();
  const { user } = session;
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t('app.skipToContent')}
      </a>
      <HeaderBar homeHref="/" appName={t('app.name')} area={t('app.fullName')} navLabel={t('nav.home')} nav={portalNav(user?.role ?? null).map((n) => ({ href: n.href, label: t(n.labelKey) }))} busy={!session.known}>
        {user ? (
          <SignedInControls signedInAs={t('auth.signedInAs', { name: user.name })} changePassword={t('auth.changePassword')} signOut={t('nav.signOut')} />
        ) : session.known ? (
          <a className="link" href="/signin">
            {t('nav.signIn')}
          </a>
        ) : null}
        <LocaleSelect locale={locale} />
      </HeaderBar>
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
