/**
 * Staff uploads (internal files, disclosed files) accept a wider list than applicants' (TIFF scans, legacy
 * Word/Excel, OFD, zip) and are sniffed the same way — the kind decided by the content, with the maintained
 * `file-type` package for the binary formats. The browser's declared type is never trusted: an HTML page
 * called "scan.pdf" is stored and served (as an attachment) as text/plain with a .txt name. Server only
 * (file-type's Node entry); pure otherwise.
 */
import 'server-only';
import { fileTypeFromBuffer } from 'file-type';
import { EXTENSIONS, UPLOAD_CONTENT_TYPES, isPlainText, sniffUploadKind, withExtension, zipEntryNames, type UploadKind } from '@/lib/attachments/upload-sniff';

export type StaffUploadKind = UploadKind | 'tiff' | 'doc' | 'xls' | 'ofd' | 'zip';

export const STAFF_UPLOAD_CONTENT_TYPES: Record<StaffUploadKind, string> = {
  ...UPLOAD_CONTENT_TYPES,
  tiff: 'image/tiff',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ofd: 'application/ofd', // 版式文件 used by Chinese agencies (GB/T 33190): a zip with OFD.xml at its root
  zip: 'application/zip',
};

const STAFF_EXTENSIONS: Record<StaffUploadKind, string> = { ...EXTENSIONS, tiff: 'tif', doc: 'doc', xls: 'xls', ofd: 'ofd', zip: 'zip' };

/**
 * The kind of a staff upload from its content: `file-type` for binary formats; a legacy Office file
 * (Compound File Binary, which holds both .doc and .xls) takes Word or Excel from the name's extension, and
 * is refused with any other name; plain UTF-8 text (including HTML, which is never served as a page) is text.
 */
export async function sniffStaffUploadKind(bytes: Uint8Array, name: string): Promise<StaffUploadKind | null> {
  if (bytes.length === 0) return null;
  const detected = await fileTypeFromBuffer(bytes);
  switch (detected?.ext) {
    case 'pdf':
      return 'pdf';
    case 'jpg':
      return 'jpeg';
    case 'png':
      return 'png';
    case 'tif':
      return 'tiff';
    case 'docx':
      return 'docx';
    case 'xlsx':
      return 'xlsx';
    case 'cfb': {
      const ext = /\.([a-z]+)$/i.exec(name.trim())?.[1]?.toLowerCase();
      return ext === 'doc' ? 'doc' : ext === 'xls' ? 'xls' : null;
    }
    case 'zip': {
      const own = sniffUploadKind(bytes);
      if (own === 'docx' || own === 'xlsx') return own;
      return zipEntryNames(bytes).some((n) => n === 'OFD.xml') ? 'ofd' : 'zip';
    }
    case undefined:
      return isPlainText(bytes) ? 'text' : null;
    default:
      return null;
  }
}

/** A staff file checked: sniffed kind, its content type and a safe name with the kind's extension. */
export async function checkStaffUpload(file: { filename: string; data: Uint8Array }): Promise<
  { ok: true; kind: StaffUploadKind; contentType: string; filename: string } | { ok: false; messageKey: 'attachment.empty' | 'attachment.content_type_not_allowed' }
> {
  if (file.data.byteLength === 0) return { ok: false, messageKey: 'attachment.empty' };
  const kind = await sniffStaffUploadKind(file.data, file.filename);
  if (!kind) return { ok: false, messageKey: 'attachment.content_type_not_allowed' };
  return { ok: true, kind, contentType: STAFF_UPLOAD_CONTENT_TYPES[kind].split(';')[0], filename: withExtension(file.filename, STAFF_EXTENSIONS[kind]) };
}
