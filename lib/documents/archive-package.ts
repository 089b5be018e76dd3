/**
 * The archive package (归档案卷, issue 11 item 6): one PDF of a whole archived case in filing order —
 *
 *   封面 (file number 档号, organisation, title, dates, retention, page count)
 *   卷内目录 (table of contents: 序号, 文号, 责任者, 题名, 日期, 页号, 备注)
 *   政府信息公开申请表, then the application and correction files (PDFs merged page by page with pdf-lib,
 *     PNG/JPEG images placed on A4 pages, other files listed in the 目录 and the 备考表 with size and SHA-256)
 *   every letter as issued (the answer followed by its disclosed files)
 *   the 送达回证 of every recorded delivery
 *   the 审批单
 *   the history (办理记录: every event of the case)
 *   卷内备考表 (what the file holds, what could not be merged and why, who filed it and when).
 *
 * Pages are numbered continuously from the cover (页号 = the reader's page number); every page after the cover
 * carries its number in the top outer corner (stampPdf, laid over the page as a form XObject), and the 目录
 * cites those numbers. docs/decisions.md "Archive package" records the 档号 form and these choices.
 *
 * Deterministic: the same case gives the same bytes — every part is rendered deterministically, pdf-lib's
 * metadata is fixed (no Producer/ModDate of "now"), and the file ID is a SHA-256 of the parts' content.
 *
 * Memory is bounded: attachments are read and merged one at a time (the output document holds the merged
 * pages, nothing else), PNGs larger than MAX_IMAGE_PIXELS are not decoded, and merging stops adding files
 * past MAX_MERGED_BYTES or MAX_FILE_PAGES pages per file (such files are listed instead). A malformed,
 * encrypted or unreadable file is listed with the reason, never an error.
 */
import 'server-only';
import crypto from 'node:crypto';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import { caseScopeWhere, isStaff, type Actor } from '@/lib/cases/actor';
import { isUuid } from '@/lib/cases/case-write';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { loadApprovalSheet, loadDeliveryProofs, safeFileName, zhLabel } from '@/lib/documents/case-records';
import { renderCaseDocumentPdf } from '@/lib/documents/case-documents';
import {
  archiveFileNumber,
  backSheetForm,
  chinaDateTime,
  coverForm,
  eventDetail,
  historyForm,
  pageLabel,
  sniffFile,
  tocForm,
  type ArchiveEntry,
  type HistoryRow,
} from '@/lib/documents/archive-forms';
import { layoutForm, type FormInput } from '@/lib/documents/form-layout';
import { PAGE_HEIGHT, PAGE_WIDTH, TYPE_AREA } from '@/lib/documents/layout';
import { CHANNEL_DOCUMENT_LABEL } from '@/lib/documents/outcome-text';
import { accessWayText, approvalSheetForm, deliveryProofForm } from '@/lib/documents/record-forms';
import { pngSize } from '@/lib/documents/render-pdf';
import { renderFormPages, renderFormPdf } from '@/lib/documents/render-form';
import { stampPages } from '@/lib/documents/page-stamps';
import { formatChineseDate, resolveTemplate } from '@/lib/documents/templates';
import { maskedCaseContact } from '@/lib/privacy/personal-data';

/** Files beyond this many bytes merged in total are listed, not merged (bounds the output's size and memory). */
export const MAX_MERGED_BYTES = 200 * 1024 * 1024;
/** A file with more pages than this is listed, not merged. */
export const MAX_FILE_PAGES = 2000;
/** PNGs are decoded to be embedded: larger images are listed (a decompression bomb stays a list entry). */
export const MAX_IMAGE_PIXELS = 40_000_000;

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
/** Placeholder page labels while the page count of the 目录 is worked out (as wide as any real label). */
const PLACEHOLDER_PAGES = '8888-8888';

const dateOf = (d: Date | null | undefined) => (d ? formatChineseDate(dbDateToIso(d)) : '');
const dayOf = (instant: Date) => formatChineseDate(chinaToday(instant));

export interface ArchivePackage {
  filename: string;
  data: Buffer;
  fileNumber: string;
  pageCount: number;
  entries: ArchiveEntry[];
}

// ── assembling ───────────────────────────────────────────────────────────────────────────────────────────

class Assembler {
  readonly hash = crypto.createHash('sha256');
  mergedBytes = 0;
  constructor(readonly out: PDFDocument) {}

  get pageCount(): number {
    return this.out.getPageCount();
  }

  /** Appends our own rendered PDF; returns the number of pages added. */
  async addOwn(bytes: Buffer): Promise<number> {
    this.hash.update(bytes);
    const src = await PDFDocument.load(bytes, { updateMetadata: false });
    const pages = await this.out.copyPages(src, src.getPageIndices());
    for (const p of pages) this.out.addPage(p);
    return pages.length;
  }

  /** Appends a stored file; returns the pages added or why it was not merged. */
  async addFile(data: Uint8Array, sha256: string): Promise<{ pages: number } | { reason: string }> {
    this.hash.update(`file:${sha256}:${data.length};`);
    const kind = sniffFile(data);
    if (kind === 'other') return { reason: '非PDF或图像文件，未并入' };
    if (this.mergedBytes + data.length > MAX_MERGED_BYTES) return { reason: '案卷已达合并上限，未并入' };
    try {
      if (kind === 'pdf') {
        let src: PDFDocument;
        try {
          src = await PDFDocument.load(data, { updateMetadata: false, throwOnInvalidObject: false });
        } catch (e) {
          return { reason: e instanceof Error && e.name === 'EncryptedPDFError' ? '文件已加密，无法并入' : '文件损坏，无法并入' };
        }
        const count = src.getPageCount();
        if (count === 0) return { reason: '文件损坏，无法并入' };
        if (count > MAX_FILE_PAGES) return { reason: `页数过多（${count}页），未并入` };
        const pages = await this.out.copyPages(src, src.getPageIndices());
        for (const p of pages) this.out.addPage(p);
        this.mergedBytes += data.length;
        return { pages: pages.length };
      }
      if (kind === 'png') {
        const size = pngSize(Buffer.from(data.subarray(0, 32)))!;
        if (size.width * size.height > MAX_IMAGE_PIXELS) return { reason: '图像过大，未并入' };
      }
      const image = kind === 'png' ? await this.out.embedPng(data) : await this.out.embedJpg(data);
      const page = this.out.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
      // Fitted into the type area, centred; never enlarged beyond 2× its pixel size.
      const scale = Math.min(TYPE_AREA.width / image.width, TYPE_AREA.height / image.height, 2);
      const w = image.width * scale;
      const h = image.height * scale;
      page.drawImage(image, { x: TYPE_AREA.left + (TYPE_AREA.width - w) / 2, y: PAGE_HEIGHT - TYPE_AREA.top - h - (TYPE_AREA.height - h) / 2, width: w, height: h });
      this.mergedBytes += data.length;
      return { pages: 1 };
    } catch {
      return { reason: '文件损坏，无法并入' };
    }
  }
}

interface Part {
  entry: Omit<ArchiveEntry, 'seq' | 'firstPage' | 'lastPage' | 'note'> & { note?: string };
  /** A stored file (listed in the 备考表 when it cannot be merged). */
  file?: { size: number; sha256: string };
  /** Renders and appends the part; returns the pages added or the reason it was not merged. */
  add: (a: Assembler) => Promise<{ pages: number } | { reason: string }>;
}

/**
 * Builds the archive package of an archived case, for staff in scope (others: NOT_FOUND). Printing it reveals
 * the applicant's postal address on the 送达回证: audited as `case.postal_address_revealed` (purpose archive).
 */
export async function buildArchivePackage(actor: Actor, caseId: string): Promise<ArchivePackage> {
  if (!isStaff(actor) || !isUuid(caseId)) throw new DomainError('NOT_FOUND', 'case.not_found');
  const kase = await db.case.findFirst({
    where: { AND: [{ id: caseId }, caseScopeWhere(actor)] },
    select: {
      id: true,
      status: true,
      trackingNo: true,
      applicantName: true,
      applicantType: true,
      idDocType: true,
      idNumberMasked: true,
      legalRepresentative: true,
      contactPerson: true,
      mobileEnc: true,
      emailEnc: true,
      postalAddressEnc: true,
      postalCode: true,
      description: true,
      documentRef: true,
      requestedForm: true,
      deliveryMethod: true,
      channel: true,
      arrivedAt: true,
      createdAt: true,
      receivedOn: true,
      retentionNote: true,
      org: { select: { id: true, code: true, name: true, path: true } },
    },
  });
  if (!kase) throw new DomainError('NOT_FOUND', 'case.not_found');
  if (kase.status !== 'archived') throw new DomainError('VALIDATION', 'document.archive_not_archived');

  const archivedEvent = await db.caseEvent.findFirst({ where: { caseId, type: 'archived' }, orderBy: { id: 'desc' }, select: { occurredAt: true, actorId: true } });
  const archivedOn = chinaToday(archivedEvent?.occurredAt ?? new Date(0));
  const fileNumber = archiveFileNumber(kase.org.code, archivedOn, kase.trackingNo);
  const orgName = kase.org.name;
  const submittedOn = dayOf(kase.arrivedAt ?? kase.createdAt);
  const parts: Part[] = [];

  // 1. The application as registered (contact details masked: the full values stay in the system, revealed on demand).
  const contact = maskedCaseContact(kase);
  parts.push({
    entry: { docNumber: kase.trackingNo, author: kase.applicantName, title: '政府信息公开申请表', date: submittedOn },
    add: async (a) => ({
      pages: await a.addOwn(
        await renderFormPdf({
          title: '政府信息公开申请表',
          pageNumbers: false,
          blocks: [
            { kind: 'text', text: `受理机关：${orgName}`, align: 'left' },
            { kind: 'space', height: 6 },
            {
              kind: 'table',
              columns: [3, 7],
              rows: [
                ['申请编号', kase.trackingNo],
                ['提交方式', CHANNEL_DOCUMENT_LABEL[kase.channel]],
                ['提交日期', submittedOn],
                ['收到申请日期', dateOf(kase.receivedOn)],
                ['申请人', kase.applicantName],
                ['申请人类型', zhLabel(`applicantType.${kase.applicantType}`)],
                ['证件类型', kase.idDocType ? zhLabel(`workflow.idDocType.${kase.idDocType}`) : ''],
                ['证件号码', kase.idNumberMasked ?? ''],
                ['法定代表人', kase.legalRepresentative ?? ''],
                ['联系人', kase.contactPerson ?? ''],
                ['联系电话', contact.mobile ?? ''],
                ['电子邮箱', contact.email ?? ''],
                ['通信地址', `${contact.postalAddress ?? ''}${kase.postalCode ? `（邮政编码：${kase.postalCode}）` : ''}`],
                ['所需政府信息', kase.description],
                ['文件名称、文号', kase.documentRef ?? ''],
                ['获取信息的方式', accessWayText(kase.requestedForm && zhLabel(`workflow.requestedForm.${kase.requestedForm}`), kase.deliveryMethod)],
              ].map(([label, value]) => [
                { text: label, align: 'center' as const, valign: 'middle' as const },
                { text: value, valign: 'middle' as const },
              ]),
            },
          ],
        }),
      ),
    }),
  });

  // 2. The application's and the corrections' files, in upload order.
  const fileRows = await db.attachment.findMany({
    where: { caseId, purpose: { in: ['application_file', 'correction_file', 'disclosed_file'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, filename: true, size: true, sha256: true, purpose: true, documentId: true, createdAt: true },
  });
  const fileEntry = (f: (typeof fileRows)[number], author: string): Part => ({
    file: { size: f.size, sha256: f.sha256 },
    entry: { docNumber: '', author, title: f.filename, date: dayOf(f.createdAt), note: zhLabel(`workflow.filePurpose.${f.purpose}`) },
    add: async (a) => {
      const row = await db.attachment.findUniqueOrThrow({ where: { id: f.id }, select: { data: true } });
      return a.addFile(row.data, f.sha256);
    },
  });
  for (const f of fileRows.filter((x) => x.purpose !== 'disclosed_file')) parts.push(fileEntry(f, kase.applicantName));

  // 3. Every letter as issued (the answer followed by its disclosed files).
  const letters = await db.document.findMany({
    where: { caseId, status: 'issued' },
    orderBy: [{ issuedOn: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, type: true, title: true, docNumber: true, issuedOn: true },
  });
  for (const letter of letters) {
    // The title the letter was issued with (issue 11 item 4); letters from before versioning: the current template's.
    const title = letter.title ?? (await resolveTemplate(letter.type, kase.org)).title;
    parts.push({
      entry: { docNumber: letter.docNumber ?? '', author: orgName, title, date: dateOf(letter.issuedOn) },
      add: async (a) => ({ pages: await a.addOwn((await renderCaseDocumentPdf({ actor }, letter.id)).data) }),
    });
    for (const f of fileRows.filter((x) => x.purpose === 'disclosed_file' && x.documentId === letter.id)) parts.push(fileEntry(f, orgName));
  }

  // 4. The 送达回证 of every recorded delivery.
  const proofs = await loadDeliveryProofs(db, caseId);
  for (const proof of proofs) {
    parts.push({
      entry: { docNumber: proof.docNumber ?? '', author: orgName, title: `送达回证（${proof.title}）`, date: dateOf(proof.deliveredOn) },
      add: async (a) => ({ pages: await a.addOwn(await renderFormPdf(deliveryProofForm(proof.form))) }),
    });
  }

  // 5. The 审批单 and 6. the history.
  const sheet = await loadApprovalSheet(db, caseId);
  parts.push({
    entry: { docNumber: '', author: orgName, title: '政府信息公开申请办理审批单', date: sheet.result?.issuedOn || formatChineseDate(archivedOn) },
    add: async (a) => ({ pages: await a.addOwn(await renderFormPdf({ ...approvalSheetForm(sheet), pageNumbers: false })) }),
  });
  const events = await db.caseEvent.findMany({
    where: { caseId },
    orderBy: { id: 'asc' },
    select: { type: true, actorId: true, actorRole: true, fromStatus: true, toStatus: true, occurredAt: true, data: true },
  });
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => !!id))];
  const names = new Map((await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const history: HistoryRow[] = events.map((e) => ({
    at: chinaDateTime(e.occurredAt),
    step: zhLabel(`workflow.event.${e.type}`, zhLabel('workflow.event.other', e.type)),
    actor: `${e.actorId ? (names.get(e.actorId) ?? '') : ''}${e.actorRole ? `（${zhLabel(`role.${e.actorRole}`, e.actorRole === 'system' ? '系统' : e.actorRole)}）` : ''}`,
    status:
      e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus
        ? `${zhLabel(`status.${e.fromStatus}`)}→${zhLabel(`status.${e.toStatus}`)}`
        : e.toStatus
          ? zhLabel(`status.${e.toStatus}`)
          : '',
    detail: eventDetail(e.data),
  }));
  const firstEvent = events[0]?.occurredAt ?? kase.createdAt;
  parts.push({
    entry: { docNumber: '', author: orgName, title: '办理记录', date: `${dayOf(firstEvent)}至${formatChineseDate(archivedOn)}` },
    add: async (a) => ({ pages: await a.addOwn(await renderFormPdf(historyForm(history))) }),
  });

  // Body: everything after the cover and the 目录, numbered from 1 here, offset once the 目录's length is known.
  const out = await PDFDocument.create({ updateMetadata: false });
  const assembler = new Assembler(out);
  const bodyEntries: ArchiveEntry[] = [];
  const unmerged: string[] = [];
  for (const part of parts) {
    const before = assembler.pageCount;
    const result = await part.add(assembler);
    const merged = 'pages' in result && result.pages > 0;
    const reason = 'reason' in result ? result.reason : '';
    if (!merged && part.file) unmerged.push(`${part.entry.title}（${reason}；${part.file.size}字节；SHA-256：${part.file.sha256}）`);
    bodyEntries.push({
      seq: bodyEntries.length + 1,
      docNumber: part.entry.docNumber,
      author: part.entry.author,
      title: part.entry.title,
      date: part.entry.date,
      firstPage: merged ? before + 1 : null,
      lastPage: merged ? assembler.pageCount : null,
      note: [part.entry.note ?? '', reason].filter((s) => s !== '').join('；'),
    });
  }
  const bodyPages = assembler.pageCount;

  const backSheet = (total: string): FormInput =>
    backSheetForm({
      summary: `本卷共${bodyEntries.length}件、${total}页：申请材料、告知书和答复书、送达回证、审批单和办理记录。${unmerged.length > 0 ? `另有${unmerged.length}个文件未并入。` : ''}`,
      unmerged,
      filedBy: archivedEvent?.actorId ? (names.get(archivedEvent.actorId) ?? '') : '',
      filedOn: formatChineseDate(archivedOn),
    });
  const tocPages = layoutForm(tocForm(bodyEntries, bodyEntries.map(() => PLACEHOLDER_PAGES))).length;
  const backPages = layoutForm(backSheet('8888')).length;
  const offset = 1 + tocPages;
  const total = offset + bodyPages + backPages;
  const entries = bodyEntries.map((e) => ({
    ...e,
    firstPage: e.firstPage === null ? null : e.firstPage + offset,
    lastPage: e.lastPage === null ? null : e.lastPage + offset,
  }));

  assembler.hash.update(JSON.stringify(entries));
  const backLaid = layoutForm(backSheet(String(total)));
  const tocLaid = layoutForm(tocForm(entries, entries.map(pageLabel)));
  if (backLaid.length !== backPages || tocLaid.length !== tocPages) throw new Error('archive package: page count changed between layout passes');
  await assembler.addOwn(await renderFormPages(backLaid, { title: '卷内备考表' }));

  // Cover and 目录 go in front of the body.
  const cover = await renderFormPdf(
    coverForm({
      fileNumber,
      orgName,
      title: `${kase.applicantName}政府信息公开申请办理（${kase.trackingNo}）`,
      trackingNo: kase.trackingNo,
      period: `${submittedOn}至${formatChineseDate(archivedOn)}`,
      retention: kase.retentionNote ?? '',
      pageCount: `${total}页`,
      archivedOn: formatChineseDate(archivedOn),
    }),
  );
  const toc = await renderFormPages(tocLaid, { title: '卷内目录' });
  assembler.hash.update(cover).update(toc);
  const front = await PDFDocument.create({ updateMetadata: false });
  for (const bytes of [cover, toc]) {
    const src = await PDFDocument.load(bytes, { updateMetadata: false });
    for (const p of await front.copyPages(src, src.getPageIndices())) front.addPage(p);
  }
  const frontPages = await out.copyPages(front, front.getPageIndices());
  frontPages.forEach((p, i) => out.insertPage(i, p));
  await stampPages(out, 2);

  // Fixed metadata and a content-derived file ID: regenerating the package gives the same bytes.
  out.setTitle(`政府信息公开申请办理案卷 ${fileNumber}`);
  out.setAuthor(orgName);
  out.setSubject(`${kase.trackingNo}`);
  out.setProducer('Gongkai');
  out.setCreator('Gongkai');
  out.setCreationDate(FIXED_DATE);
  out.setModificationDate(FIXED_DATE);
  out.setLanguage('zh-CN');
  const id = assembler.hash.digest('hex').slice(0, 32);
  out.context.trailerInfo.ID = out.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  const data = Buffer.from(await out.save({ useObjectStreams: true, addDefaultPage: false }));
  if (out.getPageCount() !== total) throw new Error(`archive package: ${out.getPageCount()} pages, expected ${total}`);

  if (proofs.some((p) => p.form.address !== null)) {
    await db.auditEvent.create({ data: { actorId: actor.id, type: 'case.postal_address_revealed', data: { caseId, field: 'postalAddress', purpose: 'archive_package' } } });
  }
  return { filename: `${safeFileName(fileNumber)}.pdf`, data, fileNumber, pageCount: total, entries };
}

