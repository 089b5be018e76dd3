/**
 * `Content-Disposition: attachment` for a download whose name may be Chinese (答复书-GK2026-….pdf) or come
 * from a user (an uploaded file's name). Two names, per RFC 6266:
 * - `filename*=UTF-8''…` (RFC 8187): the real name, percent-encoded — every byte outside attr-char,
 *   including ' ( ) * which encodeURIComponent leaves alone and which would end or break the value;
 * - `filename="…"`: an ASCII stand-in for old clients — non-ASCII, quotes, backslashes and separators
 *   become `_`, the extension is kept, and a name left with no letters or digits becomes `download.<ext>`.
 * Control characters and lone surrogates (which would make the header invalid: a 500) are dropped first;
 * path separators are replaced so that no client can read the name as a path.
 */
const MAX_NAME_LENGTH = 200;

function cleanName(filename: string): string {
  const name = filename
    .toWellFormed()
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[/\\]/g, '_')
    .trim();
  return [...name].slice(0, MAX_NAME_LENGTH).join('') || 'download';
}

/** RFC 8187 value-chars: attr-char as is, everything else as %XX of its UTF-8 bytes. */
export function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function asciiFallback(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const ext = dot > 0 && /^\.[A-Za-z0-9]{1,8}$/.test(filename.slice(dot)) ? filename.slice(dot) : '';
  const stem = (ext ? filename.slice(0, dot) : filename).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+/g, '_');
  return /[A-Za-z0-9]/.test(stem) ? `${stem}${ext}` : `download${ext}`;
}

/** The header value for a file served as an attachment (never inline). */
export function attachmentDisposition(filename: string): string {
  const name = cleanName(filename);
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}
