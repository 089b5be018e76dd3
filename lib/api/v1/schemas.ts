/**
 * The zod schemas of the integration API (/api/v1): what the handlers parse (requests) and what they answer
 * (responses, the TypeScript types of the handlers' output). lib/api/v1/openapi.ts generates the OpenAPI 3.1
 * document from these same schemas (z.toJSONSchema), so the document cannot drift from the code; the
 * contract test (app/api/v1/contract.int.test.ts) validates every answer against the document.
 *
 * Requests reuse the application's own schemas: registration is apiRegistrationSchema
 * (lib/cases/register-case.ts, the staff registration rules), transition inputs are TRANSITION_INPUT_SCHEMAS
 * (lib/cases/transition-inputs.ts); the API makes them strict (unknown fields are refused, not dropped).
 */
import { z } from 'zod';
import { apiRegistrationSchema } from '@/lib/cases/register-case';
import { TRANSITION_INPUT_SCHEMAS } from '@/lib/cases/transition-inputs';
import { OPEN_STATUSES, STATUSES, TRANSITION_NAMES, type TransitionName } from '@/lib/cases/workflow';
import { APPLICANT_TYPES, CHANNELS, OUTCOMES } from '@/lib/law/ids';
import { INT4_MAX } from '@/lib/validation/bounds';

// ── shared pieces ───────────────────────────────────────────────────────────────────────────────────────

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'Calendar day in China (Asia/Shanghai), YYYY-MM-DD.' });
const instant = z.string().meta({ format: 'date-time', description: 'Instant, ISO 8601 in UTC.' });
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const personRef = z.strictObject({ id: uuid, name: z.string() });
const orgRef = z.strictObject({ id: z.int(), name: z.string() });

export const API_ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'invalid_json',
  'body_not_object',
  'unsupported_media_type',
  'validation',
  'conflict',
  'invalid_transition',
  'locked',
  'rate_limited',
  'too_large',
  'idempotency_key_required',
  'idempotency_key_invalid',
  'idempotency_key_reused',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiIssueSchema = z.strictObject({
  path: z.string().meta({ description: 'Dotted path of the field ("" = the whole body).' }),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof apiIssueSchema>;

/** Every error: a stable code and a message in the caller's Accept-Language (zh-CN default, en). */
export const apiErrorSchema = z.strictObject({
  code: z.enum(API_ERROR_CODES),
  message: z.string(),
  issues: z.array(apiIssueSchema).optional().meta({ description: 'One entry per refused field (validation errors).' }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

// ── requests ────────────────────────────────────────────────────────────────────────────────────────────

/** POST /api/v1/cases: the staff registration (lib/cases/register-case.ts), strict, channel `online` allowed. */
export const registerCaseRequestSchema = apiRegistrationSchema;

/** Idempotency-Key header of POST /api/v1/cases: a retried POST with the same key returns the same case. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,60}$/);

function transitionRequest<N extends TransitionName>(name: N) {
  return z.strictObject({
    name: z.literal(name),
    expectedVersion: z.int().min(0).max(INT4_MAX).meta({ description: 'The case version the caller read; another current version answers 409 conflict.' }),
    input: (TRANSITION_INPUT_SCHEMAS[name] as z.ZodObject).strict().optional(),
  });
}

/** POST /api/v1/cases/{id}/transitions: one workflow transition by name, with its input (per transition). */
export const transitionRequestSchema = z.discriminatedUnion(
  'name',
  TRANSITION_NAMES.map((n) => transitionRequest(n)) as unknown as [ReturnType<typeof transitionRequest>, ...ReturnType<typeof transitionRequest>[]],
);

const multi = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).max(50).optional();
const digits = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional();

/**
 * GET /api/v1/cases query: the staff list's filters (lib/cases/queries.ts ListCasesFilters) and keyset paging.
 * Repeated parameters or comma-separated values for the lists. Unknown parameters are refused.
 */
export const listCasesQuerySchema = z.strictObject({
  status: multi([...STATUSES, 'open'] as const).meta({ description: '`open` = every open status.' }),
  org: digits(1, INT4_MAX).meta({ description: 'An organisation in the token’s subtree.' }),
  sub: z.enum(['0', '1']).optional().meta({ description: '1 = with `org`, its whole subtree.' }),
  clerk: z.union([uuid, z.literal('unassigned')]).optional(),
  channel: multi(CHANNELS),
  type: multi(APPLICANT_TYPES).meta({ description: 'Applicant type.' }),
  outcome: multi(OUTCOMES),
  year: digits(2000, 2100).meta({ description: 'Year of the legal receipt date (Art. 31).' }),
  due: digits(0, 60).meta({ description: 'Open cases due today or within this many working days.' }),
  overdue: z.enum(['0', '1']).optional(),
  q: z
    .string()
    .max(100)
    .regex(/^[^\u0000-\u001f\u007f]*$/)
    .optional()
    .meta({ description: 'Part of the tracking number, applicant name or request; or a whole mobile number, e-mail or identity number.' }),
  sort: z.enum(['received', 'created', 'due']).optional(),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,2000}$/).optional().meta({ description: 'nextCursor of the previous page.' }),
  limit: digits(1, 100).meta({ description: 'Page size, 1–100 (default 50).' }),
});
export type ListCasesQuery = z.output<typeof listCasesQuerySchema>;
/** Query parameters that may be repeated (lists). */
export const LIST_QUERY_ARRAYS = ['status', 'channel', 'type', 'outcome'] as const;
export const ALL_OPEN_STATUSES = OPEN_STATUSES;

// ── responses ───────────────────────────────────────────────────────────────────────────────────────────

export const caseSummarySchema = z.strictObject({
  id: uuid,
  trackingNo: z.string(),
  status: z.enum(STATUSES),
  outcome: z.enum(OUTCOMES).nullable(),
  channel: z.enum(CHANNELS),
  applicantType: z.enum(APPLICANT_TYPES),
  applicantName: z.string(),
  descriptionExcerpt: z.string(),
  org: orgRef,
  assignedClerk: personRef.nullable(),
  receivedOn: isoDay.nullable(),
  answerDueOn: isoDay.nullable(),
  answerDueProvisional: z.boolean().meta({ description: 'answerDueOn was counted through a year whose holiday notice is not imported yet (暂定).' }),
  concludedOn: isoDay.nullable(),
  createdAt: instant,
  isOverdue: z.boolean(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListSchema = z.strictObject({
  items: z.array(caseSummarySchema),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
});
export type CaseList = z.infer<typeof caseListSchema>;

export const DUE_DATE_KINDS = ['answer', 'answer_without_extension', 'correction_notice', 'correction_period', 'consultation_reply', 'fee_payment'] as const;

export const deadlineLedgerSchema = z.strictObject({
  status: z.enum(['clock_not_started', 'awaiting_correction', 'correction_lapsed', 'consulting', 'awaiting_fee', 'fee_lapsed', 'running', 'answered']),
  answerClockStart: isoDay.nullable(),
  answerDue: isoDay.nullable(),
  answerDueBasis: z.enum(['statutory', 'extended', 'delayed_answer']).nullable(),
  isProvisional: z.boolean(),
  overdue: z.boolean(),
  workingDaysLeft: z.int().nullable(),
  dueDates: z
    .array(z.strictObject({ kind: z.enum(DUE_DATE_KINDS), date: isoDay, provisional: z.boolean() }))
    .meta({ description: 'Every due date of the case (answer Art. 33/35, 补正 notice and period Art. 30, consultation replies Arts. 32/34, fee payment).' }),
  steps: z
    .array(z.strictObject({ key: z.string(), params: z.record(z.string(), z.unknown()), text: z.string() }))
    .meta({ description: 'How the dates were obtained, one step per line, with the text in the caller’s language.' }),
  errors: z.array(z.strictObject({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })),
  warnings: z.array(z.strictObject({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })),
});
export type DeadlineLedgerDto = z.infer<typeof deadlineLedgerSchema>;

export const caseDetailSchema = z.strictObject({
  id: uuid,
  version: z.int().meta({ description: 'Pass as expectedVersion with the next transition.' }),
  trackingNo: z.string(),
  status: z.enum(STATUSES),
  outcome: z.enum(OUTCOMES).nullable(),
  channel: z.enum(CHANNELS),
  source: z.enum(['portal', 'staff', 'import']),
  org: orgRef,
  assignedClerk: personRef.nullable(),
  applicant: z.strictObject({
    type: z.enum(APPLICANT_TYPES),
    name: z.string(),
    idDocType: z.enum(['resident_id', 'passport', 'other']).nullable(),
    idNumberMasked: z.string().nullable(),
    legalRepresentative: z.string().nullable(),
    contactPerson: z.string().nullable(),
    mobile: z.string().nullable().meta({ description: 'Masked.' }),
    email: z.string().nullable().meta({ description: 'Masked.' }),
    postalAddress: z.string().nullable().meta({ description: 'Shortened.' }),
    postalCode: z.string().nullable(),
  }),
  request: z.strictObject({
    description: z.string(),
    documentRef: z.string().nullable(),
    requestedForm: z
      .enum(['paper', 'electronic'])
      .nullable()
      .meta({ description: 'Null when never recorded (an imported case whose file had no 载体形式).' }),
    deliveryMethod: z
      .enum(['post', 'email', 'in_person', 'online_download'])
      .nullable()
      .meta({ description: 'Null when never recorded (an imported case whose file had no 获取方式).' }),
  }),
  arrivedAt: instant.nullable(),
  receivedOn: isoDay.nullable(),
  concludedOn: isoDay.nullable(),
  answerDueOn: isoDay.nullable(),
  delayedAnswerBy: isoDay.nullable(),
  createdAt: instant,
  updatedAt: instant,
  deadlines: deadlineLedgerSchema,
  documents: z.array(
    z.strictObject({
      id: uuid,
      type: z.string(),
      status: z.enum(['draft', 'pending_approval', 'approved', 'issued', 'withdrawn']),
      docNumber: z.string().nullable(),
      outcome: z.enum(OUTCOMES).nullable(),
      issuedOn: isoDay.nullable(),
      body: z.string().nullable().meta({ description: 'The letter text, once issued (null before).' }),
      attachments: z.array(z.strictObject({ id: uuid, filename: z.string(), contentType: z.string(), size: z.int() })),
    }),
  ),
  history: z
    .array(
      z.strictObject({
        type: z.string(),
        label: z.string(),
        fromStatus: z.enum(STATUSES).nullable(),
        toStatus: z.enum(STATUSES).nullable(),
        occurredAt: instant,
      }),
    )
    .meta({ description: 'The public history, as the applicant sees it.' }),
  availableTransitions: z.array(z.enum(TRANSITION_NAMES)).meta({ description: 'Transitions this token can apply now.' }),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const registerCaseResponseSchema = z.strictObject({
  caseId: uuid,
  trackingNo: z.string(),
  accessCode: z.string().optional().meta({ description: 'The 查询码 for the applicant: in the first answer only, never again.' }),
  isReplay: z.boolean().meta({ description: 'True when the Idempotency-Key was seen before: the earlier case, nothing created.' }),
  case: caseDetailSchema,
});
export type RegisterCaseResponse = z.infer<typeof registerCaseResponseSchema>;

export const transitionResponseSchema = z.strictObject({
  caseId: uuid,
  version: z.int(),
  status: z.enum(STATUSES),
  event: z.string(),
  flags: z.array(z.string()),
  document: z.strictObject({ id: uuid, docNumber: z.string() }).nullable(),
  answerDueOn: isoDay.nullable(),
});
export type TransitionResponse = z.infer<typeof transitionResponseSchema>;
