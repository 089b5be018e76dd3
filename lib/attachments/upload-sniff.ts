/**
 * Uploads from applicants (supporting files of an application, files answering a 补正 request): at most
 * MAX_UPLOAD_FILES files of at most MAX_UPLOAD_BYTES each, and only kinds an agency can open safely. The
 * kind is decided by the file's first bytes (magic numbers), never by the name or the browser's declared
 * type, which the sender controls: a renamed executable is refused, a PDF called "scan.jpg" is stored as a
 * PDF. The stored content type is the sniffed one, and files are always served back as attachments.
 *
 * Pure: no I/O. Problems are message keys of the `portal` catalogue namespace (STYLE §11).
 * Staff uploads: lib/attachments/staff-upload-sniff.ts (same rule, wider list).
 */
import { normalizeText } from '@/lib/validation/text';

export const MAX_UPLOAD_FILES = 5;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type UploadKind = 'pdf' | 'jpeg' | 'png' | 'docx' | 'xlsx' | 'text';

export const UPLOAD_CONTENT_TYPES: Record<UploadKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  text: 'text/plain; charset=utf-8',
};

export const EXTENSIONS: Record<UploadKind, string> = { pdf: 'pdf', jpeg: 'jpg', png: 'png', docx: 'docx', xlsx: 'xlsx', text: 'txt' };

/** For the file input's `accept` attribute: a hint to the browser only; the server sniffs. */
export const UPLOAD_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.txt,application/pdf,image/jpeg,image/png,text/plain';

export const UPLOAD_MESSAGES = {
  tooMany: 'portal.upload.too_many',
  tooLarge: 'portal.upload.too_large',
  empty: 'portal.upload.empty',
  unsupported: 'portal.upload.unsupported',
} as const;
export type UploadMessageKey = (typeof UPLOAD_MESSAGES)[keyof typeof UPLOAD_MESSAGES];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4

/**
 * Names of the entries of a zip archive, read from its local file headers (an OOXML file is a zip whose
 * first entries are [Content_Types].xml, _rels/… and word/… or xl/…). Stops at the first non-header.
 */
export function zipEntryNames(bytes: Uint8Array, maxEntries = 200): string[] {
  const names: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  while (names.length < maxEntries && startsWith(bytes, ZIP_LOCAL_HEADER, offset) && offset + 30 <= bytes.length) {
    const flags = view.getUint16(offset + 6, true);
    const compressedSize = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    const nameStart = offset + 30;
    if (nameStart + nameLength > bytes.length) break;
    names.push(decoder.decode(bytes.subarray(nameStart, nameStart + nameLength)));
    // With a data descriptor (flag bit 3) the size is not in the header: the next header cannot be found
    // cheaply, so stop; the names read so far usually include the distinctive folder.
    if (flags & 0x08) break;
    offset = nameStart + nameLength + extraLength + compressedSize;
  }
  return names;
}

function ooxmlKind(bytes: Uint8Array): 'docx' | 'xlsx' | null {
  const names = zipEntryNames(bytes);
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  // Fallback for archives with data descriptors: the central directory at the end lists every name.
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65_536)));
  if (!tail.includes('[Content_Types].xml')) return null;
  if (tail.includes('word/document.xml')) return 'docx';
  if (tail.includes('xl/workbook.xml')) return 'xlsx';
  return null;
}

/**
 * Plain text: valid UTF-8 (with or without BOM) with no NUL and no control characters other than tab,
 * line feed, carriage return and form feed. Binary formats fail this almost at once.
 */
export function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** The kind of a file from its content, or null when it is none of the accepted kinds. */
export function sniffUploadKind(bytes: Uint8Array): UploadKind | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) return ooxmlKind(bytes);
  if (isPlainText(bytes)) return 'text';
  return null;
}

export interface UploadCandidate {
  name: string;
  bytes: Uint8Array;
}

export interface AcceptedUpload {
  filename: string;
  contentType: string;
  kind: UploadKind;
  data: Uint8Array;
}

export type UploadCheck =
  | { ok: true; files: AcceptedUpload[] }
  | { ok: false; problems: { messageKey: UploadMessageKey; params: Record<string, string | number> }[] };

/**
 * A safe stored filename: no path, no control characters, at most 120 characters, and the extension of
 * the sniffed kind (so a download never opens as something else).
 */
export function safeFilename(name: string, kind: UploadKind): string {
  return withExtension(name, EXTENSIONS[kind]);
}

/** The text rule (bidi and control characters stripped, lib/validation/text.ts), no path, the given extension. */
export function withExtension(name: string, extension: string): string {
  const base = (normalizeText(name, { singleLine: true }).split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f"<>:|?*]/g, '')
    .trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 100) || 'file';
  return `${stem}.${extension}`;
}

/** Checks count, size and kind of every file; all problems at once, each naming its file. */
export function checkUploads(candidates: readonly UploadCandidate[]): UploadCheck {
  const problems: { messageKey: UploadMessageKey; params: Record<string, string | number> }[] = [];
  if (candidates.length > MAX_UPLOAD_FILES) {
    problems.push({ messageKey: UPLOAD_MESSAGES.tooMany, params: { max: MAX_UPLOAD_FILES } });
  }
  const files: AcceptedUpload[] = [];
  for (const file of candidates.slice(0, MAX_UPLOAD_FILES)) {
    if (file.bytes.length === 0) {
      problems.push({ messageKey: UPLOAD_MESSAGES.empty, params: { name: file.name } });
      continue;
    }
    if (file.bytes.length > MAX_UPLOAD_BYTES) {
      problems.push({ messageKey: UPLOAD_MESSAGES.tooLarge, params: { name: file.name, maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 } });
      continue;
    }
    const kind = sniffUploadKind(file.bytes);
    if (!kind) {
      problems.push({ messageKey: UPLOAD_MESSAGES.unsupported, params: { name: file.name } });
      continue;
    }
    files.push({ filename: safeFilename(file.name, kind), contentType: UPLOAD_CONTENT_TYPES[kind], kind, data: file.bytes });
  }
  return problems.length ? { ok: false, problems } : { ok: true, files };
}
