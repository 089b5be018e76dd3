/**
 * Applies one workflow transition (lib/cases/workflow.ts) to a stored case, atomically and with history
 * (STYLE §3):
 *
 * 1. load the case through the actor's scope (a miss is NOT_FOUND, never FORBIDDEN — STYLE §5);
 * 2. build the workflow context from the stored facts and the deadline ledger, and assertTransition()
 *    (FORBIDDEN / INVALID_TRANSITION / VALIDATION with `workflow.*` message keys);
 * 3. one transaction: compare-and-set on `version` and status (lost race → CONFLICT `case.conflict`), the
 *    report-period lock (LOCKED), the side records (补正 round, consultation, extension, fee notice, documents
 *    with their 文号, delivery, transfer, appeal), the recomputed `answerDueOn`, the append-only event with
 *    before/after and the input facts, and the outbox rows for the applicant;
 * 4. after commit nothing here talks to the network: lib/notifications/dispatch.ts sends the outbox.
 */
import 'server-only';
import { db, PREPARED, type Db, type Tx } from '@/lib/db';
import { uuidV7 } from '@/lib/import/uuid-v7';
import { DomainError } from '@/lib/errors';
import { Prisma, type Document } from '@/lib/generated/prisma/client';
import type { CaseStatus } from '@/lib/generated/prisma/enums';
import { addCalendarDays, yearOf, type IsoDate } from '@/lib/calendar/iso-date';
import { dbDateToIso, isoToDbDate, loadCalendar } from '@/lib/calendar/load-calendar';
import { addWorkingDays, isProvisionalSpan } from '@/lib/calendar/working-days';
import { eventActorOf, inCaseScope, workflowActorForLoadedCase, type Actor } from '@/lib/cases/actor';
import {
  answerDraftFacts,
  currentAnswerDraft,
  openCorrectionRound,
  openConsultations,
  openFeeNotice,
  pendingExtension,
  pendingNoticeDocument,
  workflowFactsFor,
  type CaseRecord,
} from '@/lib/cases/case-record';
import { compareAndSet, diffOf, isUuid, writeEvent, type CaseChanges } from '@/lib/cases/case-write';
import { answerDueOnFromLedger, chinaToday, deadlineSettingsFrom, ledgerForRecord, verifyLedgers, type CaseDeadlineContext } from '@/lib/cases/deadline-for-case';
import { loadCaseRecord, type LoadedCaseRecord } from '@/lib/cases/load-case-record';
import { STEP_DATE_FIELD, TRANSITION_INPUT_SCHEMAS, type ParsedTransitionInputs, type TransitionInputs } from '@/lib/cases/transition-inputs';
import { assertTransition, TRANSITIONS, type TransitionDef, type TransitionName, type TransitionResult } from '@/lib/cases/workflow';
import { SIGN_OFF_NOTICE_TYPES, type AppealResult, type TransitionInput } from '@/lib/cases/workflow-guards';
import { PERIODS } from '@/lib/deadlines/compute-deadlines';
import type { DeadlineLedger, StatedLetterDates } from '@/lib/deadlines/types';
import { draftNoticeDocument, finishAnswerDocument, issueDocument } from '@/lib/documents/issue-document';
import type { TemplateKey } from '@/lib/documents/default-templates';
import { applyNoticeDelivery } from '@/lib/cases/notice-delivery';
import { computationJson, computeCaseFee } from '@/lib/cases/fee-computation';
import { FEE_METHOD_ARTICLE, feeComputationText, type FeeComputation } from '@/lib/law/fees';
import { FEE_METHOD_DOCUMENT_LABEL, OUTCOME_DOCUMENT_TEXT } from '@/lib/documents/outcome-text';
import { formatChineseDate, resolveTemplate, type TemplateFields } from '@/lib/documents/templates';
import {
  answerDueText,
  calendarChangeReason,
  correctionPeriodText,
  noticeCorrectionFields,
  parseStatedDates,
  paymentPeriodText,
  letterDate,
  provisionalDateText,
  statedAnswerDue,
  type OpenPause,
} from '@/lib/documents/notice-dates';
import { queueNotification, type NotificationRecipient } from '@/lib/notifications/outbox';
import { openCaseContact } from '@/lib/privacy/personal-data';
import { reportYearsChangedBy, type CaseStatisticsFacts } from '@/lib/reports/affected-years';
import { assertPeriodUnlocked } from '@/lib/reports/period-lock';

export type { TransitionInputs } from '@/lib/cases/transition-inputs';

export type TransitionCaseParams = {
  [N in TransitionName]: {
    caseId: string;
    /** Case.version the actor saw; a different current version → CONFLICT. */
    expectedVersion: number;
    name: N;
    input: TransitionInputs[N];
    actor: Actor;
    now: Date;
  };
}[TransitionName];

export interface TransitionCaseResult {
  caseId: string;
  /** The new Case.version (pass it as expectedVersion for the next change). */
  version: number;
  status: CaseStatus;
  event: string;
  /** Flags recorded on the event (e.g. correction_notice_late). */
  flags: readonly string[];
  /** Document created or issued by this step, with its 文号. */
  document: { id: string; docNumber: string } | null;
  /** The stored effective answer date after the step (Case.answerDueOn). */
  answerDueOn: IsoDate | null;
}

/** What one transition does beyond the status change. */
interface Plan {
  changes: CaseChanges;
  /**
   * Extra report years to check against period locks, beyond the section 三 years computed from the
   * case's own facts (reportYearsChangedBy): the appeal register (section 四) counts by filing year.
   */
  lock?: { orgIds: number[]; years: number[] };
  /**
   * Side records, before the due date is recomputed. What it writes that the ledger reads it also puts into
   * `next`, the in-memory record as the transaction leaves it (the ledger is computed from it: no reload).
   */
  apply?: (tx: Tx, next: CaseRecord) => Promise<StepOutput | void>;
  /** After the due date is recomputed: documents that quote it, notifications. */
  after?: (tx: Tx, ledger: DeadlineLedger, applied: StepOutput) => Promise<StepOutput | void>;
  /**
   * `next` after the step is the whole record as a reload would read it (apply and after put every change
   * to the case record's rows into it), so the next step of the case in the same transaction can start from
   * it (transitionCaseChained). Set only on the plans that do; integration tests check each such step
   * against a reload (GONGKAI_VERIFY_LEDGER, assertRecordAsStored).
   */
  keepsRecord?: true;
}

interface StepOutput {
  document?: { id: string; docNumber: string } | null;
  data?: Record<string, unknown>;
}

interface StepContext {
  record: CaseRecord;
  actor: Actor;
  now: Date;
  today: IsoDate;
  deadlines: CaseDeadlineContext;
  ledger: DeadlineLedger;
  result: TransitionResult;
  /** Where the step reads: the database, or the composite operation's transaction (which sees its own rows). */
  client: Db | Tx;
  /** issue_fee_notice: the 办法's computation (guards fee_units_given, fee_threshold_exceeded passed). */
  fee?: FeeComputation;
  /** The reviewer's step signs off this submitted notice (issue 11 item 3): it becomes the issued letter. */
  submittedNoticeId?: string | null;
}

/**
 * A reviewer signing off a submitted notice takes the step with the input the clerk submitted; what the
 * reviewer fills in replaces it (an amendment before signing). The notice's date is the sign-off's unless the
 * reviewer gives one: the submitted date is dropped.
 */
function withSubmittedNotice(name: TransitionName, raw: unknown, record: CaseRecord, actor: Actor): unknown {
  const def: TransitionDef = TRANSITIONS[name];
  const pending = def.signOff ? pendingNoticeDocument(record) : null;
  if (!pending || pending.type !== def.signOff || actor.role !== 'reviewer') return raw;
  const stored = pending.stepInput && typeof pending.stepInput === 'object' && !Array.isArray(pending.stepInput) ? { ...(pending.stepInput as Record<string, unknown>) } : {};
  const dateField = (STEP_DATE_FIELD as Partial<Record<TransitionName, string>>)[name];
  if (dateField) delete stored[dateField];
  const given = raw && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null && v !== '') : [];
  return { ...stored, ...Object.fromEntries(given) };
}

/** The text of a notice submitted for sign-off: the fields its issue would merge, without what only the issue fixes. */
function submitNoticePlan(name: TransitionName, input: ParsedTransitionInputs[TransitionName], ctx: StepContext): Plan {
  const { record, actor } = ctx;
  const type = TRANSITIONS[name as 'request_correction' | 'start_consultation' | 'issue_fee_notice'].signOff;
  let templateKey: TemplateKey | undefined;
  let fields: TemplateFields = {};
  if (name === 'request_correction') {
    const i = input as ParsedTransitionInputs['request_correction'];
    fields = { correctionItems: numberedItems((i.items ?? '').trim()), correctionPeriodDays: i.periodDays, correctionPeriodText: '' };
  } else if (name === 'start_consultation') {
    const i = input as ParsedTransitionInputs['start_consultation'];
    templateKey = i.kind === 'agency' ? 'consultation_letter_agency' : 'consultation_letter';
    fields = { party: i.party, letterNote: i.letterNote };
  } else if (name === 'issue_fee_notice' && ctx.fee) {
    const i = input as ParsedTransitionInputs['issue_fee_notice'];
    const fee = ctx.fee;
    fields = {
      feeBasis: [FEE_METHOD_ARTICLE[fee.method], i.basis?.trim()].filter(Boolean).join('；'),
      feeMethod: FEE_METHOD_DOCUMENT_LABEL[fee.method],
      feeAmount: fee.amountYuan.toFixed(2),
      feeComputationText: feeComputationText(fee, { withMethod: false }),
      paymentInstructions: i.paymentInstructions,
      paymentPeriodText: '',
    };
  }
  return {
    changes: {},
    apply: async (tx) => {
      const doc = await draftNoticeDocument(tx, { caseRecord: record, type, templateKey, fields, actorId: actor.id, stepInput: input as Record<string, unknown> });
      return { data: { documentId: doc.id, noticeType: type, transition: name } };
    },
  };
}

/**
 * The fee of issue_fee_notice from the facts (办法 Arts. 4–5, lib/cases/fee-computation.ts); undefined when the
 * units are not valid or the case has no receipt date yet — the guards then refuse with their message.
 */
async function feeFor(record: CaseRecord, input: ParsedTransitionInputs['issue_fee_notice']): Promise<FeeComputation | undefined> {
  if (record.status !== 'in_progress' || !record.receivedOn) return undefined;
  try {
    return await computeCaseFee(record, { method: input.method, pages: input.pages, itemCount: input.itemCount });
  } catch (error) {
    if (error instanceof RangeError) return undefined; // units out of range: guard fee_units_given
    throw error;
  }
}

const TX_OPTIONS = { timeout: 20_000, maxWait: 10_000 } as const;

function fail(code: DomainError['code'], key: string, params?: Record<string, unknown>): never {
  throw new DomainError(code, key, params);
}

/** Loads a case through the actor's scope (one statement); NOT_FOUND when missing or out of scope. */
export async function loadCaseForActor(actor: Actor, caseId: string, client: Db | Tx = db): Promise<CaseRecord> {
  return (await loadCaseAndSettingsForActor(actor, caseId, client)).record;
}

/** The case record and the stored fee-pause setting through the actor's scope (one statement); NOT_FOUND as loadCaseForActor. */
export async function loadCaseAndSettingsForActor(actor: Actor, caseId: string, client: Db | Tx): Promise<LoadedCaseRecord> {
  if (!isUuid(caseId)) fail('NOT_FOUND', 'case.not_found');
  return (await loadCaseRecord(client, caseId, actor)) ?? fail('NOT_FOUND', 'case.not_found');
}

function parseInput<N extends TransitionName>(name: N, input: unknown): ParsedTransitionInputs[N] {
  const parsed = TRANSITION_INPUT_SCHEMAS[name].safeParse(input ?? {});
  if (!parsed.success) {
    fail('VALIDATION', 'case.input_invalid', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data as ParsedTransitionInputs[N];
}

/** The workflow guards' view of the parsed input. */
function workflowInput(name: TransitionName, input: ParsedTransitionInputs[TransitionName], record: CaseRecord, fee?: FeeComputation): TransitionInput {
  const i = input as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof i[k] === 'string' ? (i[k] as string) : undefined);
  const num = (k: string): number | undefined => (typeof i[k] === 'number' ? (i[k] as number) : undefined);
  const out: TransitionInput = {
    receivedOn: str('receivedOn'),
    assigneeId: str('assigneeId'),
    correctionItems: str('items'),
    correctionPeriodDays: num('periodDays'),
    extensionDays: num('days'),
    hasApplicantNotice: typeof i.hasApplicantNotice === 'boolean' ? i.hasApplicantNotice : undefined,
    delayedAnswerBy: str('delayedAnswerBy'),
    reason: str('reason'),
    targetOrgId: num('targetOrgId'),
    retentionNote: str('retentionNote'),
    deliveredOn: str('deliveredOn'),
    stepOn: stepDateField(name, input),
  };
  if (name === 'start_consultation') {
    const c = input as ParsedTransitionInputs['start_consultation'];
    Object.assign(out, { consultationKind: c.kind, consultationParty: c.party });
  }
  if (name === 'issue_fee_notice') {
    const f = input as ParsedTransitionInputs['issue_fee_notice'];
    Object.assign(out, { feeMethod: f.method, feePages: f.pages, feeItemCount: f.itemCount, feeComputation: fee, feeAmountYuan: fee?.amountYuan });
  }
  if (name === 'record_appeal') out.appealKind = (input as ParsedTransitionInputs['record_appeal']).kind;
  if (name === 'submit_answer' || name === 'approve_answer') out.answerDraft = answerDraftFacts(currentAnswerDraft(record));
  return out;
}

/** The step's legal date as entered (STEP_DATE_FIELD), or undefined = today. */
function stepDateField(name: TransitionName, input: ParsedTransitionInputs[TransitionName]): IsoDate | undefined {
  const field = (STEP_DATE_FIELD as Partial<Record<TransitionName, string>>)[name];
  const value = field ? (input as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function recipientOf(record: CaseRecord): NotificationRecipient {
  const { email, mobile } = openCaseContact(record);
  return { caseId: record.id, email, mobile, locale: record.applicantUser?.locale ?? null };
}

function isoOrNull(d: Date | null | undefined): IsoDate | null {
  return d ? dbDateToIso(d) : null;
}

/**
 * Applies transition `name` to the case. Throws DomainError NOT_FOUND | FORBIDDEN | INVALID_TRANSITION |
 * VALIDATION | CONFLICT | LOCKED (message keys `case.*`, `workflow.*`, `report.period_locked`).
 */
export async function transitionCase(params: TransitionCaseParams): Promise<TransitionCaseResult> {
  const prepared = await prepareTransition(db, params);
  return (await db.$transaction((tx) => commitTransition(tx, prepared), TX_OPTIONS)).result;
}

/**
 * The same step inside a caller's transaction: a composite operation (e.g. the on-the-spot answer,
 * lib/cases/answer-on-the-spot.ts) chains several steps of one case in ONE transaction, each with its own
 * guards, compare-and-set and event, exactly as transitionCase applies them one by one.
 */
export async function transitionCaseInTx(tx: Tx, params: TransitionCaseParams): Promise<TransitionCaseResult> {
  return (await commitTransition(tx, await prepareTransition(tx, params))).result;
}

/**
 * transitionCaseInTx for a chain of steps of one case in one transaction (the demo seed, composite
 * operations): `carried` is what the previous step of the chain returned as `record` — the case record as
 * that step left it, without reading it again (issue 13 item 4: no reload after write). It is used only for
 * the same case, when the actor may see it (inCaseScope, the twin of the loader's scope), and only in the
 * transaction that wrote it: the compare-and-set holds the case row's lock until commit, and every change to
 * a case's records goes through that compare-and-set. Otherwise, and after a step whose plan does not keep
 * the record, the case is loaded as usual. Each step keeps its guards, compare-and-set, locks and event.
 */
export async function transitionCaseChained(
  tx: Tx,
  params: TransitionCaseParams,
  carried: LoadedCaseRecord | null,
): Promise<{ result: TransitionCaseResult; record: LoadedCaseRecord | null }> {
  return commitTransition(tx, await prepareTransition(tx, params, carried));
}

interface PreparedTransition {
  params: TransitionCaseParams;
  record: CaseRecord;
  /** The stored fee-pause setting read with the record (carried to the next chained step). */
  feePauseSetting: unknown;
  result: TransitionResult;
  plan: Plan;
  changes: CaseChanges;
  lock: { orgIds: number[]; years: number[] };
  input: ParsedTransitionInputs[TransitionName];
  today: IsoDate;
  deadlines: CaseDeadlineContext;
  /** The submitted notice this step signs off (issue 11 item 3). */
  submitted: { id: string; draftedById: string } | null;
}

/** Reads and decides (no writes): input parsed, case loaded through the scope, guards asserted, plan made. */
async function prepareTransition(client: Db | Tx, params: TransitionCaseParams, carried: LoadedCaseRecord | null = null): Promise<PreparedTransition> {
  const { caseId, expectedVersion, name, actor, now } = params;
  if (!Object.hasOwn(TRANSITIONS, name)) fail('VALIDATION', 'workflow.error.unknown_transition', { transition: name });
  const { record, feePauseSetting } =
    carried && carried.record.id === caseId && inCaseScope(actor, carried.record) ? carried : await loadCaseAndSettingsForActor(actor, caseId, client);
  if (record.version !== expectedVersion) fail('CONFLICT', 'case.conflict', { caseId });
  const input = parseInput(name, withSubmittedNotice(name, params.input, record, actor));

  const today = chinaToday(now);
  const deadlines: CaseDeadlineContext = { calendar: await loadCalendar(), settings: deadlineSettingsFrom(feePauseSetting) };
  const ledger = ledgerForRecord(record, today, deadlines);
  const fee = name === 'issue_fee_notice' ? await feeFor(record, input as ParsedTransitionInputs['issue_fee_notice']) : undefined;
  const result = assertTransition(name, {
    status: record.status,
    actor: workflowActorForLoadedCase(actor),
    context: { today, facts: workflowFactsFor(record, ledger), input: workflowInput(name, input, record, fee) },
  });
  const submitted = result.effects.includes('issues_submitted_notice') ? pendingNoticeDocument(record) : null;
  const ctx: StepContext = { record, actor, now, today, deadlines, ledger, result, fee, client, submittedNoticeId: submitted?.id ?? null };
  // Sign-off wanted (issue 11 item 3): a clerk's notice is only stored for the reviewer.
  const plan = result.effects.includes('submits_notice') ? submitNoticePlan(name, input, ctx) : await planFor(name, input, ctx);
  const changes: CaseChanges = { ...plan.changes };
  if (result.to !== result.from) changes.status = result.to;
  if (result.concludes && result.outcome) changes.outcome = result.outcome;

  const lock = periodLockScope(record, changes, today, plan.lock);
  return {
    params,
    record,
    feePauseSetting,
    result,
    plan,
    changes,
    lock,
    input,
    today,
    deadlines,
    submitted: submitted ? { id: submitted.id, draftedById: submitted.draftedById } : null,
  };
}

/**
 * Writes one prepared step: compare-and-set, period lock, side records, due date, event. Nothing is read back:
 * the new ledger comes from the loaded record with the step's changes (`next`, see Plan.apply).
 */
async function commitTransition(tx: Tx, prepared: PreparedTransition): Promise<{ result: TransitionCaseResult; record: LoadedCaseRecord | null }> {
  const { params, record, result, plan, changes, lock, input, today, deadlines, submitted } = prepared;
  const { expectedVersion, name, actor, now } = params;
  const next = nextRecord(record, changes);
  // The write time of the case row (what Prisma's @updatedAt would set), given explicitly so that `next` has it.
  const updatedAt = new Date();
  // Without side records the new due date is known before writing: it goes into the compare-and-set.
  const early = plan.apply ? null : ledgerForRecord(next, today, deadlines);
  const dueOn = (l: DeadlineLedger) => l.answerDue ?? null;
  const storedDue = isoOrNull(record.answerDueOn);
  await compareAndSet(
    tx,
    { id: record.id, version: expectedVersion, status: record.status },
    changes,
    early && dueOn(early) !== storedDue ? { answerDueOn: answerDueOnFromLedger(early), updatedAt } : { updatedAt },
  );
  if (lock.years.length > 0) await assertPeriodUnlocked(tx, lock);
  const applied: StepOutput = (await plan.apply?.(tx, next)) ?? {};
  const newLedger = early ?? ledgerForRecord(next, today, deadlines);
  if (dueOn(newLedger) !== storedDue) {
    next.answerDueOn = answerDueOnFromLedger(newLedger);
    if (!early) await tx.case.update({ where: { id: record.id }, data: { answerDueOn: next.answerDueOn, updatedAt } });
  }
  if (verifyLedgers()) await assertLedgerAsStored(tx, record.id, today, deadlines, newLedger, name);
  const afterOut: StepOutput = (await plan.after?.(tx, newLedger, applied)) ?? {};
  const doc = afterOut.document ?? applied.document ?? null;
  const document = doc ? { id: doc.id, docNumber: doc.docNumber } : null;
  const { before, after } = diffOf(record as unknown as Record<string, unknown>, changes);
  await writeEvent(tx, {
    caseId: record.id,
    actor: eventActorOf(actor),
    type: result.event,
    fromStatus: result.from,
    toStatus: result.to,
    isPublic: result.isPublic,
    occurredAt: now,
    data: {
      before,
      after,
      input,
      flags: result.flags,
      basis: TRANSITIONS[name].basis,
      answerDueOn: newLedger.answerDue,
      ...(document ? { documentId: document.id, docNumber: document.docNumber } : {}),
      ...(submitted ? { submittedBy: submitted.draftedById, submittedDocumentId: submitted.id } : {}),
      ...applied.data,
      ...afterOut.data,
    },
  });
  let carried: LoadedCaseRecord | null = null;
  if (plan.keepsRecord) {
    next.version = expectedVersion + 1;
    next.updatedAt = updatedAt;
    carried = { record: next, feePauseSetting: prepared.feePauseSetting };
    if (verifyLedgers()) await assertRecordAsStored(tx, carried, name);
  }
  return {
    result: {
      caseId: record.id,
      version: expectedVersion + 1,
      status: result.to,
      event: result.event,
      flags: result.flags,
      document,
      answerDueOn: newLedger.answerDue,
    },
    record: carried,
  };
}

/** The loaded record with the step's case changes, its lists copied so that Plan.apply can change them. */
function nextRecord(record: CaseRecord, changes: CaseChanges): CaseRecord {
  return {
    ...record,
    ...changes,
    corrections: [...record.corrections],
    consultations: [...record.consultations],
    extensions: [...record.extensions],
    feeNotices: [...record.feeNotices],
    documents: [...record.documents],
  };
}

/** Puts `row` into `list` in place of the row with its id, or adds it; keeps the loader's order (load-case-record.ts). */
function putRow<T extends { id: string }>(list: T[], row: T, order?: (r: T) => number | string): void {
  const i = list.findIndex((r) => r.id === row.id);
  if (i >= 0) list[i] = row;
  else list.push(row);
  if (order) list.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const byTime = (d: Date) => d.getTime();

/** An issued letter that states a date (CASE_RECORD_INCLUDE's documents: newest first). */
function addIssuedLetter(next: CaseRecord, row: Document | undefined): void {
  if (!row) throw new Error('issueDocument returned no row for a new letter');
  next.documents.unshift({ ...row, _count: { attachments: 0 } });
}

/**
 * Under GONGKAI_VERIFY_LEDGER=1 (integration tests) every step reloads the case in its transaction and checks
 * that the ledger computed without the reload is the stored facts' ledger — the proof that each Plan.apply
 * puts into `next` everything the ledger reads.
 */
async function assertLedgerAsStored(tx: Tx, caseId: string, today: IsoDate, deadlines: CaseDeadlineContext, ledger: DeadlineLedger, name: string): Promise<void> {
  const stored = await loadCaseRecord(tx, caseId, null);
  if (!stored) throw new Error(`verify ledger: case ${caseId} vanished`);
  const expected = JSON.stringify(ledgerForRecord(stored.record, today, deadlines));
  if (expected !== JSON.stringify(ledger)) throw new Error(`verify ledger (${name}): in-memory ${JSON.stringify(ledger)} ≠ stored ${expected}`);
}

/**
 * Under GONGKAI_VERIFY_LEDGER=1 (integration tests) every step whose plan keeps the record (Plan.keepsRecord)
 * reloads the case at the end of its transaction's step and fails unless the record it hands to the next
 * chained step equals the stored one, every field of every row.
 */
export async function assertRecordAsStored(tx: Tx, carried: LoadedCaseRecord, name: string): Promise<void> {
  const stored = await loadCaseRecord(tx, carried.record.id, null);
  if (!stored) throw new Error(`verify record: case ${carried.record.id} vanished`);
  const expected = canonicalJson(stored);
  const actual = canonicalJson(carried);
  if (expected !== actual) throw new Error(`verify record (${name}): carried ${actual} ≠ stored ${expected}`);
}

/** JSON with object keys sorted (rows built in memory and decoded rows list their columns in different orders). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

/** The case as the annual table reads it (lib/reports/affected-years.ts). */
function statisticsFacts(record: CaseRecord): CaseStatisticsFacts {
  return {
    orgId: record.orgId,
    applicantType: record.applicantType,
    receivedOn: isoOrNull(record.receivedOn),
    concludedOn: isoOrNull(record.concludedOn),
    outcome: record.outcome,
  };
}

/**
 * Organisations and years whose published tables the change would alter: a conclusion alters the year of
 * its conclusion date, a confirmation the receipt year (and the years it is carried over into), a transfer
 * every year the case counted in, for both organisations.
 */
function periodLockScope(record: CaseRecord, changes: CaseChanges, today: IsoDate, extra?: Plan['lock']): { orgIds: number[]; years: number[] } {
  const before = statisticsFacts(record);
  const after: CaseStatisticsFacts = {
    ...before,
    orgId: changes.orgId ?? before.orgId,
    receivedOn: changes.receivedOn !== undefined ? isoOrNull(changes.receivedOn) : before.receivedOn,
    concludedOn: changes.concludedOn !== undefined ? isoOrNull(changes.concludedOn) : before.concludedOn,
    outcome: changes.outcome !== undefined ? changes.outcome : before.outcome,
  };
  const years = new Set(reportYearsChangedBy(before, after, yearOf(today)));
  const orgIds = new Set([before.orgId, after.orgId]);
  for (const y of extra?.years ?? []) years.add(y);
  for (const o of extra?.orgIds ?? []) orgIds.add(o);
  return { orgIds: [...orgIds], years: [...years].sort((a, b) => a - b) };
}

// ── Per-transition plans ────────────────────────────────────────────────────────────────────────────────

async function planFor<N extends TransitionName>(name: N, rawInput: ParsedTransitionInputs[N], ctx: StepContext): Promise<Plan> {
  const { record, actor, now, today } = ctx;
  // Decrypted only by the steps that notify the applicant.
  const recipient = () => recipientOf(record);
  switch (name) {
    case 'confirm_receipt': {
      const input = rawInput as ParsedTransitionInputs['confirm_receipt'];
      const receivedOn = input.receivedOn as IsoDate; // guard receipt_date_valid
      return {
        changes: { receivedOn: isoToDbDate(receivedOn), confirmedAt: now, confirmationNote: input.confirmationNote ?? null },
        keepsRecord: true,
        after: async (tx, ledger) => {
          await queueNotification(tx, recipient(), 'receipt_confirmed', {
            trackingNo: record.trackingNo,
            orgName: record.org.name,
            receivedOn,
            answerDueOn: ledger.answerDue,
            answerDueTentative: ledger.answerDueCalendarProvisional,
          });
        },
      };
    }

    case 'assign': {
      const input = rawInput as ParsedTransitionInputs['assign'];
      const assigneeId = input.assigneeId as string;
      await assertAssignable(assigneeId, record, ctx.client);
      return { changes: { assignedClerkId: assigneeId }, keepsRecord: true };
    }

    case 'claim':
      return { changes: { assignedClerkId: actor.id }, keepsRecord: true };

    case 'request_correction': {
      const input = rawInput as ParsedTransitionInputs['request_correction'];
      const items = (input.items as string).trim();
      const periodDays = input.periodDays as number;
      const requestedOn = input.requestedOn ?? today; // guard step_date_valid
      // Art. 30 / regulations.md §15: the period runs from delivery of the notice; until it is recorded
      // (record_notice_delivery, or the applicant reading it in the portal) it counts from sending, provisionally.
      const periodEndsOn = addWorkingDays(requestedOn, periodDays, ctx.deadlines.calendar);
      const periodTentative = isProvisionalSpan(requestedOn, periodEndsOn, ctx.deadlines.calendar);
      return {
        changes: {},
        apply: async (tx, next) => {
          const round = await tx.correctionRequest.create({
            data: { caseId: record.id, requestedOn: isoToDbDate(requestedOn), items, periodDays, periodEndsOn: isoToDbDate(periodEndsOn) },
          });
          putRow(next.corrections, round, (r) => byTime(r.requestedOn));
          dropSubmittedNotice(next, ctx.submittedNoticeId);
          const document = await issueDocument(tx, {
            caseRecord: record,
            type: 'correction_notice',
            submittedDraftId: ctx.submittedNoticeId,
            actorId: actor.id,
            issuedOn: requestedOn,
            // The notice states the period from receipt, not a last day counted from sending (notice-dates.ts).
            fields: {
              correctionItems: numberedItems(items),
              correctionPeriodDays: periodDays,
              correctionPeriodText: correctionPeriodText(null, null),
              // Only for organisations' own templates that still print the last day: with what it depends on.
              correctionPeriodEndsOn: provisionalDateText(periodEndsOn, 'correction', periodTentative),
            },
          });
          await queueNotification(tx, recipient(), 'correction_requested', {
            trackingNo: record.trackingNo,
            orgName: record.org.name,
            periodEndsOn,
            periodDays,
            periodProvisional: true,
            docNumber: document.docNumber,
          });
          return { document, data: { correctionRequestId: round.id, periodEndsOn, periodDays, periodProvisional: true } };
        },
        keepsRecord: true,
      };
    }

    case 'receive_correction': {
      const input = rawInput as ParsedTransitionInputs['receive_correction'];
      const round = openCorrectionRound(record) ?? fail('INVALID_TRANSITION', 'case.correction.none_open');
      const correctedOn = input.receivedOn as IsoDate;
      if (correctedOn < dbDateToIso(round.requestedOn)) fail('VALIDATION', 'case.correction.received_before_request');
      return {
        changes: {},
        apply: async (tx, next) => {
          const row = await tx.correctionRequest.update({
            where: { id: round.id },
            data: { correctedOn: isoToDbDate(correctedOn), responseText: input.responseText ?? null },
          });
          putRow(next.corrections, row);
          return { data: { correctionRequestId: round.id, correctedOn } };
        },
        keepsRecord: true,
      };
    }

    case 'lapse_correction': {
      const round = openCorrectionRound(record) ?? fail('INVALID_TRANSITION', 'case.correction.none_open');
      // CONCLUSION_DATE_RULES (lib/statistics/conventions.ts): the day after the last day of the period.
      const concludedOn = addCalendarDays(dbDateToIso(round.periodEndsOn), 1);
      return {
        changes: { concludedOn: isoToDbDate(concludedOn) },
        apply: async (tx, next) => {
          putRow(next.corrections, await tx.correctionRequest.update({ where: { id: round.id }, data: { lapsedOn: isoToDbDate(today) } }));
          await withdrawOpenDrafts(tx, record.id, next);
        },
        keepsRecord: true,
      };
    }

    case 'start_consultation': {
      const input = rawInput as ParsedTransitionInputs['start_consultation'];
      const kind = input.kind as 'third_party' | 'agency';
      const sentOn = input.sentOn ?? today; // guard step_date_valid
      const receivedByPartyOn = input.receivedByPartyOn;
      // The party's receipt (its 15 working days run from it, Arts. 32, 34) cannot precede the letter. It may be
      // entered ahead as expected (e.g. a courier's delivery date) and corrected by end_consultation.
      if (receivedByPartyOn && receivedByPartyOn < sentOn) {
        fail('VALIDATION', 'case.consultation.received_before_sent', { sentOn });
      }
      return {
        changes: {},
        apply: async (tx, next) => {
          const consultation = await tx.consultation.create({
            data: {
              caseId: record.id,
              kind,
              party: input.party,
              sentOn: isoToDbDate(sentOn),
              receivedByPartyOn: receivedByPartyOn ? isoToDbDate(receivedByPartyOn) : null,
            },
          });
          putRow(next.consultations, consultation, (c) => byTime(c.sentOn));
          dropSubmittedNotice(next, ctx.submittedNoticeId);
          const document = await issueDocument(tx, {
            caseRecord: record,
            type: 'consultation_letter',
            submittedDraftId: ctx.submittedNoticeId,
            templateKey: kind === 'agency' ? 'consultation_letter_agency' : 'consultation_letter',
            actorId: actor.id,
            issuedOn: sentOn,
            fields: { party: input.party, letterNote: input.letterNote },
          });
          const replyDue = addWorkingDays(receivedByPartyOn ?? sentOn, PERIODS.consultationReply, ctx.deadlines.calendar);
          return { document, data: { consultationId: consultation.id, kind, replyDue } };
        },
        keepsRecord: true,
      };
    }

    case 'end_consultation':
    case 'record_consultation_reply': {
      const input = rawInput as ParsedTransitionInputs['end_consultation'];
      const open = openConsultations(record);
      // One letter per party; the reply is recorded on the letter chosen (the only one, for the last reply).
      const letter = input.consultationId
        ? (open.find((c) => c.id === input.consultationId) ?? fail('VALIDATION', 'case.consultation.not_open'))
        : open.length === 1
          ? open[0]
          : open.length === 0
            ? fail('INVALID_TRANSITION', 'case.consultation.none_open')
            : fail('VALIDATION', 'case.consultation.choose_letter', { count: open.length });
      const repliedOn = input.repliedOn ?? today;
      const sentOn = dbDateToIso(letter.sentOn);
      if (repliedOn > today || repliedOn < sentOn) fail('VALIDATION', 'case.consultation.reply_date_invalid', { sentOn });
      if (input.receivedByPartyOn && (input.receivedByPartyOn < sentOn || input.receivedByPartyOn > repliedOn)) {
        fail('VALIDATION', 'case.consultation.received_date_invalid', { sentOn });
      }
      return {
        changes: {},
        apply: async (tx, next) => {
          // Compare-and-set on the letter too: a reply recorded meanwhile (another version) is not overwritten.
          const data = {
            repliedOn: isoToDbDate(repliedOn),
            opinion: input.opinion ?? null,
            ...(input.receivedByPartyOn ? { receivedByPartyOn: isoToDbDate(input.receivedByPartyOn) } : {}),
          };
          const updated = await tx.consultation.updateMany({ where: { id: letter.id, caseId: record.id, repliedOn: null }, data });
          if (updated.count !== 1) fail('CONFLICT', 'case.conflict', { caseId: record.id });
          putRow(next.consultations, { ...letter, ...data });
          return { data: { consultationId: letter.id, party: letter.party, kind: letter.kind, repliedOn, stillOpen: open.length - 1 } };
        },
        keepsRecord: true,
      };
    }

    case 'request_extension': {
      const input = rawInput as ParsedTransitionInputs['request_extension'];
      return {
        changes: {},
        apply: async (tx, next) => {
          const ext = await tx.extension.create({
            // requestedAt = the step's time: its China day bounds the approval date (Art. 33 para 2).
            data: { caseId: record.id, days: input.days as number, reason: (input.reason as string).trim(), requestedById: actor.id, requestedAt: now },
          });
          putRow(next.extensions, ext, (e) => byTime(e.requestedAt));
          return { data: { extensionId: ext.id } };
        },
        keepsRecord: true,
      };
    }

    case 'approve_extension': {
      const ext = pendingExtension(record) ?? fail('INVALID_TRANSITION', 'workflow.guard.extension_request_pending');
      const input = rawInput as ParsedTransitionInputs['approve_extension'];
      const approvedOn = input.approvedOn ?? today; // guard step_date_valid
      return {
        changes: {},
        apply: async (tx, next) => {
          putRow(next.extensions, await tx.extension.update({ where: { id: ext.id }, data: { approvedById: actor.id, approvedOn: isoToDbDate(approvedOn) } }));
        },
        after: async (tx, ledger) => {
          // Art. 33 para 2: the applicant is told, with the new answer date.
          // The letter states the answer date only as far as the facts fix it (notice-dates.ts).
          const pauses = openPauses(ledger, ctx.deadlines.settings.pauseAnswerClockWhileFeePending);
          const document = await issueDocument(tx, {
            caseRecord: record,
            type: 'extension_notice',
            actorId: actor.id,
            issuedOn: approvedOn,
            fields: {
              extensionDays: ext.days,
              extensionReason: ext.reason,
              answerDueOn: ledger.answerDue ? letterDate(ledger.answerDue, ledger.answerDueCalendarProvisional) : formatChineseDate(ledger.answerDue),
              answerDueText: answerDueText(ledger.answerDue, pauses, ledger.answerDueCalendarProvisional),
            },
            statedDates: statedAnswerDue(ledger.answerDue, pauses, ledger.answerDueCalendarProvisional),
          });
          await queueNotification(tx, recipient(), 'extension_approved', {
            trackingNo: record.trackingNo,
            orgName: record.org.name,
            days: ext.days,
            answerDueOn: ledger.answerDue,
            answerDueTentative: pauses.length > 0 || ledger.answerDueCalendarProvisional,
            docNumber: document.docNumber,
          });
          return { document, data: { extensionId: ext.id, days: ext.days } };
        },
      };
    }

    case 'reject_extension': {
      const ext = pendingExtension(record) ?? fail('INVALID_TRANSITION', 'workflow.guard.extension_request_pending');
      return {
        changes: {},
        apply: async (tx, next) => {
          putRow(next.extensions, await tx.extension.update({ where: { id: ext.id }, data: { rejectedAt: now } }));
          return { data: { extensionId: ext.id } };
        },
      };
    }

    case 'set_delayed_answer': {
      const input = rawInput as ParsedTransitionInputs['set_delayed_answer'];
      const answerBy = input.delayedAnswerBy as IsoDate;
      const reason = (input.reason as string).trim();
      const decidedOn = input.decidedOn ?? today; // guard step_date_valid
      return {
        changes: { delayedAnswerBy: isoToDbDate(answerBy) },
        apply: async (tx, next) => {
          const document = await issueDocument(tx, {
            caseRecord: record,
            type: 'delayed_answer_notice',
            actorId: actor.id,
            issuedOn: decidedOn,
            reason,
            fields: { delayedAnswerBy: formatChineseDate(answerBy), reason },
            statedDates: { answerDueOn: answerBy }, // Art. 35: the agency fixes it; nothing moves it
          });
          addIssuedLetter(next, document.row);
          await queueNotification(tx, recipient(), 'delayed_answer_set', {
            trackingNo: record.trackingNo,
            orgName: record.org.name,
            answerBy,
            docNumber: document.docNumber,
          });
          // case-record.ts reads the decision date back from this event for the ledger.
          return { document, data: { decidedOn } };
        },
      };
    }

    case 'issue_fee_notice': {
      const input = rawInput as ParsedTransitionInputs['issue_fee_notice'];
      const fee = ctx.fee as FeeComputation; // guards fee_units_given, fee_threshold_exceeded
      const issuedOn = input.issuedOn ?? today; // guard step_date_valid
      if (input.receivedOn && (input.receivedOn < issuedOn || input.receivedOn > today)) {
        fail('VALIDATION', 'case.fee.received_date_invalid', { issuedOn });
      }
      const amount = new Prisma.Decimal(fee.amountYuan.toFixed(2));
      // The letter names the method (and its article) on its own line: the computation follows without it.
      const computationText = feeComputationText(fee, { withMethod: false });
      // The notice's basis: the article of the method (Art. 42 is cited above it), then staff's own words if any.
      const basis = [FEE_METHOD_ARTICLE[fee.method], input.basis?.trim()].filter(Boolean).join('；');
      // 20 working days counted from the day after receipt of the notice (regulations.md §11).
      const paymentDueOn = addWorkingDays(input.receivedOn ?? issuedOn, PERIODS.feePayment, ctx.deadlines.calendar);
      const paymentTentative = isProvisionalSpan(input.receivedOn ?? issuedOn, paymentDueOn, ctx.deadlines.calendar);
      return {
        changes: {},
        apply: async (tx, next) => {
          const notice = await tx.feeNotice.create({
            data: {
              caseId: record.id,
              amountYuan: amount,
              method: fee.method,
              basis,
              computation: computationJson(fee),
              issuedOn: isoToDbDate(issuedOn),
              receivedOn: input.receivedOn ? isoToDbDate(input.receivedOn) : null,
              paymentDueOn: isoToDbDate(paymentDueOn),
            },
          });
          putRow(next.feeNotices, notice, (f) => byTime(f.issuedOn));
          const document = await issueDocument(tx, {
            caseRecord: record,
            type: 'fee_notice',
            submittedDraftId: ctx.submittedNoticeId,
            actorId: actor.id,
            issuedOn,
            fields: {
              feeBasis: basis,
              feeMethod: FEE_METHOD_DOCUMENT_LABEL[fee.method],
              feeAmount: amount.toFixed(2),
              feeComputationText: computationText,
              paymentInstructions: input.paymentInstructions,
              paymentDueOn: input.receivedOn ? letterDate(paymentDueOn, paymentTentative) : provisionalDateText(paymentDueOn, 'fee', paymentTentative),
              // The last day only when the applicant's receipt is known (handed over); else "20 working days from receipt".
              paymentPeriodText: paymentPeriodText(input.receivedOn ?? null, paymentDueOn, paymentTentative),
            },
            statedDates: input.receivedOn ? { paymentDueOn } : null,
          });
          await queueNotification(tx, recipient(), 'fee_notice_issued', {
            trackingNo: record.trackingNo,
            orgName: record.org.name,
            amountYuan: amount.toFixed(2),
            paymentDueOn,
            paymentDueProvisional: !input.receivedOn,
            paymentDueTentative: paymentTentative,
            docNumber: document.docNumber,
          });
          return {
            document,
            data: { feeNoticeId: notice.id, amountYuan: fee.amountYuan, computation: computationJson(fee), paymentDueOn, paymentDueProvisional: !input.receivedOn },
          };
        },
      };
    }

    case 'record_fee_paid': {
      const input = rawInput as ParsedTransitionInputs['record_fee_paid'];
      const fee = openFeeNotice(record) ?? fail('INVALID_TRANSITION', 'case.fee.none_open');
      if (input.paidOn > today || input.paidOn < dbDateToIso(fee.issuedOn)) fail('VALIDATION', 'case.fee.paid_date_invalid');
      return {
        changes: {},
        apply: async (tx, next) => {
          putRow(next.feeNotices, await tx.feeNotice.update({ where: { id: fee.id }, data: { paidOn: isoToDbDate(input.paidOn) } }));
          return { data: { feeNoticeId: fee.id } };
        },
        keepsRecord: true,
      };
    }

    case 'lapse_fee': {
      const fee = openFeeNotice(record) ?? fail('INVALID_TRANSITION', 'case.fee.none_open');
      // CONCLUSION_DATE_RULES: the day after the last day of the payment period.
      const concludedOn = addCalendarDays(dbDateToIso(fee.paymentDueOn), 1);
      return {
        changes: { concludedOn: isoToDbDate(concludedOn) },
        apply: async (tx, next) => {
          putRow(next.feeNotices, await tx.feeNotice.update({ where: { id: fee.id }, data: { lapsedOn: isoToDbDate(today) } }));
          await withdrawOpenDrafts(tx, record.id, next);
        },
        keepsRecord: true,
      };
    }

    case 'internal_consultation': {
      const input = rawInput as ParsedTransitionInputs['internal_consultation'];
      const sentOn = input.sentOn ?? today; // guard step_date_valid
      if (input.repliedOn && (input.repliedOn > today || input.repliedOn < sentOn)) {
        fail('VALIDATION', 'case.consultation.reply_date_invalid', { sentOn });
      }
      return {
        changes: {},
        apply: async (tx, next) => {
          const c = await tx.consultation.create({
            data: {
              caseId: record.id,
              kind: 'internal',
              topic: input.topic,
              party: input.party,
              sentOn: isoToDbDate(sentOn),
              repliedOn: input.repliedOn ? isoToDbDate(input.repliedOn) : null,
              opinion: input.opinion ?? null,
            },
          });
          putRow(next.consultations, c, (x) => byTime(x.sentOn));
          return { data: { consultationId: c.id } };
        },
      };
    }

    case 'record_confidentiality_review': {
      const draft = currentAnswerDraft(record) ?? fail('INVALID_TRANSITION', 'case.answer.no_draft');
      return {
        changes: {},
        apply: async (tx, next) => {
          const row = await tx.document.update({
            where: { id: draft.id },
            data: { confidentialityReviewById: actor.id, confidentialityReviewAt: now, version: { increment: 1 } },
          });
          putRow(next.documents, { ...row, _count: draft._count });
          return { data: { documentId: draft.id } };
        },
        keepsRecord: true,
      };
    }

    case 'submit_answer': {
      const draft = currentAnswerDraft(record) ?? fail('INVALID_TRANSITION', 'case.answer.no_draft');
      return {
        changes: {},
        apply: async (tx, next) => {
          const row = await tx.document.update({ where: { id: draft.id }, data: { status: 'pending_approval', version: { increment: 1 } } });
          putRow(next.documents, { ...row, _count: draft._count });
          return { data: { documentId: draft.id, outcome: draft.outcome } };
        },
        keepsRecord: true,
      };
    }

    case 'approve_answer': {
      const draft = currentAnswerDraft(record);
      if (!draft || draft.status !== 'pending_approval' || !draft.outcome) fail('INVALID_TRANSITION', 'case.answer.no_draft');
      const outcome = draft.outcome;
      const issuedOn = (rawInput as ParsedTransitionInputs['approve_answer']).issuedOn ?? today; // guards step_date_valid, answer_date_after_steps
      // CONCLUSION_DATE_RULES: answers conclude on the date on the letter (the issue date), not on delivery.
      return {
        changes: { concludedOn: isoToDbDate(issuedOn) },
        apply: async (tx, next) => {
          const { docNumber } = await finishAnswerDocument(tx, {
            caseRecord: record,
            draftId: draft.id,
            draftBody: draft.body,
            approverId: actor.id,
            issuedOn,
            now,
            loaded: { title: draft.title, templateVersionId: draft.templateVersionId, attachmentsCount: draft._count.attachments },
          });
          await queueNotification(tx, recipient(), 'answer_issued', {
            trackingNo: record.trackingNo,
            orgName: record.org.name,
            docNumber,
            outcomeLabel: OUTCOME_DOCUMENT_TEXT[outcome].label,
          });
          // Issued, the answer is no longer a draft: it leaves the record's documents.
          next.documents = next.documents.filter((d) => d.id !== draft.id);
          return { document: { id: draft.id, docNumber }, data: { outcome } };
        },
        keepsRecord: true,
      };
    }

    case 'return_answer': {
      const input = rawInput as ParsedTransitionInputs['return_answer'];
      const draft = currentAnswerDraft(record) ?? fail('INVALID_TRANSITION', 'case.answer.no_draft');
      return {
        changes: {},
        apply: async (tx, next) => {
          const row = await tx.document.update({ where: { id: draft.id }, data: { status: 'draft', version: { increment: 1 } } });
          putRow(next.documents, { ...row, _count: draft._count });
          return { data: { documentId: draft.id, reason: input.reason } };
        },
        keepsRecord: true,
      };
    }

    case 'record_delivery': {
      const input = rawInput as ParsedTransitionInputs['record_delivery'];
      const deliveredOn = input.deliveredOn as IsoDate;
      if (input.method === 'post' && !input.postalTrackingNo) fail('VALIDATION', 'case.delivery.postal_tracking_no_required');
      if (record.concludedOn && deliveredOn < dbDateToIso(record.concludedOn)) fail('VALIDATION', 'case.delivery.before_issue');
      return {
        changes: {},
        apply: async (tx) => {
          // The delivery of the latest issued answer, found by the INSERT itself (one statement, prepared).
          const deliveryId = uuidV7();
          await tx.$executeRaw`${Prisma.raw(PREPARED)}
            INSERT INTO deliveries (id, case_id, document_id, method, delivered_on, postal_tracking_no, receipt_note, recorded_by_id)
            VALUES (${deliveryId}::uuid, ${record.id}::uuid,
                    (SELECT d.id FROM documents d WHERE d.case_id = ${record.id}::uuid AND d.type = 'answer' AND d.status = 'issued'
                      ORDER BY d.issued_on DESC LIMIT 1),
                    ${input.method}::"DeliveryMethod", ${deliveredOn}::date, ${input.postalTrackingNo ?? null}, ${input.receiptNote ?? null}, ${actor.id}::uuid)`;
          return { data: { deliveryId } };
        },
        keepsRecord: true,
      };
    }

    case 'record_notice_delivery': {
      const input = rawInput as ParsedTransitionInputs['record_notice_delivery'];
      const deliveredOn = input.deliveredOn as IsoDate; // guard delivery_date_valid
      if (!isUuid(input.documentId)) fail('VALIDATION', 'case.notice.not_a_notice');
      if (input.method === 'post' && !input.postalTrackingNo) fail('VALIDATION', 'case.delivery.postal_tracking_no_required');
      return {
        changes: {},
        apply: async (tx, next) => {
          const applied = await applyNoticeDelivery(tx, {
            caseId: record.id,
            documentId: input.documentId,
            method: input.method,
            deliveredOn,
            postalTrackingNo: input.postalTrackingNo ?? null,
            receiptNote: input.receiptNote ?? null,
            recordedById: actor.id,
          });
          if (!applied) fail('VALIDATION', 'case.notice.already_delivered');
          const round = applied.correctionRequestId ? next.corrections.find((c) => c.id === applied.correctionRequestId) : undefined;
          if (round && applied.correctionPeriodEndsOn) {
            putRow(next.corrections, { ...round, noticeDeliveredOn: isoToDbDate(deliveredOn), periodEndsOn: isoToDbDate(applied.correctionPeriodEndsOn) });
          }
          const fee = applied.feeNoticeId ? next.feeNotices.find((f) => f.id === applied.feeNoticeId) : undefined;
          if (fee && applied.paymentDueOn) putRow(next.feeNotices, { ...fee, receivedOn: isoToDbDate(deliveredOn), paymentDueOn: isoToDbDate(applied.paymentDueOn) });
          return {
            data: {
              documentId: input.documentId,
              documentType: applied.documentType,
              docNumber: applied.docNumber,
              deliveryId: applied.deliveryId,
              deliveredOn,
              method: input.method,
              correctionPeriodEndsOn: applied.correctionPeriodEndsOn ?? null,
              paymentDueOn: applied.paymentDueOn ?? null,
            },
          };
        },
        keepsRecord: true,
      };
    }

    case 'issue_notice_correction': {
      const input = rawInput as ParsedTransitionInputs['issue_notice_correction'];
      const issuedOn = input.issuedOn ?? today; // guard step_date_valid
      const conflict =
        ctx.ledger.letterConflicts.find((c) => input.documentId === undefined || c.documentId === input.documentId) ??
        fail('VALIDATION', 'case.notice.no_moved_date');
      const letter = await ctx.client.document.findFirstOrThrow({
        where: { id: conflict.documentId, caseId: record.id },
        select: { id: true, type: true, title: true, docNumber: true, issuedOn: true, statedDates: true },
      });
      const stated = parseStatedDates(letter.statedDates);
      return {
        changes: {},
        apply: async (tx, next) => {
          const current = ctx.ledger.answerDue as IsoDate;
          const pauses = openPauses(ctx.ledger, ctx.deadlines.settings.pauseAnswerClockWhileFeePending);
          const letterTitle = letter.title ?? (await resolveTemplate(letter.type, record.org, tx)).title;
          const document = await issueDocument(tx, {
            caseRecord: record,
            type: 'notice_correction',
            actorId: actor.id,
            issuedOn,
            fields: noticeCorrectionFields({
              letterTitle,
              letterDocNumber: letter.docNumber,
              letterIssuedOn: letter.issuedOn ? dbDateToIso(letter.issuedOn) : issuedOn,
              stated: conflict.stated,
              statedWasLatest: stated?.answerDueIsLatest === true && !conflict.nowFixed ? true : stated?.answerDueIsLatest === true,
              current,
              currentIsProvisional: pauses.length > 0,
              currentCalendarProvisional: ctx.ledger.answerDueCalendarProvisional,
              changeReason: changeReasonText(record, letter.issuedOn ? dbDateToIso(letter.issuedOn) : issuedOn, stated, ctx.ledger.answerDueCalendarProvisional),
            }),
            statedDates: statedAnswerDue(current, pauses, ctx.ledger.answerDueCalendarProvisional),
            correctsDocumentId: letter.id,
          });
          addIssuedLetter(next, document.row);
          await queueNotification(tx, recipient(), 'notice_corrected', {
            trackingNo: record.trackingNo,
            orgName: record.org.name,
            answerDueOn: current,
            answerDueTentative: pauses.length > 0 || ctx.ledger.answerDueCalendarProvisional,
            docNumber: document.docNumber,
          });
          return { document, data: { correctsDocumentId: letter.id, correctsDocNumber: letter.docNumber, stated: conflict.stated, answerDueOn: current } };
        },
      };
    }

    case 'return_notice':
      return returnNoticePlan(rawInput as ParsedTransitionInputs['return_notice'], record);

    case 'transfer': {
      const input = rawInput as ParsedTransitionInputs['transfer'];
      const targetOrgId = input.targetOrgId as number;
      const target = await db.organisation.findUnique({ where: { id: targetOrgId }, select: { id: true, retiredAt: true } });
      if (!target) fail('VALIDATION', 'case.transfer.target_not_found', { targetOrgId });
      if (target.retiredAt) fail('VALIDATION', 'case.transfer.target_retired', { targetOrgId });
      return {
        changes: { orgId: targetOrgId, assignedClerkId: null },
        apply: async (tx) => {
          const t = await tx.caseTransfer.create({
            data: { caseId: record.id, fromOrgId: record.orgId, toOrgId: targetOrgId, reason: (input.reason as string).trim(), byId: actor.id, at: now },
            select: { id: true },
          });
          return { data: { transferId: t.id } };
        },
      };
    }

    case 'withdraw': {
      const input = rawInput as ParsedTransitionInputs['withdraw'];
      // CONCLUSION_DATE_RULES other_misc: the day the withdrawal reached the agency (guard step_date_valid: not
      // in the future, not before the legal receipt date). It decides the report year, so a withdrawal that
      // arrived on 30 December and was entered on 4 January counts in the old year. An applicant's own
      // withdrawal arrives when it is made: only staff record an earlier date.
      if (input.withdrawnOn !== undefined && actor.role === 'applicant' && input.withdrawnOn !== today) {
        fail('VALIDATION', 'case.withdraw.date_staff_only');
      }
      const withdrawnOn = input.withdrawnOn ?? today;
      const arrivedOn = record.arrivedAt ? chinaToday(record.arrivedAt) : null;
      if (arrivedOn && withdrawnOn < arrivedOn) fail('VALIDATION', 'case.withdraw.before_arrival', { arrivedOn });
      return {
        changes: { concludedOn: isoToDbDate(withdrawnOn) },
        apply: async (tx, next) => {
          await withdrawOpenDrafts(tx, record.id, next);
          await queueNotification(tx, recipient(), 'withdrawn', { trackingNo: record.trackingNo, orgName: record.org.name });
          return { data: { withdrawnOn } };
        },
        keepsRecord: true,
      };
    }

    case 'close_other': {
      const input = rawInput as ParsedTransitionInputs['close_other'];
      // CONCLUSION_DATE_RULES other_misc: the closing date (guards step_date_valid, closure_date_after_steps).
      const closedOn = input.closedOn ?? today;
      const arrivedOn = record.arrivedAt ? chinaToday(record.arrivedAt) : null;
      if (arrivedOn && closedOn < arrivedOn) fail('VALIDATION', 'case.withdraw.before_arrival', { arrivedOn });
      const reason = (input.reason as string).trim(); // guard reason_given
      return {
        changes: { concludedOn: isoToDbDate(closedOn) },
        apply: async (tx, next) => {
          await withdrawOpenDrafts(tx, record.id, next);
          await queueNotification(tx, recipient(), 'closed_other', { trackingNo: record.trackingNo, orgName: record.org.name, reason });
          return { data: { closedOn, reason } };
        },
        keepsRecord: true,
      };
    }

    case 'archive': {
      const input = rawInput as ParsedTransitionInputs['archive'];
      return { changes: { retentionNote: (input.retentionNote as string).trim() }, keepsRecord: true };
    }

    case 'record_appeal': {
      const input = rawInput as ParsedTransitionInputs['record_appeal'];
      if (input.filedOn > today) fail('VALIDATION', 'case.appeal.filed_date_invalid');
      assertAppealDecision(input.result, input.decidedOn, input.filedOn, today);
      return {
        changes: {},
        // Section 四 counts appeals by the year they were filed.
        lock: { orgIds: [record.orgId], years: [yearOf(input.filedOn)] },
        apply: async (tx) => {
          const appeal = await tx.appeal.create({
            data: {
              caseId: record.id,
              orgId: record.orgId,
              kind: input.kind as NonNullable<typeof input.kind>,
              filedOn: isoToDbDate(input.filedOn),
              body: input.body,
              note: input.note ?? null,
              result: input.result,
              decidedOn: input.decidedOn ? isoToDbDate(input.decidedOn) : null,
            },
            select: { id: true },
          });
          return { data: { appealId: appeal.id } };
        },
      };
    }
  }
  throw new Error(`unhandled transition ${String(name)}`);
}

/** Sign-off (issue 11 item 3): the reviewer returns the submitted notice; it is void and took no number. */
function returnNoticePlan(input: ParsedTransitionInputs['return_notice'], record: CaseRecord): Plan {
  const pending = pendingNoticeDocument(record) ?? fail('INVALID_TRANSITION', 'workflow.guard.notice_pending');
  return {
    changes: {},
    apply: async (tx) => {
      const moved = await tx.document.updateMany({ where: { id: pending.id, status: 'pending_approval' }, data: { status: 'withdrawn', version: { increment: 1 } } });
      if (moved.count !== 1) fail('CONFLICT', 'case.conflict', { caseId: record.id });
      return { data: { documentId: pending.id, noticeType: pending.type, submittedBy: pending.draftedById, reason: input.reason ?? null } };
    },
  };
}

/**
 * Section 四 of the annual table: a decided review or suit has a result and a decision date (on or after the
 * filing, not in the future); a pending one has neither.
 */
export function assertAppealDecision(result: AppealResult, decidedOn: IsoDate | undefined | null, filedOn: IsoDate, today: IsoDate): void {
  if ((result === 'pending') !== !decidedOn) fail('VALIDATION', 'case.appeal.decided_date_required');
  if (decidedOn && (decidedOn < filedOn || decidedOn > today)) fail('VALIDATION', 'case.appeal.decided_date_invalid', { filedOn });
}

/** The assignee must be an active clerk or reviewer who can see the case (its organisation is in their subtree). */
async function assertAssignable(userId: string, record: CaseRecord, client: Db | Tx): Promise<void> {
  if (!isUuid(userId)) fail('VALIDATION', 'case.assign.assignee_invalid');
  // One statement (the user with its organisation's path).
  const [user] = await client.$queryRaw<{ role: string; is_active: boolean; path: string | null }[]>`
    SELECT u.role::text AS role, u.is_active, o.path FROM users u LEFT JOIN organisations o ON o.id = u.org_id WHERE u.id = ${userId}::uuid`;
  const ok =
    user !== undefined &&
    user.is_active &&
    (user.role === 'clerk' || user.role === 'reviewer') &&
    user.path !== null &&
    record.org.path.startsWith(user.path);
  if (!ok) fail('VALIDATION', 'case.assign.assignee_invalid');
}

/**
 * A case that ends without an answer keeps its unfinished answer draft only as a withdrawn document. `next`:
 * the withdrawn drafts leave the in-memory record's documents too.
 */
async function withdrawOpenDrafts(tx: Tx, caseId: string, next: CaseRecord): Promise<void> {
  next.documents = next.documents.filter(
    (d) => !((d.type === 'answer' && (d.status === 'draft' || d.status === 'pending_approval')) || ((SIGN_OFF_NOTICE_TYPES as readonly string[]).includes(d.type) && d.status === 'pending_approval')),
  );
  await tx.document.updateMany({
    where: {
      caseId,
      OR: [
        { type: 'answer', status: { in: ['draft', 'pending_approval'] } },
        // A notice awaiting sign-off is void when the case ends (issue 11 item 3).
        { type: { in: [...SIGN_OFF_NOTICE_TYPES] }, status: 'pending_approval' },
      ],
    },
    data: { status: 'withdrawn' },
  });
}

/** The submitted notice a sign-off issues (issueDocument submittedDraftId) is no longer pending: it leaves `next`'s documents. */
function dropSubmittedNotice(next: CaseRecord, submittedNoticeId: string | null | undefined): void {
  if (submittedNoticeId) next.documents = next.documents.filter((d) => d.id !== submittedNoticeId);
}

/** What is still open and may move the answer date (the letter must say so: notice-dates.ts). */
function openPauses(ledger: DeadlineLedger, feePausesClock: boolean): OpenPause[] {
  const out: OpenPause[] = [];
  if (ledger.status === 'consulting') out.push('consultation');
  if (ledger.status === 'awaiting_fee' && feePausesClock) out.push('fee');
  return out;
}

/** Why the answer date moved since a letter of `letterOn`: the later fact, in the letter's words. */
function changeReasonText(record: CaseRecord, letterOn: IsoDate, stated: StatedLetterDates | null, nowCalendarProvisional: boolean): string {
  const replied = record.consultations
    .filter((c) => c.kind !== 'internal' && c.repliedOn && dbDateToIso(c.repliedOn) >= letterOn)
    .map((c) => dbDateToIso(c.repliedOn as Date))
    .sort()
    .pop();
  if (replied) {
    return `征求意见已于${formatChineseDate(replied)}结束。根据《条例》第三十三条第三款的规定，征求意见所需时间不计算在答复期限内，答复期限按征求意见的实际时间确定。`;
  }
  const started = record.consultations
    .filter((c) => c.kind !== 'internal' && dbDateToIso(c.sentOn) >= letterOn)
    .map((c) => dbDateToIso(c.sentOn))
    .sort()
    .pop();
  if (started) {
    return `本机关于${formatChineseDate(started)}就您的申请征求意见。根据《条例》第三十三条第三款的规定，征求意见所需时间不计算在答复期限内。`;
  }
  const paid = record.feeNotices.map((f) => (f.paidOn ? dbDateToIso(f.paidOn) : null)).find((d) => d !== null && d >= letterOn);
  if (paid) return `您已于${formatChineseDate(paid)}缴纳信息处理费，答复期限按实际情况确定。`;
  // The letter's date was 暂定 on the statutory holidays; the year's notice has since been imported.
  if (stated?.answerDueCalendarProvisional && stated.answerDueOn && !nowCalendarProvisional) return calendarChangeReason(yearOf(stated.answerDueOn));
  return '该告知书发出后，本申请的办理情况发生变化，答复期限相应调整。';
}

/** Correction items as the notice lists them: one numbered line each, indented. */
function numberedItems(items: string): string {
  const lines = items
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length <= 1) return `　　${lines[0] ?? ''}`;
  return lines.map((l, i) => `　　${i + 1}. ${l.replace(/^\d+[.、．]\s*/, '')}`).join('\n');
}
