/**
 * Issue 9 item 7 on a real PostgreSQL: an answer states what the article governing it requires (Art. 36 ff.;
 * lib/law/answer-content.ts). The details are validated when the draft is saved (zod, message keys), an
 * incomplete answer cannot be submitted or issued, and the issued letter states the details.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept);
  reviewer = await createActor('reviewer', orgs.dept);
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const e = await promise.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

async function newCase(date = '2026-03-02'): Promise<string> {
  const { caseId } = await registerCaseByStaff({ actor: clerk, now: at(date), form: { ...LETTER, channel: 'in_person', arrivedOn: date } });
  return caseId;
}

async function version(caseId: string): Promise<number> {
  return (await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
}

describe('Art. 36(5): not this agency’s information', () => {
  it('cannot be issued without the responsible agency and its contact; the letter names them and never says "does not exist"', async () => {
    const caseId = await newCase();
    const first = await saveAnswerDraft({
      caseId,
      expectedVersion: 0,
      actor: clerk,
      now: at('2026-03-03'),
      draft: { outcome: 'unavailable_not_held', reason: '该信息由市自然资源和规划局制作。', details: { item: 'not_responsible', responsibleAgency: '示范市自然资源和规划局' } },
    });
    expect(first.missing).toEqual(['responsible_agency']);
    const refused = await rejection(transitionCase({ caseId, expectedVersion: first.version, name: 'submit_answer', input: {}, actor: clerk, now: at('2026-03-03', '11:00') }));
    expect(refused).toMatchObject({ code: 'VALIDATION', messageKey: 'workflow.guard.answer_complete' });
    expect(refused.params).toMatchObject({ missing: ['responsible_agency'] });
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe('in_progress');

    const draft = await saveAnswerDraft({
      caseId,
      expectedVersion: first.version,
      actor: clerk,
      now: at('2026-03-03', '12:00'),
      draft: {
        outcome: 'unavailable_not_held',
        reason: '该信息由市自然资源和规划局制作。',
        details: { item: 'not_responsible', responsibleAgency: '示范市自然资源和规划局', responsibleAgencyContact: '电话0591-87654321' },
      },
    });
    expect(draft.missing).toEqual([]);
    const stored = await db.document.findUniqueOrThrow({ where: { id: draft.documentId } });
    expect(stored.legalBasis).toBe('《条例》第三十六条第（五）项');
    expect(stored.answerDetails).toEqual({ item: 'not_responsible', responsibleAgency: '示范市自然资源和规划局', responsibleAgencyContact: '电话0591-87654321' });

    const submitted = await transitionCase({ caseId, expectedVersion: draft.version, name: 'submit_answer', input: {}, actor: clerk, now: at('2026-03-04') });
    await transitionCase({ caseId, expectedVersion: submitted.version, name: 'approve_answer', input: {}, actor: reviewer, now: at('2026-03-04', '15:00') });
    const issued = await db.document.findUniqueOrThrow({ where: { id: draft.documentId } });
    expect(issued.status).toBe('issued');
    expect(issued.body).toContain('根据《条例》第三十六条第（五）项的规定');
    expect(issued.body).toContain('负责公开该政府信息的行政机关为示范市自然资源和规划局，联系方式：电话0591-87654321');
    expect(issued.body).not.toContain('不存在');
    expect(issued.body).not.toContain('第三十六条第（四）项');
    expect(issued.body).not.toContain('{{');
  });
});

describe('Art. 36(2): the way, place and time of access, or an attachment', () => {
  it('an attachment added after the draft was saved is stated in the issued letter', async () => {
    const caseId = await newCase();
    const draft = await saveAnswerDraft({ caseId, expectedVersion: 0, actor: clerk, now: at('2026-03-03'), draft: { outcome: 'granted' } });
    expect(draft.missing).toEqual(['confidentiality_review', 'access_or_attachment']);
    const doc = await db.document.findUniqueOrThrow({ where: { id: draft.documentId } });
    expect(doc.body).toContain('第三十六条第（二）项');
    expect(doc.answerDetails).toEqual({ item: 'disclosable' });

    const { uploadAttachment } = await import('@/lib/attachments/upload-attachment');
    const up = await uploadAttachment({
      caseId,
      expectedVersion: draft.version,
      actor: clerk,
      now: at('2026-03-03', '11:00'),
      purpose: 'disclosed_file',
      file: { filename: '清单.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 test') },
    });
    const reviewed = await transitionCase({ caseId, expectedVersion: up.version, name: 'record_confidentiality_review', input: {}, actor: reviewer, now: at('2026-03-03', '12:00') });
    const submitted = await transitionCase({ caseId, expectedVersion: reviewed.version, name: 'submit_answer', input: {}, actor: clerk, now: at('2026-03-03', '13:00') });
    await transitionCase({ caseId, expectedVersion: submitted.version, name: 'approve_answer', input: {}, actor: reviewer, now: at('2026-03-04') });
    const issued = await db.document.findUniqueOrThrow({ where: { id: draft.documentId } });
    expect(issued.body).toContain('有关政府信息随本答复书一并提供（见附件，共1件）。');
    expect(issued.body).not.toContain('{{');
  });

  it('refuses hostile or mismatched details with a message key and stores nothing', async () => {
    const caseId = await newCase();
    const nul = await rejection(
      saveAnswerDraft({ caseId, expectedVersion: 0, actor: clerk, now: at('2026-03-03'), draft: { outcome: 'granted', details: { accessArrangement: '查阅\u0000点' } } }),
    );
    expect(nul).toMatchObject({ code: 'VALIDATION', messageKey: 'case.input_invalid' });
    expect(nul.params).toMatchObject({ issues: [{ path: 'accessArrangement', message: 'validation.text.invalid_characters' }] });
    const huge = await rejection(
      saveAnswerDraft({ caseId, expectedVersion: 0, actor: clerk, now: at('2026-03-03'), draft: { outcome: 'granted', details: { accessArrangement: '查'.repeat(5000) } } }),
    );
    expect(huge.params).toMatchObject({ issues: [{ path: 'accessArrangement', message: 'validation.too_long' }] });
    // An Art. 36 item of another outcome (36(1) "published" on a "not held" answer).
    const item = await rejection(
      saveAnswerDraft({ caseId, expectedVersion: 0, actor: clerk, now: at('2026-03-03'), draft: { outcome: 'unavailable_not_held', reason: 'r', details: { item: 'published' } } }),
    );
    expect(item).toMatchObject({ code: 'VALIDATION', messageKey: 'answer.missing.item' });
    const ground = await rejection(
      saveAnswerDraft({ caseId, expectedVersion: 0, actor: clerk, now: at('2026-03-03'), draft: { outcome: 'partially_granted', reason: 'r', details: { withheldGround: 'granted' as never } } }),
    );
    expect(ground.params).toMatchObject({ issues: [{ path: 'withheldGround', message: 'answer.missing.withheld_ground' }] });
    expect(await db.document.count({ where: { caseId } })).toBe(0);
    expect(await version(caseId)).toBe(0);
  });

  it('switching the outcome drops the details of the previous one', async () => {
    const caseId = await newCase();
    const first = await saveAnswerDraft({
      caseId,
      expectedVersion: 0,
      actor: clerk,
      now: at('2026-03-03'),
      draft: { outcome: 'not_processed_petition_complaint', reason: '属于投诉。', details: { channel: '示范市信访局', accessArrangement: '不该出现' } },
    });
    expect(first.missing).toEqual([]);
    let doc = await db.document.findUniqueOrThrow({ where: { id: first.documentId } });
    expect(doc.answerDetails).toEqual({ channel: '示范市信访局' });
    expect(doc.body).toContain('您可以通过以下渠道反映：示范市信访局。');
    const second = await saveAnswerDraft({
      caseId,
      expectedVersion: first.version,
      actor: clerk,
      now: at('2026-03-03', '11:00'),
      draft: { outcome: 'not_processed_repeat', reason: '重复申请。', details: { channel: '示范市信访局' } },
    });
    expect(second.missing).toEqual(['prior_answer']);
    doc = await db.document.findUniqueOrThrow({ where: { id: first.documentId } });
    expect(doc.answerDetails).toEqual({});
    expect(doc.body).not.toContain('信访局');
    expect(doc.legalBasis).toBe('《条例》第三十六条第（六）项');
  });
});
