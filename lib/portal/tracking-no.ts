/**
 * Tracking numbers as applicants type them: spaces dropped, upper case, full-width characters (common with
 * Chinese input methods) folded to ASCII, so the throttling key and the look-up see one form.
 */
export function normalizeTrackingNo(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[‐‑‒–—―－]/g, '-')
    .toUpperCase()
    .slice(0, 40);
}
