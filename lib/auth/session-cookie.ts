/**
 * next-auth's session cookie, as it names and reads it (no server-only imports: proxy.ts uses it too).
 * `__Secure-` prefixed when NEXTAUTH_URL is https; a token over 4 KB is split into chunks `name.0`, `name.1` ….
 */
export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const;

/** The session cookie's name for this site. */
export function sessionCookieName(env: NodeJS.ProcessEnv = process.env): (typeof SESSION_COOKIES)[number] {
  return (env.NEXTAUTH_URL ?? '').startsWith('https://') ? SESSION_COOKIES[0] : SESSION_COOKIES[1];
}

/** The session token of a request: one cookie, or its chunks joined in order; null without one. */
export function sessionCookieValue(store: { getAll(): { name: string; value: string }[] }, env: NodeJS.ProcessEnv = process.env): string | null {
  const name = sessionCookieName(env);
  const chunks: [number, string][] = [];
  for (const c of store.getAll()) {
    if (c.name === name) chunks.push([-1, c.value]);
    else if (c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1))) chunks.push([Number(c.name.slice(name.length + 1)), c.value]);
  }
  if (chunks.length === 0) return null;
  return chunks
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v)
    .join('');
}
