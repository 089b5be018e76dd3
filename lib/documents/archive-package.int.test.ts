/**
 * The archive package of a real archived case, read back page by page with pdftotext: the 目录's page
 * numbers point at the pages that hold each entry, every page after the cover carries its number, merged
 * PDFs and images take their pages, a malformed PDF and a DOCX are listed (not a 500), an emoji and a rare
 * ideograph (𠀾) of the request are printed, two builds are byte-identical, and the scope holds.
 */
import crypto from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import type { TransitionName } from '@/lib/cases/workflow';
import { pageLabel } from '@/lib/documents/archive-forms';
import { buildArchivePackage, type ArchivePackage } from '@/lib/documents/archive-package';
import { pdfInfo, pdfPages } from '@/lib/documents/pdf-text';
import { demoSealPng } from '@/lib/documents/seal';

const flat = (s: string) => s.replace(/\s+/g, '');

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '李经办');
  reviewer = await createActor('reviewer', orgs.dept, '王审核');
});

async function samplePdf(marker: string, pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date(Date.UTC(2020, 0, 1)));
  doc.setModificationDate(new Date(Date.UTC(2020, 0, 1)));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) doc.addPage([400, 600]).drawText(`${marker} PAGE ${i}`, { x: 50, y: 500, size: 14, font });
  return Buffer.from(await doc.save());
}

async function storeFile(caseId: string, filename: string, data: Buffer, purpose: 'application_file' | 'correction_file', contentType: string, createdAt: Date) {
  await db.attachment.create({
    data: { caseId, purpose, filename, contentType, size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex'), data: new Uint8Array(data), isPublic: true, createdAt },
  });
}

async function archivedCase(description: string): Promise<{ caseId: string; trackingNo: string; answerNo: string; noticeNo: string }> {
  const reg = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, description, channel: 'in_person' } });
  let version = 0;
  const step = async (name: TransitionName, input: Record<string, unknown>, actor: Actor, now: Date) => {
    const r = await transitionCase({ caseId: reg.caseId, expectedVersion: version, name, input, actor, now } as TransitionCaseParams);
    version = r.version;
    return r;
  };
  await storeFile(reg.caseId, '身份证明.pdf', await samplePdf('ATTACHMENT-ONE', 2), 'application_file', 'application/pdf', at('2026-03-02', '10:01'));
  await storeFile(reg.caseId, '现场照片.png', demoSealPng(300), 'application_file', 'image/png', at('2026-03-02', '10:02'));
  await storeFile(reg.caseId, '损坏的扫描件.pdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage\n%%EOF'), 'application_file', 'application/pdf', at('2026-03-02', '10:03'));
  await storeFile(reg.caseId, '说明.docx', Buffer.from('PK\u0003\u0004 not really a docx'), 'application_file', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', at('2026-03-02', '10:04'));
  const notice = await step('request_correction', { items: '请提供身份证明', periodDays: 15 }, clerk, at('2026-03-03'));
  await step('record_notice_delivery', { documentId: notice.document!.id, method: 'post', deliveredOn: '2026-03-05', postalTrackingNo: 'EMS100', receiptNote: '本人签收' }, clerk, at('2026-03-06'));
  await storeFile(reg.caseId, '补正材料.pdf', await samplePdf('CORRECTION-FILE', 1), 'correction_file', 'application/pdf', at('2026-03-09'));
  await step('receive_correction', { receivedOn: '2026-03-09' }, clerk, at('2026-03-09'));
  const draft = await saveAnswerDraft({ caseId: reg.caseId, expectedVersion: version, actor: clerk, now: at('2026-03-10'), draft: { outcome: 'granted', details: { accessArrangement: '请于工作日到本机关政务服务窗口查阅' } } });
  version = draft.version;
  await step('record_confidentiality_review', { note: '无涉密内容' }, reviewer, at('2026-03-10'));
  await step('submit_answer', {}, clerk, at('2026-03-10', '15:00'));
  const approved = await step('approve_answer', {}, reviewer, at('2026-03-11'));
  await step('record_delivery', { method: 'post', deliveredOn: '2026-03-13', postalTrackingNo: 'EMS200' }, clerk, at('2026-03-13'));
  await step('archive', { retentionNote: '永久' }, clerk, at('2026-03-20'));
  return { caseId: reg.caseId, trackingNo: reg.trackingNo, answerNo: approved.document!.docNumber, noticeNo: notice.document!.docNumber };
}

function tocText(pkg: ArchivePackage, pages: string[]): string {
  const first = Math.min(...pkg.entries.filter((e) => e.firstPage !== null).map((e) => e.firstPage!));
  return flat(pages.slice(1, first - 1).join(''));
}

describe('archive package', () => {
  let c: Awaited<ReturnType<typeof archivedCase>>;
  let pkg: ArchivePackage;
  let pages: string[];

  beforeAll(async () => {
    c = await archivedCase('老旧小区改造资金明细😀及𠀾字相关材料');
    pkg = await buildArchivePackage(clerk, c.caseId);
    pages = pdfPages(pkg.data, { raw: true });
    if (process.env.GONGKAI_KEEP_ARCHIVE_PDF) (await import('node:fs')).writeFileSync(process.env.GONGKAI_KEEP_ARCHIVE_PDF, pkg.data);
  }, 180_000);

  it('has the cover with the file number, and as many pages as it says', () => {
    expect(pkg.fileNumber).toMatch(new RegExp(`-ZFXXGK-2026-${c.trackingNo}$`));
    expect(pdfInfo(pkg.data)).toMatch(new RegExp(`Pages:\\s+${pkg.pageCount}\\b`));
    expect(pages).toHaveLength(pkg.pageCount);
    const cover = flat(pages[0]);
    for (const s of ['政府信息公开申请办理案卷', '档号', pkg.fileNumber, c.trackingNo, '永久', `${pkg.pageCount}页`, '2026年3月20日']) expect(cover).toContain(s);
  });

  it('lists every part in filing order in the 目录, whose page numbers point at the right pages', () => {
    const toc = tocText(pkg, pages);
    expect(toc).toContain('卷内目录');
    const titles = pkg.entries.map((e) => e.title);
    expect(titles.slice(0, 6)).toEqual(['政府信息公开申请表', '身份证明.pdf', '现场照片.png', '损坏的扫描件.pdf', '说明.docx', '补正材料.pdf']);
    expect(titles).toEqual(expect.arrayContaining(['政府信息公开申请补正告知书', '政府信息公开申请答复书', '送达回证（政府信息公开申请补正告知书）', '送达回证（政府信息公开申请答复书）', '政府信息公开申请办理审批单', '办理记录']));
    expect(titles.indexOf('政府信息公开申请补正告知书')).toBeLessThan(titles.indexOf('政府信息公开申请答复书'));
    expect(titles.indexOf('政府信息公开申请答复书')).toBeLessThan(titles.indexOf('送达回证（政府信息公开申请补正告知书）'));
    expect(titles.at(-1)).toBe('办理记录');
    // Each entry's row: title, date, 页号 in drawing order; and the page cited holds the entry.
    const marker: Record<string, string> = {
      政府信息公开申请表: '政府信息公开申请表',
      '身份证明.pdf': 'ATTACHMENT-ONEPAGE1',
      '补正材料.pdf': 'CORRECTION-FILEPAGE1',
      政府信息公开申请补正告知书: c.noticeNo,
      政府信息公开申请答复书: c.answerNo,
      '送达回证（政府信息公开申请补正告知书）': '送达回证',
      政府信息公开申请办理审批单: '政府信息公开申请办理审批单',
      办理记录: '办理记录',
    };
    let lastPage = 0;
    for (const e of pkg.entries) {
      expect(toc).toContain(flat(`${e.title}${e.date}${pageLabel(e)}`));
      if (e.firstPage === null) continue;
      expect(e.firstPage).toBe(lastPage === 0 ? e.firstPage : lastPage + 1);
      lastPage = e.lastPage!;
      if (marker[e.title]) expect(flat(pages[e.firstPage - 1])).toContain(flat(marker[e.title]));
    }
    expect(flat(pages[pkg.entries.find((e) => e.title === '身份证明.pdf')!.lastPage! - 1])).toContain('ATTACHMENT-ONEPAGE2');
    // The 备考表 is the last page, right after the history.
    expect(lastPage).toBe(pkg.pageCount - 1);
    expect(flat(pages[pkg.pageCount - 1])).toContain('卷内备考表');
  });

  it('stamps every page after the cover with its number', () => {
    for (let n = 2; n <= pkg.pageCount; n++) expect(pages[n - 1]).toMatch(new RegExp(`(^|\\s)${n}(\\s|$)`));
  });

  it('places the image on a page of its own and lists the malformed PDF and the DOCX with the reason', () => {
    const image = pkg.entries.find((e) => e.title === '现场照片.png')!;
    expect(image.firstPage).toBe(image.lastPage);
    const broken = pkg.entries.find((e) => e.title === '损坏的扫描件.pdf')!;
    expect(broken).toMatchObject({ firstPage: null, lastPage: null });
    expect(broken.note).toContain('文件损坏，无法并入');
    const docx = pkg.entries.find((e) => e.title === '说明.docx')!;
    expect(docx.firstPage).toBeNull();
    expect(docx.note).toContain('非PDF或图像文件，未并入');
    const back = flat(pages[pkg.pageCount - 1]);
    expect(back).toContain('损坏的扫描件.pdf（文件损坏，无法并入');
    expect(back).toContain('说明.docx（非PDF或图像文件，未并入');
    expect(back).toContain('SHA-256');
    expect(back).toContain('另有2个文件未并入');
  });

  it('prints the application as registered, contact details masked', () => {
    const e = pkg.entries.find((x) => x.title === '政府信息公开申请表')!;
    const text = flat(pages[e.firstPage! - 1]);
    for (const s of ['申请人类型', '自然人', '居民身份证', '当面提交', '纸质，邮寄送达', '138****8000']) expect(text).toContain(s);
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('11010519491231002X');
  });

  it('prints the emoji and the rare ideograph of the request in the application form, the 审批单 and the answer', () => {
    for (const title of ['政府信息公开申请表', '政府信息公开申请办理审批单', '政府信息公开申请答复书']) {
      const e = pkg.entries.find((x) => x.title === title)!;
      const text = flat(pages.slice(e.firstPage! - 1, e.lastPage!).join(''));
      expect(text).toContain('😀');
      expect(text).toContain('𠀾');
    }
  });

  it('records the history with the steps, actors and facts', () => {
    const e = pkg.entries.find((x) => x.title === '办理记录')!;
    const text = flat(pages.slice(e.firstPage! - 1, e.lastPage!).join(''));
    for (const s of ['登记申请', '办理中→待补正', '已送达→已归档', '（经办人）', '（审核人）', '告知补正', '补正事项：请提供身份证明', '告知书送达', '邮件号码：EMS100', '审核签发答复', c.answerNo, '归档', '保管期限：永久', '李经办', '王审核']) expect(text).toContain(s);
  });

  it('is byte-identical when built again', async () => {
    const again = await buildArchivePackage(reviewer, c.caseId);
    expect(again.data.equals(pkg.data)).toBe(true);
    expect(pkg.data.toString('latin1')).not.toContain('pdf-lib');
  });

  it('is not found for another organisation’s staff or an applicant, and refused before archiving', async () => {
    const other = await createActor('reviewer', orgs.sibling);
    const applicant = await createActor('applicant', null);
    await expect(buildArchivePackage(other, c.caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(buildArchivePackage(applicant, c.caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(buildArchivePackage(clerk, 'x\u0000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const open = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person' } });
    await expect(buildArchivePackage(clerk, open.caseId)).rejects.toMatchObject({ code: 'VALIDATION', messageKey: 'document.archive_not_archived' });
  });
});
