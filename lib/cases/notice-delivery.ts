/**
 * 送达 of notices (补正告知书, 收费通知, 延期/延迟答复告知书, 更正告知书): the applicant's correction period and
 * fee payment period run from the day the applicant received the notice (Art. 30; 办法 as restated,
 * regulations.md §11, §15). Until the delivery is recorded they count from sending and are provisional, and
 * the case cannot lapse (guards correction_notice_delivered, fee_notice_delivered).
 *
 * Two ways in: staff record it (transition record_notice_delivery, transition-case.ts), and the applicant's
 * first reading of the notice in the portal records it as online delivery (recordPortalReading) when the
 * applicant chose online delivery (Case.deliveryMethod = online_download). Both write through
 * applyNoticeDelivery in the caller's transaction; a notice is delivered once — the conditional updates make
 * a second, concurrent recording a no-op (portal) or a CONFLICT (staff).
 */
import 'server-only';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { DeliveryMethod, DocumentType } from '@/lib/generated/prisma/enums';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { dbDateToIso, isoToDbDate, loadCalendar } from '@/lib/calendar/load-calendar';
import { addWorkingDays } from '@/lib/calendar/working-days';
import { writeEvent } from '@/lib/cases/case-write';
import { chinaToday, refreshAnswerDueOn } from '@/lib/cases/deadline-for-case';
import { PERIODS } from '@/lib/deadlines/compute-deadlines';
import { isNoticeDocumentType } from '@/lib/documents/issue-document';

export interface NoticeDeliveryInput {
  caseId: string;
  documentId: string;
  method: DeliveryMethod;
  deliveredOn: IsoDate;
  postalTrackingNo?: string | null;
  receiptNote?: string | null;
  /** Staff member recording it; null for the applicant's reading in the portal. */
  recordedById: string | null;
}

export interface NoticeDeliveryResult {
  deliveryId: string;
  documentType: DocumentType;
  docNumber: string | null;
  /** The period that now runs from delivery, if the notice starts one. */
  correctionPeriodEndsOn?: IsoDate;
  paymentDueOn?: IsoDate;
  /** The 补正 round or fee notice whose period now runs from delivery (their rows changed). */
  correctionRequestId?: string;
  feeNoticeId?: string;
}

interface NoticeRow {
  id: string;
  type: DocumentType;
  status: string;
  issuedOn: Date | null;
  docNumber: string | null;
  _count: { deliveries: number };
}

async function loadNotice(client: Tx, caseId: string, documentId: string): Promise<NoticeRow | null> {
  return client.document.findFirst({
    where: { id: documentId, caseId },
    select: { id: true, type: true, status: true, issuedOn: true, docNumber: true, _count: { select: { deliveries: true } } },
  });
}

/**
 * Records the delivery of one issued notice in `tx`: the Delivery row, and for the open 补正 round's notice or
 * the open fee notice, the day the period now counts from (its end recomputed from delivery). Returns null
 * when the notice was delivered already (`ifUndelivered`) — otherwise that is a VALIDATION error.
 */
export async function applyNoticeDelivery(
  tx: Tx,
  input: NoticeDeliveryInput,
  options: { ifUndelivered?: boolean } = {},
): Promise<NoticeDeliveryResult | null> {
  const notice = await loadNotice(tx, input.caseId, input.documentId);
  if (!notice || notice.status !== 'issued' || !isNoticeDocumentType(notice.type)) {
    throw new DomainError('VALIDATION', 'case.notice.not_a_notice');
  }
  if (notice._count.deliveries > 0) {
    if (options.ifUndelivered) return null;
    throw new DomainError('VALIDATION', 'case.notice.already_delivered', { docNumber: notice.docNumber });
  }
  const issuedOn = notice.issuedOn ? dbDateToIso(notice.issuedOn) : null;
  if (issuedOn && input.deliveredOn < issuedOn) throw new DomainError('VALIDATION', 'case.notice.delivered_before_issue', { issuedOn });
  const result: NoticeDeliveryResult = { deliveryId: '', documentType: notice.type, docNumber: notice.docNumber };
  const calendar = await loadCalendar();
  const deliveredOn = isoToDbDate(input.deliveredOn);

  if (notice.type === 'correction_notice') {
    // The latest correction notice belongs to the latest round (rounds never overlap, Art. 30).
    const latestNotice = await tx.document.findFirst({
      where: { caseId: input.caseId, type: 'correction_notice', status: 'issued' },
      orderBy: [{ issuedOn: 'desc' }, { createdAt: 'desc' }],
      select: { id: true },
    });
    const round = await tx.correctionRequest.findFirst({
      where: { caseId: input.caseId, correctedOn: null, lapsedOn: null },
      orderBy: { requestedOn: 'desc' },
      select: { id: true, periodDays: true },
    });
    if (round && latestNotice?.id === notice.id) {
      const periodEndsOn = addWorkingDays(input.deliveredOn, round.periodDays, calendar);
      const { count } = await tx.correctionRequest.updateMany({
        where: { id: round.id, noticeDeliveredOn: null },
        data: { noticeDeliveredOn: deliveredOn, periodEndsOn: isoToDbDate(periodEndsOn) },
      });
      if (count === 0) {
        if (options.ifUndelivered) return null;
        throw new DomainError('CONFLICT', 'case.conflict', { caseId: input.caseId });
      }
      result.correctionPeriodEndsOn = periodEndsOn;
      result.correctionRequestId = round.id;
    }
  } else if (notice.type === 'fee_notice') {
    const fee = await tx.feeNotice.findFirst({
      where: { caseId: input.caseId, paidOn: null, lapsedOn: null },
      orderBy: { issuedOn: 'desc' },
      select: { id: true },
    });
    if (fee) {
      // 20 working days from the day after the applicant received the notice (regulations.md §11).
      const paymentDueOn = addWorkingDays(input.deliveredOn, PERIODS.feePayment, calendar);
      const { count } = await tx.feeNotice.updateMany({
        where: { id: fee.id, receivedOn: null },
        data: { receivedOn: deliveredOn, paymentDueOn: isoToDbDate(paymentDueOn) },
      });
      if (count === 0) {
        if (options.ifUndelivered) return null;
        throw new DomainError('VALIDATION', 'case.notice.already_delivered', { docNumber: notice.docNumber });
      }
      result.paymentDueOn = paymentDueOn;
      result.feeNoticeId = fee.id;
    }
  }
  const delivery = await tx.delivery.create({
    data: {
      caseId: input.caseId,
      documentId: notice.id,
      method: input.method,
      deliveredOn,
      postalTrackingNo: input.postalTrackingNo ?? null,
      receiptNote: input.receiptNote ?? null,
      recordedById: input.recordedById,
    },
    select: { id: true },
  });
  result.deliveryId = delivery.id;
  return result;
}

/**
 * The applicant opened a notice in the portal (downloaded its letter). Online delivery (Case.deliveryMethod
 * online_download): that day is the day of 送达, unless a delivery is recorded already. One transaction with
 * its public `notice_delivered` event; the case version is not bumped (nothing the applicant or staff edit
 * changes), so pages open elsewhere stay valid. Returns whether a delivery was recorded.
 */
export async function recordPortalReading(params: {
  caseId: string;
  documentId: string;
  now: Date;
  /** The signed-in applicant; null for the holder of the tracking number and access code. */
  actor?: { id: string; role: 'applicant' } | null;
}): Promise<boolean> {
  const kase = await db.case.findUnique({ where: { id: params.caseId }, select: { id: true, status: true, deliveryMethod: true } });
  if (!kase || kase.deliveryMethod !== 'online_download') return false;
  const today = chinaToday(params.now);
  return db.$transaction(async (tx) => {
    const notice = await loadNotice(tx, params.caseId, params.documentId);
    if (!notice || notice.status !== 'issued' || !isNoticeDocumentType(notice.type) || notice._count.deliveries > 0) return false;
    const applied = await applyNoticeDelivery(
      tx,
      { caseId: params.caseId, documentId: params.documentId, method: 'online_download', deliveredOn: today, recordedById: null, receiptNote: null },
      { ifUndelivered: true },
    );
    if (!applied) return false;
    const ledger = await refreshAnswerDueOn(tx, params.caseId, today);
    await writeEvent(tx, {
      caseId: params.caseId,
      actor: params.actor ?? null,
      type: 'notice_delivered',
      fromStatus: kase.status,
      toStatus: kase.status,
      isPublic: true,
      occurredAt: params.now,
      data: {
        documentId: params.documentId,
        docNumber: notice.docNumber,
        method: 'online_download',
        deliveredOn: today,
        portalReading: true,
        deliveryId: applied.deliveryId,
        correctionPeriodEndsOn: applied.correctionPeriodEndsOn ?? null,
        paymentDueOn: applied.paymentDueOn ?? null,
        answerDueOn: ledger.answerDue,
        basis: ['条例第三十条', '国办函〔2020〕109号'],
      },
    });
    return true;
  });
}
