'use client';

import { signOutAndGo } from '@/lib/auth/client-auth';

/** The label comes translated from the server header: no message catalogue or session client in the browser. */
export function SignOutButton({ label }: { label: string }) {
  return (
    <button type="button" className="text-sm underline underline-offset-2" onClick={() => void signOutAndGo('/')}>
      {label}
    </button>
  );
}
