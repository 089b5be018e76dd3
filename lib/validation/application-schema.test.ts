import { describe, expect, it } from 'vitest';
import { applicationFormSchema } from '@/lib/validation/application-schema';
import { VALIDATION_MESSAGE_KEYS } from '@/lib/validation/messages';
import { residentIdCheckCharacter } from '@/lib/validation/resident-id';

const PERSON = {
  applicantType: 'natural_person',
  applicantName: ' 张三 ',
  idDocType: 'resident_id',
  idNumber: '11010519491231002x',
  orgId: '3',
  mobile: '+86 138 1234 5678',
  email: '',
  postalAddress: '',
  postalCode: '',
  description: '2025年本区老旧小区改造项目的资金使用情况',
  documentRef: '',
  requestedForm: 'electronic',
  deliveryMethod: 'online_download',
};

const COMPANY = {
  applicantType: 'commercial_enterprise',
  applicantName: '示范科技有限公司',
  uscc: '91350100m000100y43',
  legalRepresentative: '李四',
  contactPerson: '王五',
  orgId: 3,
  mobile: '13912345678',
  email: 'office@example.cn',
  postalAddress: '示范市中山路1号',
  postalCode: '350001',
  documentRef: '示范政发〔2025〕3号',
  requestedForm: 'paper',
  deliveryMethod: 'post',
};

/** path → message key of every issue. */
function issues(input: Record<string, unknown>): Record<string, string> {
  const result = applicationFormSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('applicationFormSchema', () => {
  it('parses and normalises a natural person', () => {
    const parsed = applicationFormSchema.parse(PERSON);
    expect(parsed).toEqual({
      applicantType: 'natural_person',
      applicantName: '张三',
      idDocType: 'resident_id',
      idNumber: '11010519491231002X',
      orgId: 3,
      mobile: '13812345678',
      email: undefined,
      postalAddress: undefined,
      postalCode: undefined,
      description: PERSON.description,
      documentRef: undefined,
      requestedForm: 'electronic',
      deliveryMethod: 'online_download',
    });
  });

  it('parses an organisation and upper-cases its USCC', () => {
    const parsed = applicationFormSchema.parse(COMPANY);
    expect(parsed).toMatchObject({ applicantType: 'commercial_enterprise', uscc: '91350100M000100Y43', documentRef: '示范政发〔2025〕3号' });
    expect(parsed.description).toBeUndefined();
  });

  it('drops fields the form does not know (there is no purpose field, regulations.md §1)', () => {
    expect(applicationFormSchema.parse({ ...PERSON, purpose: 'research' })).not.toHaveProperty('purpose');
  });

  it('reports an invalid resident ID number by its problem', () => {
    expect(issues({ ...PERSON, idNumber: '110105194912310021' })).toEqual({ idNumber: 'validation.resident_id.check_character' });
    expect(issues({ ...PERSON, idNumber: '11010519490231002X' })).toEqual({ idNumber: 'validation.resident_id.birth_date' });
    expect(issues({ ...PERSON, idNumber: '1101051949' })).toEqual({ idNumber: 'validation.resident_id.format' });
    expect(issues({ ...PERSON, idNumber: '' })).toEqual({ idNumber: 'validation.required' });
  });

  it('checks passports loosely and other documents only for presence', () => {
    expect(issues({ ...PERSON, idDocType: 'passport', idNumber: 'e12345678' })).toEqual({});
    expect(issues({ ...PERSON, idDocType: 'passport', idNumber: 'E12-345' })).toEqual({ idNumber: 'validation.id_number.invalid' });
    expect(issues({ ...PERSON, idDocType: 'other', idNumber: '港澳通行证 C1234567' })).toEqual({});
  });

  it('reports an invalid USCC by its problem', () => {
    expect(issues({ ...COMPANY, uscc: '91350100M000100Y44' })).toEqual({ uscc: 'validation.uscc.check_character' });
    expect(issues({ ...COMPANY, uscc: '91350100M000100I43' })).toEqual({ uscc: 'validation.uscc.format' });
  });

  it('requires a USCC except for other organisations', () => {
    expect(issues({ ...COMPANY, uscc: ' ' })).toEqual({ uscc: 'validation.required' });
    expect(issues({ ...COMPANY, applicantType: 'other_org', uscc: '' })).toEqual({});
    expect(issues({ ...COMPANY, applicantType: 'other_org', uscc: 'X' })).toEqual({ uscc: 'validation.uscc.format' });
  });

  it('requires name, legal representative and contact person of an organisation', () => {
    expect(issues({ ...COMPANY, applicantName: '', legalRepresentative: ' ', contactPerson: undefined })).toEqual({
      applicantName: 'validation.required',
      legalRepresentative: 'validation.required',
      contactPerson: 'validation.required',
    });
  });

  it('rejects unknown applicant types and options', () => {
    expect(issues({ ...PERSON, applicantType: 'government' })).toEqual({ applicantType: 'validation.option.invalid' });
    expect(issues({ ...PERSON, requestedForm: 'fax', idDocType: 'driver_licence' })).toEqual({
      requestedForm: 'validation.option.invalid',
      idDocType: 'validation.option.invalid',
    });
  });

  it('validates contact details', () => {
    expect(
      issues({ ...PERSON, mobile: '12812345678', email: 'not-an-email', postalCode: '35000', orgId: 'x', applicantName: 'a'.repeat(51) }),
    ).toEqual({
      mobile: 'validation.mobile.invalid',
      email: 'validation.email.invalid',
      postalCode: 'validation.postal_code.invalid',
      orgId: 'validation.org_id.invalid',
      applicantName: 'validation.too_long',
    });
    expect(issues({ ...PERSON, mobile: ' ' })).toEqual({ mobile: 'validation.required' });
  });

  it('needs a description or a title / document number (Art. 29 para 2)', () => {
    expect(issues({ ...PERSON, description: '  ', documentRef: '' })).toEqual({
      description: 'validation.application.information_description_required',
    });
    expect(issues({ ...PERSON, description: '', documentRef: '示范政发〔2025〕3号' })).toEqual({});
  });

  it('checks that the delivery route fits the form and can reach the applicant', () => {
    expect(issues({ ...PERSON, requestedForm: 'paper', deliveryMethod: 'online_download' })).toEqual({
      deliveryMethod: 'validation.application.electronic_form_required',
    });
    expect(issues({ ...PERSON, deliveryMethod: 'email' })).toEqual({
      email: 'validation.application.email_required_for_email_delivery',
    });
    expect(issues({ ...PERSON, requestedForm: 'paper', deliveryMethod: 'post' })).toEqual({
      postalAddress: 'validation.application.postal_address_required_for_post',
    });
    expect(issues({ ...PERSON, requestedForm: 'electronic', deliveryMethod: 'post', postalAddress: '中山路1号' })).toEqual({});
    expect(issues({ ...PERSON, requestedForm: 'paper', deliveryMethod: 'in_person' })).toEqual({});
  });

  it('uses only catalogued message keys', () => {
    const bad = { ...COMPANY, uscc: 'X', mobile: '1', email: 'x', postalCode: '1', requestedForm: 'paper', deliveryMethod: 'email' };
    for (const key of Object.values(issues(bad))) expect(VALIDATION_MESSAGE_KEYS).toContain(key);
  });

  it('applies the text rule: NUL and lone surrogates refused, bidi and control characters stripped', () => {
    expect(issues({ ...PERSON, description: '资金\u0000使用情况' })).toEqual({ description: 'validation.text.invalid_characters' });
    expect(issues({ ...PERSON, applicantName: '张\ud800三' })).toEqual({ applicantName: 'validation.text.invalid_characters' });
    const parsed = applicationFormSchema.parse({ ...PERSON, applicantName: '张\u202e三\u0007', description: '第一行\r\n第二行\u202e' });
    expect(parsed.applicantName).toBe('张三');
    expect(parsed.description).toBe('第一行\n第二行');
  });

  it('refuses a resident ID whose birth date lies in the future, and an org id beyond int4', () => {
    const first17 = '11010520300101001';
    const future = first17 + residentIdCheckCharacter(first17);
    expect(issues({ ...PERSON, idNumber: future })).toEqual({ idNumber: 'validation.resident_id.birth_date' });
    expect(issues({ ...PERSON, orgId: '99999999999' })).toEqual({ orgId: 'validation.org_id.invalid' });
    expect(issues({ ...PERSON, applicantName: 'x'.repeat(51) })).toEqual({ applicantName: 'validation.too_long' });
  });
});
