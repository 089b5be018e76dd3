import type { ComponentType, ReactNode } from 'react';
import { SignOutButton } from './sign-out-button';

/** The element a header links with: next/link on App Router pages, a plain <a> on Pages Router pages. */
export type HeaderLink = ComponentType<{ href: string; className?: string; 'data-testid'?: string; children?: ReactNode }>;

/**
 * The signed-in user's part of every header: "signed in as …", the change-password link and the sign-out
 * button, with texts translated by the caller. One component for the App Router's components/site-header.tsx
 * (a server component; `link` = next/link) and the Pages Router frames (components/portal/portal-page.tsx,
 * components/staff/staff-page.tsx; `link` = 'a', a full load into the App Router's page). No directive: it
 * renders on the server in the first, and in the browser too in the others.
 */
export function SignedInControls({ signedInAs, changePassword, signOut, link: Link = 'a' }: { signedInAs: string; changePassword: string; signOut: string; link?: HeaderLink | 'a' }) {
  return (
    <>
      <span className="hidden text-slate-700 sm:inline" data-testid="signed-in-as">
        {signedInAs}
      </span>
      <Link className="link" href="/account/password" data-testid="change-password-link">
        {changePassword}
      </Link>
      <SignOutButton label={signOut} />
    </>
  );
}
