/**
 * Sign-in and sign-out against next-auth's own endpoints with `fetch`, the same requests `next-auth/react`
 * makes (CSRF token from /api/auth/csrf, then a form POST), without loading its session client (≈ 12 KB
 * gzip) on every page (issue 13). Browser-only.
 */

async function csrfToken(): Promise<string> {
  const res = await fetch('/api/auth/csrf', { cache: 'no-store' });
  const body = (await res.json()) as { csrfToken?: string };
  return body.csrfToken ?? '';
}

async function post(path: string, fields: Record<string, string>): Promise<{ ok: boolean; url: string | null }> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: 'true' }),
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  return { ok: res.ok, url: body.url ?? null };
}

/** Credentials sign-in; `error` is next-auth's error code (e.g. `throttled`, `CredentialsSignin`) or null. */
export async function signInWithCredentials(fields: { identifier: string; password: string; callbackUrl: string }): Promise<{ error: string | null }> {
  const { ok, url } = await post('/api/auth/callback/credentials', fields);
  const error = url ? new URL(url, window.location.href).searchParams.get('error') : 'CredentialsSignin';
  return { error: ok ? error : (error ?? 'CredentialsSignin') };
}

/** Ends the session and goes to `callbackUrl`. */
export async function signOutAndGo(callbackUrl: string): Promise<void> {
  await post('/api/auth/signout', { callbackUrl });
  window.location.assign(callbackUrl);
}
