/**
 * Message keys produced by lib/validation (lib returns keys, never display text; STYLE §11). The i18n
 * catalogue must have one entry per key; VALIDATION_MESSAGE_KEYS lets a test check that.
 */
import './zod-setup';

export const VALIDATION_MESSAGES = {
  required: 'validation.required',
  invalid: 'validation.invalid',
  tooShort: 'validation.too_short',
  invalidCharacters: 'validation.text.invalid_characters',
  numberInvalid: 'validation.number.invalid',
  numberTooBig: 'validation.number.too_big',
  numberTooSmall: 'validation.number.too_small',
  dateInvalid: 'validation.date.invalid',
  dateOutOfRange: 'validation.date.out_of_range',
  requestTooLarge: 'validation.request.too_large', // params: max
  requestLengthRequired: 'validation.request.length_required', // scripts/server.mjs refuseUnsizedBody
  tooLong: 'validation.too_long', // params: maximum (zod issue)
  invalidOption: 'validation.option.invalid',
  orgIdInvalid: 'validation.org_id.invalid',
  residentIdFormat: 'validation.resident_id.format',
  residentIdRegion: 'validation.resident_id.region',
  residentIdBirthDate: 'validation.resident_id.birth_date',
  residentIdCheckCharacter: 'validation.resident_id.check_character',
  idNumberInvalid: 'validation.id_number.invalid', // passport / other documents
  usccFormat: 'validation.uscc.format',
  usccRegion: 'validation.uscc.region',
  usccCheckCharacter: 'validation.uscc.check_character',
  mobileInvalid: 'validation.mobile.invalid',
  emailInvalid: 'validation.email.invalid',
  postalCodeInvalid: 'validation.postal_code.invalid',
  /** Art. 29 para 2 item 2: a name, a document number or another description that lets the agency find it. */
  informationDescriptionRequired: 'validation.application.information_description_required',
  emailRequiredForEmailDelivery: 'validation.application.email_required_for_email_delivery',
  postalAddressRequiredForPost: 'validation.application.postal_address_required_for_post',
  electronicFormRequired: 'validation.application.electronic_form_required',
} as const;

export type ValidationMessageKey = (typeof VALIDATION_MESSAGES)[keyof typeof VALIDATION_MESSAGES];
export const VALIDATION_MESSAGE_KEYS = Object.values(VALIDATION_MESSAGES) as ValidationMessageKey[];
