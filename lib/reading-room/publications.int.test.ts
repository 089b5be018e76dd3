/**
 * The public reading room (依申请公开转主动公开, Art. 44; issue 10 item 8) on a real PostgreSQL: staff propose the
 * released files of a concluded case under a public title; only a reviewer's approval makes it visible and its
 * files downloadable anonymously; withdrawal hides it again; every change is compare-and-set with a case event.
 * Denials: staff outside the case's subtree, clerks deciding, unreleased files, open or refused cases, a second
 * live proposal, another applicant's suggestion. The applicant's suggestion is idempotent and surfaces in the
 * work queue until staff act on it; similar requests by other applicants are listed as the Art. 44 signal.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, PORTAL_FORM, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff, submitApplication } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { loadWorkQueue } from '@/lib/cases/work-queue';
import { queueStaffDigests } from '@/lib/notifications/staff-digest';
import { openRecipient, openUserIdentifiers } from '@/lib/privacy/personal-data';
import { uploadAttachment } from '@/lib/attachments/upload-attachment';
import { DomainError } from '@/lib/errors';
import {
  casePublications,
  releasedFiles,
  declineSuggestion,
  decidePublication,
  proposePublication,
  suggestPublication,
  withdrawPublication,
} from '@/lib/reading-room/publications';
import { readingRoomFile, readingRoomItem, searchReadingRoom } from '@/lib/reading-room/reading-room';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let outsider: Actor;
let outsideReviewer: Actor;
let applicant: Actor;
let otherApplicant: Actor;

const DAY = '2026-03-10';

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '公开经办人');
  reviewer = await createActor('reviewer', orgs.dept, '公开审核人');
  outsider = await createActor('clerk', orgs.sibling, '外机关经办人');
  outsideReviewer = await createActor('reviewer', orgs.sibling, '外机关审核人');
  applicant = await createActor('applicant', null, '申请人甲');
  otherApplicant = await createActor('applicant', null, '申请人乙');
});

async function version(caseId: string) {
  return (await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

/** A case concluded 予以公开 with one disclosed file on its issued answer (the applicant's own when given). */
async function releasedCase(description: string, owner?: Actor, applicantName = '李四'): Promise<{ caseId: string; fileId: string }> {
  let caseId: string;
  if (owner) {
    const r = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id, description, applicantName }, submissionKey: submissionKey(), applicant: owner, now: at(DAY) });
    caseId = r.caseId;
    await transitionCase({ caseId, expectedVersion: await version(caseId), name: 'confirm_receipt', input: { receivedOn: DAY }, actor: clerk, now: at(DAY) });
  } else {
    caseId = (await registerCaseByStaff({ actor: clerk, now: at(DAY), form: { ...LETTER, channel: 'in_person', arrivedOn: DAY, orgId: orgs.dept.id, description } })).caseId;
  }
  await saveAnswerDraft({ caseId, expectedVersion: await version(caseId), actor: clerk, now: at(DAY), draft: { outcome: 'granted' } });
  const upload = await uploadAttachment({
    caseId,
    expectedVersion: await version(caseId),
    actor: clerk,
    now: at(DAY),
    purpose: 'disclosed_file',
    file: { filename: '张三申请-公交票价批复.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 reading room') },
  });
  for (const [name, actor] of [['record_confidentiality_review', reviewer], ['submit_answer', clerk], ['approve_answer', reviewer]] as const) {
    await transitionCase({ caseId, expectedVersion: await version(caseId), name, input: {}, actor, now: at(DAY) } as Parameters<typeof transitionCase>[0]);
  }
  return { caseId, fileId: upload.attachmentId };
}

describe('reading room', () => {
  it('publishes only after a reviewer approves, serves files anonymously under neutral names, and withdraws', async () => {
    const subjectWord = `票价${Math.random().toString(36).slice(2, 8)}`;
    const { caseId, fileId } = await releasedCase('请公开示范市2025年公交票价调整的批复文件');
    const proposed = await proposePublication({
      actor: clerk,
      caseId,
      input: { title: '示范市2025年公交票价调整批复', subject: `公交${subjectWord}调整的批复文件`, attachmentIds: [fileId, fileId] },
      now: at(DAY, '11:00'),
    });
    expect(proposed.status).toBe('proposed');

    // Invisible to the public while proposed.
    expect(await readingRoomItem(proposed.publicationId)).toBeNull();
    expect(await readingRoomFile(proposed.publicationId, fileId)).toBeNull();
    expect((await searchReadingRoom({ q: subjectWord })).total).toBe(0);

    // A clerk cannot approve; a reviewer of another subtree cannot see it.
    expect((await refusal(decidePublication({ actor: clerk, publicationId: proposed.publicationId, expectedVersion: 0, decision: 'approve', now: at(DAY) }))).code).toBe('FORBIDDEN');
    expect((await refusal(decidePublication({ actor: outsideReviewer, publicationId: proposed.publicationId, expectedVersion: 0, decision: 'approve', now: at(DAY) }))).code).toBe('NOT_FOUND');
    // A second live proposal for the case (a double click) is refused.
    expect((await refusal(proposePublication({ actor: reviewer, caseId, input: { title: 'x', subject: 'y', attachmentIds: [fileId] }, now: at(DAY) }))).messageKey).toBe('case.publication.already_live');

    const approved = await decidePublication({ actor: reviewer, publicationId: proposed.publicationId, expectedVersion: proposed.version, decision: 'approve', now: at('2026-03-11') });
    expect(approved).toMatchObject({ status: 'published', version: 1 });
    // A stale decision (the version it saw) changes nothing.
    expect((await refusal(decidePublication({ actor: reviewer, publicationId: proposed.publicationId, expectedVersion: 1, decision: 'reject', note: '重复', now: at(DAY) }))).code).toBe('INVALID_TRANSITION');

    const item = await readingRoomItem(proposed.publicationId);
    expect(item).toMatchObject({ title: '示范市2025年公交票价调整批复', orgName: orgs.dept.name, publishedOn: '2026-03-11' });
    expect(item?.files).toEqual([{ id: fileId, name: '附件1.pdf', contentType: 'application/pdf', size: 21 }]);
    // Nothing of the applicant reaches the public item.
    expect(JSON.stringify(item)).not.toMatch(/张三|13800138000|GK\d{4}/);
    const file = await readingRoomFile(proposed.publicationId, fileId);
    expect(Buffer.from(file?.data ?? []).toString()).toBe('%PDF-1.4 reading room');
    expect(file?.name).toBe('附件1.pdf');
    const found = await searchReadingRoom({ q: subjectWord });
    expect(found.items.map((i) => i.id)).toEqual([proposed.publicationId]);
    expect((await searchReadingRoom({ q: `${subjectWord}不存在的词` })).total).toBe(0);

    expect((await refusal(withdrawPublication({ actor: reviewer, publicationId: proposed.publicationId, expectedVersion: 1, reason: '  ', now: at(DAY) }))).code).toBe('VALIDATION');
    await withdrawPublication({ actor: reviewer, publicationId: proposed.publicationId, expectedVersion: 1, reason: '文件已被新文件替代', now: at('2026-03-12') });
    expect(await readingRoomItem(proposed.publicationId)).toBeNull();
    expect(await readingRoomFile(proposed.publicationId, fileId)).toBeNull();

    const events = await db.caseEvent.findMany({ where: { caseId, type: { startsWith: 'publication_' } }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.type, e.actorId, e.isPublic])).toEqual([
      ['publication_proposed', clerk.id, false],
      ['publication_approved', reviewer.id, false],
      ['publication_withdrawn', reviewer.id, false],
    ]);
  });

  it('refuses proposals outside the subtree, for unreleased files, for open cases and with missing text', async () => {
    const { caseId, fileId } = await releasedCase('请公开示范市2025年出租车运价调整文件');
    const input = { title: '出租车运价调整文件', subject: '出租车运价', attachmentIds: [fileId] };
    expect((await refusal(proposePublication({ actor: outsider, caseId, input, now: at(DAY) }))).code).toBe('NOT_FOUND');
    expect((await refusal(proposePublication({ actor: applicant, caseId, input, now: at(DAY) }))).code).toBe('FORBIDDEN');

    // A file released on another case cannot be published with this one.
    const other = await releasedCase('请公开示范市2025年地铁票价听证材料');
    const e = await refusal(proposePublication({ actor: clerk, caseId, input: { ...input, attachmentIds: [other.fileId] }, now: at(DAY) }));
    expect(e.params?.fieldErrors).toEqual({ attachmentIds: ['case.publication.file_not_released'] });
    expect((await refusal(proposePublication({ actor: clerk, caseId, input: { ...input, attachmentIds: [] }, now: at(DAY) }))).code).toBe('VALIDATION');
    expect((await refusal(proposePublication({ actor: clerk, caseId, input: { ...input, title: '  ' }, now: at(DAY) }))).code).toBe('VALIDATION');
    expect((await refusal(proposePublication({ actor: clerk, caseId, input: { ...input, subject: 'a\u0000b' }, now: at(DAY) }))).code).toBe('VALIDATION');

    const open = await registerCaseByStaff({ actor: clerk, now: at(DAY), form: { ...LETTER, channel: 'in_person', arrivedOn: DAY } });
    expect((await refusal(proposePublication({ actor: clerk, caseId: open.caseId, input, now: at(DAY) }))).messageKey).toBe('case.publication.not_released');
    expect(await db.publication.count({ where: { caseId: { in: [caseId, open.caseId] } } })).toBe(0);

    // A rejection needs a note and leaves the case free for a new proposal.
    const p = await proposePublication({ actor: clerk, caseId, input, now: at(DAY) });
    expect((await refusal(decidePublication({ actor: reviewer, publicationId: p.publicationId, expectedVersion: 0, decision: 'reject', now: at(DAY) }))).code).toBe('VALIDATION');
    await decidePublication({ actor: reviewer, publicationId: p.publicationId, expectedVersion: 0, decision: 'reject', note: '含第三方信息', now: at(DAY) });
    expect(await readingRoomItem(p.publicationId)).toBeNull();
    expect((await casePublications(clerk, caseId))?.canPropose).toBe(true);
    expect(await casePublications(outsider, caseId)).toBeNull();
  });

  it('takes the applicant’s suggestion once, shows it in the clerk’s queue until acted on, and lists other applicants’ similar requests', async () => {
    const description = `请公开示范市2025年城区停车收费标准调整的听证报告和批复（${Math.random().toString(36).slice(2, 6)}）`;
    const { caseId, fileId } = await releasedCase(description, applicant);
    // Another applicant asked for nearly the same information.
    const similar = await releasedCase(`${description}。`, otherApplicant, '王五');

    expect((await refusal(suggestPublication({ actor: otherApplicant, caseId, now: at(DAY) }))).code).toBe('NOT_FOUND');
    expect((await refusal(suggestPublication({ actor: clerk, caseId, now: at(DAY) }))).code).toBe('FORBIDDEN');
    const [a, b] = await Promise.all([
      suggestPublication({ actor: applicant, caseId, note: '涉及广大车主', now: at(DAY) }),
      suggestPublication({ actor: applicant, caseId, note: '涉及广大车主', now: at(DAY) }),
    ]);
    expect([a.isNew, b.isNew].sort()).toEqual([false, true]);
    expect(await db.publicationSuggestion.count({ where: { caseId } })).toBe(1);
    const suggested = await db.caseEvent.findFirstOrThrow({ where: { caseId, type: 'publication_suggested' } });
    expect(suggested).toMatchObject({ actorId: applicant.id, isPublic: true });

    const inQueue = async () => {
      const queue = await loadWorkQueue(clerk, { now: at(DAY), limit: 100 });
      return queue.sections.find((s) => s.section === 'publication_suggested')?.entries.some((e) => e.caseId === caseId) ?? false;
    };
    expect(await inQueue()).toBe(true);

    // The clerk also hears of it by e-mail, in the digest of applicants' acts. The digest's watermark is
    // shared by every test file: start it just before the suggestion and put it back afterwards.
    const WATERMARK = 'staff_digest.watermark';
    const saved = await db.setting.findUnique({ where: { key: WATERMARK }, select: { value: true } });
    const before = await db.caseEvent.findFirstOrThrow({ where: { id: { lt: suggested.id } }, orderBy: { id: 'desc' }, select: { id: true } });
    const mark = { eventId: before.id.toString(), at: at(DAY, '08:00').toISOString() };
    await db.setting.upsert({ where: { key: WATERMARK }, create: { key: WATERMARK, value: mark }, update: { value: mark } });
    try {
      await queueStaffDigests({ now: at(DAY, '12:00'), emailConfigured: true, intervalMinutes: 0 });
      const { email } = openUserIdentifiers(await db.user.findUniqueOrThrow({ where: { id: clerk.id } }));
      const mail = (await db.outboxMessage.findMany({ where: { template: 'staff_digest' } })).filter((m) => openRecipient(m) === email);
      const { trackingNo } = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { trackingNo: true } });
      expect(mail.map((m) => m.body).join('\n')).toMatch(new RegExp(`${trackingNo}.*建议将所获政府信息转为主动公开`));
    } finally {
      if (saved) await db.setting.update({ where: { key: WATERMARK }, data: { value: saved.value as object } });
      else await db.setting.delete({ where: { key: WATERMARK } });
    }

    const panel = await casePublications(clerk, caseId);
    expect(panel?.suggestion).toMatchObject({ isOpen: true, note: '涉及广大车主' });
    expect(panel?.similar.map((s) => s.caseId)).toContain(similar.caseId);

    // Declining needs a note; proposing closes the suggestion in the same transaction.
    expect((await refusal(declineSuggestion({ actor: clerk, caseId, note: '', now: at(DAY) }))).code).toBe('VALIDATION');
    const p = await proposePublication({ actor: clerk, caseId, input: { title: '停车收费标准调整', subject: '停车收费', attachmentIds: [fileId] }, now: at(DAY) });
    expect(await inQueue()).toBe(false);
    const reviewerQueue = await loadWorkQueue(reviewer, { now: at(DAY), limit: 100 });
    expect(reviewerQueue.sections.find((s) => s.section === 'publication_approval')?.entries.map((e) => e.caseId)).toContain(caseId);
    await decidePublication({ actor: reviewer, publicationId: p.publicationId, expectedVersion: 0, decision: 'approve', now: at(DAY) });
    const after = await loadWorkQueue(reviewer, { now: at(DAY), limit: 100 });
    expect(after.sections.find((s) => s.section === 'publication_approval')?.entries.map((e) => e.caseId) ?? []).not.toContain(caseId);

    // The panel's one-statement read equals Prisma's reads of the same records (released files,
    // publications newest first with their files, the suggestion — closed by the proposal).
    const full = await casePublications(clerk, caseId);
    const prismaPublications = await db.publication.findMany({
      where: { caseId },
      orderBy: [{ proposedAt: 'desc' }, { id: 'desc' }],
      select: {
        id: true,
        status: true,
        version: true,
        title: true,
        subject: true,
        publishedOn: true,
        decisionNote: true,
        withdrawalReason: true,
        files: { orderBy: { position: 'asc' }, select: { attachment: { select: { id: true, filename: true } } } },
      },
    });
    expect(full!.publications).toEqual(
      prismaPublications.map((x) => ({ ...x, publishedOn: x.publishedOn ? dbDateToIso(x.publishedOn) : null, files: x.files.map((f) => f.attachment) })),
    );
    expect(full!.publications).toMatchObject([{ status: 'published', files: [{ id: fileId }] }]);
    expect(full!.files).toEqual(await releasedFiles(caseId));
    expect(full!.files.map((f) => f.id)).toEqual([fileId]);
    const stored = await db.publicationSuggestion.findUniqueOrThrow({ where: { caseId } });
    expect(full!.suggestion).toEqual({ createdAt: stored.createdAt, note: stored.note, isOpen: false, closingNote: stored.closingNote });
  });
});
