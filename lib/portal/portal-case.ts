import 'server-only';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { dbDateToIso, loadCalendar } from '@/lib/calendar/load-calendar';
import { isProvisionalSpan } from '@/lib/calendar/working-days';
import { caseScopeWhere } from '@/lib/cases/actor';
import { chinaToday, getCaseDeadlines, storedDueIsProvisional } from '@/lib/cases/deadline-for-case';
import { getCaseForApplicant, type ApplicantAccess, type ApplicantCaseDto } from '@/lib/cases/queries';
import { isOpenStatus, type CaseStatus } from '@/lib/cases/workflow';
import { isCalendarProvisionalDate } from '@/lib/deadlines/compute-deadlines';
import type { ExplanationStep } from '@/lib/deadlines/types';
import type { SessionUser } from '@/lib/auth/session';
import { portalAccessFor, type PortalAccess } from './access';

/**
 * The applicant's view of one case for the portal pages and downloads. The case library's
 * getCaseForApplicant decides access and gives the public view (public timeline with whitelisted facts,
 * issued letters addressed to the applicant, public files); this adds what the portal shows besides:
 * the deadline ledger's explanation steps, the extension and its reason, the fee notice, the masked
 * identity number. Nothing internal (notes, assignees, drafts) is ever read into it.
 */
export interface PortalCase {
  dto: ApplicantCaseDto;
  applicantType: string;
  idNumberMasked: string | null;
  deadline: {
    answerDue: IsoDate | null;
    isProvisional: boolean;
    /** answerDue was counted through a year whose holiday notice is not imported: 暂定 (docs/decisions.md). */
    answerDueCalendarProvisional: boolean;
    /** Those years, for the 暂定 note. */
    provisionalCalendarYears: number[];
    workingDaysLeft: number | null;
    overdue: boolean;
    steps: ExplanationStep[];
  };
  extension: { days: number; reason: string; approvedOn: IsoDate } | null;
  delayedAnswerBy: IsoDate | null;
  correction: {
    items: string;
    periodEndsOn: IsoDate;
    periodDays: number;
    /** Delivery of the notice not recorded: the period counts from sending, 暂定 (regulations.md §15). */
    periodProvisional: boolean;
    /** periodEndsOn was counted through a year whose holiday notice is not imported: 暂定. */
    periodCalendarProvisional: boolean;
    /** The applicant already sent a correction for this round (a correction file or event after the request). */
    submittedAt: string | null;
    isPeriodOver: boolean;
  } | null;
  fee: {
    id: string;
    amountYuan: string;
    basis: string;
    paymentDueOn: IsoDate;
    /** The applicant's receipt of the notice not recorded: counted from sending, 暂定. */
    paymentDueProvisional: boolean;
    /** paymentDueOn was counted through a year whose holiday notice is not imported: 暂定. */
    paymentDueCalendarProvisional: boolean;
    acknowledged: boolean;
    paidOn: IsoDate | null;
  } | null;
}

const iso = (d: Date | null | undefined): IsoDate | null => (d ? dbDateToIso(d) : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The library's access form for this portal access. */
export function applicantAccessOf(access: PortalAccess): ApplicantAccess {
  return access.kind === 'account' ? { actor: access.actor } : { trackingNo: access.grant.trackingNo, accessCode: access.grant.accessCode };
}

/**
 * The case for the portal, after checking who asks (session owner or tracking grant). Null — "not
 * found" — for a missing case and for one the request may not see, alike.
 */
export async function loadPortalCase(caseId: string, now = new Date()): Promise<{ view: PortalCase; access: PortalAccess } | null> {
  if (!UUID.test(caseId)) return null;
  const owner = await db.case.findUnique({ where: { id: caseId }, select: { applicantUserId: true } });
  if (!owner) return null;
  const access = await portalAccessFor(caseId, owner.applicantUserId);
  if (!access) return null;
  let dto: ApplicantCaseDto;
  try {
    dto = await getCaseForApplicant(applicantAccessOf(access), caseId);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
  return { view: await supplement(dto, now), access };
}

/** Case id of a tracking number (not a secret); null when unknown. */
export async function caseIdForTrackingNo(trackingNo: string): Promise<string | null> {
  const row = await db.case.findUnique({ where: { trackingNo: trackingNo.trim().toUpperCase() }, select: { id: true } });
  return row?.id ?? null;
}

/** Called only with a DTO the library returned, i.e. after access was decided. */
async function supplement(dto: ApplicantCaseDto, now: Date): Promise<PortalCase> {
  const today = chinaToday(now);
  const [row, ledger] = await Promise.all([
    db.case.findUniqueOrThrow({
      where: { id: dto.id },
      select: {
        applicantType: true,
        idNumberMasked: true,
        delayedAnswerBy: true,
        extensions: { where: { rejectedAt: null, approvedOn: { not: null } }, select: { days: true, reason: true, approvedOn: true }, take: 1 },
        corrections: {
          where: { correctedOn: null, lapsedOn: null },
          orderBy: { requestedOn: 'desc' },
          take: 1,
          select: { items: true, periodEndsOn: true, periodDays: true, noticeDeliveredOn: true, createdAt: true },
        },
        feeNotices: {
          where: { lapsedOn: null },
          orderBy: { issuedOn: 'desc' },
          take: 1,
          select: { id: true, amountYuan: true, basis: true, paymentDueOn: true, receivedOn: true, acknowledgedAt: true, paidOn: true },
        },
      },
    }),
    getCaseDeadlines(dto.id, today),
  ]);
  const extension = row.extensions[0];
  const round = row.corrections[0];
  const fee = row.feeNotices[0];
  const submittedAfterRequest = round
    ? dto.timeline.find((e) => (e.type === 'correction_submitted' || (e.type === 'attachment_uploaded' && isCorrectionUpload(dto, e))) && e.occurredAt >= round.createdAt)
    : undefined;
  return {
    dto,
    applicantType: row.applicantType,
    idNumberMasked: row.idNumberMasked,
    deadline: {
      answerDue: ledger.answerDue,
      isProvisional: ledger.isProvisional,
      answerDueCalendarProvisional: ledger.answerDueCalendarProvisional,
      provisionalCalendarYears: ledger.provisionalCalendarYears,
      workingDaysLeft: ledger.workingDaysLeft,
      overdue: ledger.overdue,
      steps: ledger.steps,
    },
    extension: extension?.approvedOn ? { days: extension.days, reason: extension.reason, approvedOn: dbDateToIso(extension.approvedOn) } : null,
    delayedAnswerBy: iso(row.delayedAnswerBy),
    correction:
      dto.status === 'awaiting_correction' && round
        ? {
            items: round.items,
            periodEndsOn: dbDateToIso(round.periodEndsOn),
            periodDays: round.periodDays,
            periodProvisional: round.noticeDeliveredOn === null,
            periodCalendarProvisional: isCalendarProvisionalDate(ledger, dbDateToIso(round.periodEndsOn)),
            submittedAt: submittedAfterRequest ? submittedAfterRequest.occurredAt.toISOString() : null,
            // A provisional end (counted from sending) never closes the applicant's period.
            isPeriodOver: round.noticeDeliveredOn !== null && dbDateToIso(round.periodEndsOn) < today,
          }
        : null,
    fee: fee
      ? {
          id: fee.id,
          amountYuan: fee.amountYuan.toFixed(2),
          basis: fee.basis,
          paymentDueOn: dbDateToIso(fee.paymentDueOn),
          paymentDueProvisional: fee.receivedOn === null,
          paymentDueCalendarProvisional: isCalendarProvisionalDate(ledger, dbDateToIso(fee.paymentDueOn)),
          acknowledged: fee.acknowledgedAt !== null,
          paidOn: iso(fee.paidOn),
        }
      : null,
  };
}

function isCorrectionUpload(dto: ApplicantCaseDto, event: ApplicantCaseDto['timeline'][number]): boolean {
  const name = event.params.filename;
  return dto.attachments.some((a) => a.purpose === 'correction_file' && a.filename === name);
}

export interface MyCaseRow {
  id: string;
  trackingNo: string;
  orgName: string;
  submittedAt: string;
  status: CaseStatus;
  receivedOn: IsoDate | null;
  /** The first characters of the request, so applicants tell their applications apart. */
  excerpt: string;
  /** The case waits for the applicant: a 补正 to answer (Art. 30) or a fee to pay, with its last day. */
  /** isTentative: the last day was counted through a year whose holiday notice is not imported (暂定). */
  waitingFor: { kind: 'correction' | 'fee'; until: IsoDate; isTentative: boolean } | null;
  /** The answer date while the case is open (stored Case.answerDueOn), and whether it is 暂定. */
  answerDueOn: IsoDate | null;
  answerDueProvisional: boolean;
}

/** Characters of the request shown in "我的申请". */
export const MY_EXCERPT_LENGTH = 60;

/** The signed-in applicant's own applications, newest first. */
export async function listMyCases(actor: SessionUser): Promise<MyCaseRow[]> {
  if (actor.role !== 'applicant') return [];
  const rows = await db.case.findMany({
    where: caseScopeWhere(actor),
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: {
      id: true,
      trackingNo: true,
      status: true,
      createdAt: true,
      receivedOn: true,
      answerDueOn: true,
      delayedAnswerBy: true,
      description: true,
      org: { select: { name: true } },
      corrections: { where: { correctedOn: null, lapsedOn: null }, select: { periodEndsOn: true }, take: 1 },
      feeNotices: { where: { paidOn: null, lapsedOn: null }, select: { paymentDueOn: true }, take: 1 },
    },
  });
  const calendar = await loadCalendar();
  return rows.map((r) => {
    const correction = r.status === 'awaiting_correction' ? r.corrections[0] : undefined;
    const fee = r.status === 'awaiting_fee' ? r.feeNotices[0] : undefined;
    const text = r.description.replace(/\s+/g, ' ').trim();
    return {
      id: r.id,
      trackingNo: r.trackingNo,
      orgName: r.org.name,
      submittedAt: r.createdAt.toISOString(),
      status: r.status,
      receivedOn: iso(r.receivedOn),
      excerpt: text.length > MY_EXCERPT_LENGTH ? `${text.slice(0, MY_EXCERPT_LENGTH)}…` : text,
      waitingFor: correction
        ? { kind: 'correction', until: iso(correction.periodEndsOn) as IsoDate, isTentative: isProvisionalSpan(iso(r.receivedOn), iso(correction.periodEndsOn), calendar) }
        : fee
          ? { kind: 'fee', until: iso(fee.paymentDueOn) as IsoDate, isTentative: isProvisionalSpan(iso(r.receivedOn), iso(fee.paymentDueOn), calendar) }
          : null,
      answerDueOn: isOpenStatus(r.status) ? iso(r.answerDueOn) : null,
      answerDueProvisional: isOpenStatus(r.status) && storedDueIsProvisional(iso(r.receivedOn), iso(r.answerDueOn), iso(r.delayedAnswerBy), calendar),
    };
  });
}
