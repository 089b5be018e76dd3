import type { ReactNode } from 'react';
import type { HeaderLink } from './signed-in-controls';

/** A navigation entry as the header shows it: its translated label and, for the work queue, a count. */
export interface HeaderBarItem {
  href: string;
  label: string;
  /** Omitted or 0 shows none. */
  count?: number;
}

/**
 * The bar every header draws: brand with the audience's name, the navigation, and the user's controls
 * (`children`: signed-in controls or the sign-in link, and the language choice). One markup for the App
 * Router's components/site-header.tsx (`link` = next/link) and the Pages Router frames
 * (components/portal/portal-page.tsx, components/staff/staff-page.tsx; `link` = 'a'). Texts come translated.
 */
export function HeaderBar({
  link: Link = 'a',
  homeHref,
  appName,
  area,
  navLabel,
  nav,
  busy,
  children,
}: {
  link?: HeaderLink | 'a';
  homeHref: string;
  appName: string;
  area: string;
  navLabel: string;
  nav: HeaderBarItem[];
  /** The user's part is still being asked for (aria-busy). */
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <header className="border-b-4 border-gov-red bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href={homeHref} className="flex items-baseline gap-2 text-slate-900 no-underline">
          <span className="text-xl font-bold text-gov-red">{appName}</span>
          <span className="hidden text-sm text-slate-600 sm:inline">{area}</span>
        </Link>
        <nav aria-label={navLabel} className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {nav.map((n) => (
              <li key={n.href}>
                <Link className="text-slate-800 hover:text-brand-700 hover:underline" href={n.href}>
                  {n.label}
                  {n.count ? (
                    <span
                      className="ml-1 rounded-full bg-gov-red px-1.5 text-xs font-semibold text-white"
                      data-testid={`nav-count-${n.href}`}
                    >
                      {n.count}
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm" aria-busy={busy ? true : undefined}>
          {children}
        </div>
      </div>
    </header>
  );
}
