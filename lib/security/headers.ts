/**
 * Security headers for every response (issue 8 item 5), applied by proxy.ts. Pure, unit-tested.
 *
 * - Content-Security-Policy with a fresh nonce per request: scripts only from this origin that carry the
 *   nonce (Next.js adds it to its own scripts when it finds the policy on the request) and what they load
 *   ('strict-dynamic'); no inline script without the nonce, no eval (except `next dev`'s refresh), no
 *   plugins, no <base> hijack, forms post only here, and no framing at all (frame-ancestors 'none').
 *   Styles allow inline attributes: React style props and Tailwind need them, and CSS cannot run script.
 * - Permissions-Policy: every powerful feature off (the app uses none).
 * - Strict-Transport-Security only when the request came over https (directly or via a trusted proxy).
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'${opts.dev ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    `frame-src 'self'`,
    `worker-src 'self' blob:`,
    `manifest-src 'self'`,
  ];
  if (opts.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  // No 'bluetooth': Chromium does not know that feature and logs an error for it on every page (Web Bluetooth
  // is not a policy-controlled feature there), so it protected nothing and cluttered the console.
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'interest-cohort=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** One year, subdomains included; no preload (an operator decision, see docs/deployment.md). */
export const HSTS = 'max-age=31536000; includeSubDomains';

const NONCE_BYTES = 16;
/** Random bytes drawn at once for NONCE_POOL / NONCE_BYTES nonces (as node:crypto's randomUUID pools its). */
const NONCE_POOL = NONCE_BYTES * 256;
let pool = new Uint8Array(0);
let offset = 0;

/**
 * A nonce: 128 random bits from the CSPRNG, base64. Runs on every request (proxy.ts): the random bytes are
 * drawn 4 KB at a time and each 16-byte slice is used once, so a request costs no call into the random
 * source of its own (1 % of a signed-in page's CPU, issue 13) and every nonce is as unpredictable as before.
 */
export function newNonce(): string {
  if (offset + NONCE_BYTES > pool.length) {
    pool = new Uint8Array(NONCE_POOL);
    crypto.getRandomValues(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  let text = '';
  for (let i = 0; i < NONCE_BYTES; i++) text += String.fromCharCode(bytes[i]!);
  return btoa(text);
}
