/**
 * The application form (政府信息公开申请表), Art. 29 para 2: who applies (name, identity document, contact
 * details), what information (name, document number or another description), and in which form and by which
 * route it should be provided. Field names are those of the prisma `Case` model. Every error message is a key
 * of lib/validation/messages.ts.
 *
 * Deliberately absent: a "purpose" or "special need" field. The 2019 条例 dropped that requirement
 * (regulations.md §1), and asking for it would discourage applicants.
 */
import { z } from 'zod';
import { APPLICANT_TYPES, type ApplicantType } from '@/lib/law/ids';
import { MAINLAND_MOBILE, POSTAL_CODE, normalizeMobile } from '@/lib/validation/contact';
import { VALIDATION_MESSAGES as M } from '@/lib/validation/messages';
import { residentIdIssue, type ResidentIdIssue } from '@/lib/validation/resident-id';
import { usccIssue, type UsccIssue } from '@/lib/validation/uscc';
import { INT4_MAX } from '@/lib/validation/bounds';
import { textIssue, zLine, zText } from '@/lib/validation/text';

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export const ID_DOC_TYPES = ['resident_id', 'passport', 'other'] as const;
export const REQUESTED_FORMS = ['paper', 'electronic'] as const;
export const DELIVERY_METHODS = ['post', 'email', 'in_person', 'online_download'] as const;
/** The five organisation columns of the annual table (everything but natural_person). */
export const ORGANISATION_APPLICANT_TYPES = APPLICANT_TYPES.filter(
  (type): type is Exclude<ApplicantType, 'natural_person'> => type !== 'natural_person',
) as [Exclude<ApplicantType, 'natural_person'>, ...Exclude<ApplicantType, 'natural_person'>[]];

/** Delivery routes that can only carry electronic data. */
const ELECTRONIC_ONLY_DELIVERY: readonly (typeof DELIVERY_METHODS)[number][] = ['email', 'online_download'];

/**
 * Form fields arrive as strings; an empty or blank one means "not given". A value with a refused character
 * (lib/validation/text.ts) is kept so the field's schema refuses it.
 */
const blankToUndefined = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  if (textIssue(value)) return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** Single-line (names) unless `multiline`; the text rule of lib/validation/text.ts applies to every field. */
const requiredText = (max: number) => zLine({ requiredMessage: M.required }).min(1, { error: M.required, abort: true }).max(max, M.tooLong);

const optionalText = (max: number, multiline = false) =>
  z.preprocess(blankToUndefined, (multiline ? zText() : zLine()).max(max, M.tooLong).optional());

const option = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: M.invalidOption });

const commonFields = {
  /** The organisation the application is addressed to. */
  orgId: z.coerce.number({ error: M.orgIdInvalid }).int(M.orgIdInvalid).positive(M.orgIdInvalid).max(INT4_MAX, M.orgIdInvalid),
  mobile: z.preprocess(
    (value) => (typeof value === 'string' ? normalizeMobile(value) : value),
    z.string({ error: M.required }).min(1, { error: M.required, abort: true }).regex(MAINLAND_MOBILE, M.mobileInvalid),
  ),
  email: z.preprocess(blankToUndefined, z.email(M.emailInvalid).max(254, M.tooLong).optional()),
  postalAddress: optionalText(200),
  postalCode: z.preprocess(blankToUndefined, z.string().regex(POSTAL_CODE, M.postalCodeInvalid).optional()),
  description: optionalText(5000, true),
  /** Title or document number (文号) of the information, if the applicant knows it. */
  documentRef: optionalText(200),
  requestedForm: option(REQUESTED_FORMS),
  deliveryMethod: option(DELIVERY_METHODS),
};

const idNumber = zLine({ requiredMessage: M.required }).toUpperCase().min(1, { error: M.required, abort: true }).max(50, M.tooLong);

export const naturalPersonApplicationSchema = z.object({
  applicantType: z.literal('natural_person'),
  applicantName: requiredText(50),
  idDocType: option(ID_DOC_TYPES),
  idNumber,
  ...commonFields,
});

export const organisationApplicationSchema = z.object({
  applicantType: option(ORGANISATION_APPLICANT_TYPES),
  applicantName: requiredText(100),
  /** Required except for `other_org` (e.g. a foreign organisation has none); validated whenever given. */
  uscc: z.preprocess(blankToUndefined, zLine().toUpperCase().max(50, M.tooLong).optional()),
  legalRepresentative: requiredText(50),
  contactPerson: requiredText(50),
  ...commonFields,
});

const RESIDENT_ID_MESSAGES = {
  format: M.residentIdFormat,
  region: M.residentIdRegion,
  birth_date: M.residentIdBirthDate,
  check_character: M.residentIdCheckCharacter,
} as const satisfies Record<ResidentIdIssue, string>;

const USCC_MESSAGES = {
  format: M.usccFormat,
  region: M.usccRegion,
  check_character: M.usccCheckCharacter,
} as const satisfies Record<UsccIssue, string>;

const PASSPORT = /^[A-Z0-9]{5,20}$/;

export const applicationFormSchema = z
  .discriminatedUnion('applicantType', [naturalPersonApplicationSchema, organisationApplicationSchema], {
    error: M.invalidOption,
  })
  .superRefine((form, ctx) => {
    const issue = (message: string, path: string): void => {
      ctx.addIssue({ code: 'custom', message, path: [path] });
    };

    if (form.applicantType === 'natural_person') {
      if (form.idDocType === 'resident_id') {
        // Nobody applies before being born: the birth date may not be after today (China time).
        const problem = residentIdIssue(form.idNumber, { today: CHINA_DAY.format(new Date()) });
        if (problem) issue(RESIDENT_ID_MESSAGES[problem], 'idNumber');
      } else if (form.idDocType === 'passport' && !PASSPORT.test(form.idNumber)) {
        issue(M.idNumberInvalid, 'idNumber');
      }
    } else if (form.uscc !== undefined) {
      const problem = usccIssue(form.uscc);
      if (problem) issue(USCC_MESSAGES[problem], 'uscc');
    } else if (form.applicantType !== 'other_org') {
      issue(M.required, 'uscc');
    }

    // Art. 29 para 2 item 2: at least one way to identify the information.
    if (form.description === undefined && form.documentRef === undefined) {
      issue(M.informationDescriptionRequired, 'description');
    }
    // Art. 29 para 2 item 3: the chosen route must be able to carry the chosen form, and reach the applicant.
    if (form.requestedForm === 'paper' && ELECTRONIC_ONLY_DELIVERY.includes(form.deliveryMethod)) {
      issue(M.electronicFormRequired, 'deliveryMethod');
    }
    if (form.deliveryMethod === 'email' && form.email === undefined) issue(M.emailRequiredForEmailDelivery, 'email');
    if (form.deliveryMethod === 'post' && form.postalAddress === undefined) {
      issue(M.postalAddressRequiredForPost, 'postalAddress');
    }
  });

/** The parsed, normalised application (mobile without country code, id numbers and USCC upper-case). */
export type ApplicationFormInput = z.infer<typeof applicationFormSchema>;
