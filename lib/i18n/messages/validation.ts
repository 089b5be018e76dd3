import type { NamespaceModule } from '../catalogue';

/** Texts of the message keys that lib/validation returns (lib/validation/messages.ts). */
const validation: NamespaceModule = {
  'zh-CN': {
    validation: {
      required: '此项为必填项。',
      invalid: '填写的内容无效，请检查。',
      too_short: '内容过短。',
      text: { invalid_characters: '内容含有不允许的字符（如空字符），请删除后重新填写。' },
      number: {
        invalid: '请填写有效的数字。',
        too_big: '数值过大。',
        too_small: '数值过小。',
      },
      date: {
        invalid: '请按“年-月-日”填写有效的日期。',
        out_of_range: '日期不在允许的范围内，请检查年份。',
      },
      request: { too_large: '提交的内容过大（最多 {max}），请减少或压缩附件后重试。', length_required: '提交的内容没有声明长度（Content-Length），请使用常用浏览器重新提交。' },
      too_long: '内容过长（最多 {maximum} 个字符）。',
      option: { invalid: '请选择有效的选项。' },
      org_id: { invalid: '请选择受理机关。' },
      resident_id: {
        format: '居民身份证号码应为18位，最后一位可以是数字或X。',
        region: '居民身份证号码的地址码无效。',
        birth_date: '居民身份证号码中的出生日期无效。',
        check_character: '居民身份证号码校验码不正确，请核对。',
      },
      id_number: { invalid: '请填写有效的证件号码。' },
      identifier: { invalid: '请填写11位手机号码或有效的电子邮箱。' },
      password: { too_short: '密码至少 8 位。' },
      uscc: {
        format: '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。',
        region: '统一社会信用代码中的登记管理机关行政区划码无效。',
        check_character: '统一社会信用代码校验码不正确，请核对。',
      },
      mobile: { invalid: '请填写11位手机号码。' },
      email: { invalid: '请填写有效的电子邮箱。' },
      postal_code: { invalid: '邮政编码应为6位数字。' },
      application: {
        information_description_required: '请填写所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述（《条例》第二十九条）。',
        email_required_for_email_delivery: '选择通过电子邮件获取时，请填写电子邮箱。',
        postal_address_required_for_post: '选择邮寄时，请填写通讯地址和邮政编码。',
        electronic_form_required: '通过电子邮件或在线下载获取时，载体形式应为电子件。',
      },
    },
  },
  en: {
    validation: {
      required: 'This field is required.',
      invalid: 'The value is not valid. Please check it.',
      too_short: 'Too short.',
      text: { invalid_characters: 'The text contains characters that are not allowed (such as a null character). Please remove them.' },
      number: {
        invalid: 'Please enter a valid number.',
        too_big: 'The number is too large.',
        too_small: 'The number is too small.',
      },
      date: {
        invalid: 'Please enter a valid date (year-month-day).',
        out_of_range: 'The date is outside the allowed range. Please check the year.',
      },
      request: { too_large: 'What you sent is too large (at most {max}). Please send fewer or smaller files.', length_required: 'The request body has no declared length (Content-Length). Please submit again from a browser.' },
      too_long: 'Too long (at most {maximum} characters).',
      option: { invalid: 'Please choose a valid option.' },
      org_id: { invalid: 'Please choose the agency.' },
      resident_id: {
        format: 'A resident identity card number has 18 characters; the last may be a digit or X.',
        region: 'The region code of the identity card number is not valid.',
        birth_date: 'The birth date in the identity card number is not valid.',
        check_character: 'The check character of the identity card number is wrong. Please check the number.',
      },
      id_number: { invalid: 'Please enter a valid document number.' },
      identifier: { invalid: 'Enter an 11-digit mobile number or a valid e-mail address.' },
      password: { too_short: 'The password needs at least 8 characters.' },
      uscc: {
        format: 'A unified social credit code has 18 digits or capital letters (no I, O, Z, S, V).',
        region: 'The region code in the unified social credit code is not valid.',
        check_character: 'The check character of the unified social credit code is wrong. Please check it.',
      },
      mobile: { invalid: 'Please enter an 11-digit mobile number.' },
      email: { invalid: 'Please enter a valid e-mail address.' },
      postal_code: { invalid: 'A postal code has 6 digits.' },
      application: {
        information_description_required:
          'Describe the information you want: its title, document number or other features that let the agency find it (Art. 29).',
        email_required_for_email_delivery: 'Please give an e-mail address to receive the answer by e-mail.',
        postal_address_required_for_post: 'Please give a postal address and postal code to receive it by post.',
        electronic_form_required: 'E-mail and online download need the electronic form.',
      },
    },
  },
};
export default validation;
