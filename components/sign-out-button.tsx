'use client';

/**
 * The label comes translated from the server header: no message catalogue or session client in the browser.
 * The sign-out code (lib/auth/client-auth.ts) loads on click, not with the page (issue 13: first-load JS).
 */
export function SignOutButton({ label }: { label: string }) {
  return (
    <button type="button" className="text-sm underline underline-offset-2" onClick={() => void import('@/lib/auth/client-auth').then((m) => m.signOutAndGo('/'))}>
      {label}
    </button>
  );
}
