import 'server-only';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, UPLOAD_MESSAGES, checkUploads, type AcceptedUpload, type UploadCandidate } from '@/lib/attachments/upload-sniff';

export interface UploadProblem {
  messageKey: string;
  params: Record<string, string | number>;
}

/**
 * The files of a form field, checked (count, size, sniffed kind). The empty entry a file input sends when
 * nothing was chosen is ignored; an oversized file is refused without being read into memory.
 */
export async function readFormFiles(form: FormData, field: string): Promise<{ files: AcceptedUpload[]; problems: UploadProblem[]; hadFiles: boolean }> {
  // A file input with nothing chosen still sends one empty part (named "" — or "undefined" after some
  // multipart parsers); only an empty file with a real name is the applicant's mistake.
  const entries = form
    .getAll(field)
    .filter((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f)
    .filter((f) => f.size > 0 || (f.name !== '' && f.name !== 'undefined' && f.name !== 'blob'));
  const problems: UploadProblem[] = [];
  if (entries.length > MAX_UPLOAD_FILES) problems.push({ messageKey: UPLOAD_MESSAGES.tooMany, params: { max: MAX_UPLOAD_FILES } });
  const candidates: UploadCandidate[] = [];
  for (const file of entries.slice(0, MAX_UPLOAD_FILES)) {
    if (file.size > MAX_UPLOAD_BYTES) {
      problems.push({ messageKey: UPLOAD_MESSAGES.tooLarge, params: { name: file.name, maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 } });
      continue;
    }
    candidates.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  }
  const checked = checkUploads(candidates);
  if (!checked.ok) problems.push(...checked.problems);
  return { files: checked.ok ? checked.files : [], problems, hadFiles: entries.length > 0 };
}
