/**
 * What an answer must tell the applicant, by the article that governs it (条例 Art. 36 (一)–(七) lists the answer
 * types; Arts. 37, 38, 39, 35 and 30 add the rest). Law as data, pure (no I/O): the answer form shows these
 * fields, the answer draft validates them (answerDetailsSchema, at save) and the workflow guard answer_complete
 * refuses to submit or issue an answer while one is missing (missingAnswerDetails, via missingAnswerElements).
 * The letter text that states them is lib/documents/outcome-text.ts answerOutcomeText.
 *
 * Sources: shared/reference/regulations.md §8 (answer types → table rows), §9 (不予处理 grounds), §12 (36(5)).
 *
 * Two table rows each cover two items of Art. 36, so the answer also names its item (`item`):
 * - （一）予以公开: Art. 36(2) "可以公开的 — 提供该政府信息，或者告知获取的方式、途径和时间" (`disclosable`), and
 *   Art. 36(1) "已经主动公开的 — 告知获取的方式、途径" (`published`; regulations.md §8 maps it here by practice);
 * - （四）1 本机关不掌握: Art. 36(4) "经检索没有 — 告知该政府信息不存在" (`not_exist`), and Art. 36(5) "不属于本
 *   机关负责公开的 — 告知并说明理由；能够确定负责公开的行政机关的，告知其名称、联系方式" (`not_responsible`; by
 *   practice the same row). A 36(5) answer never says the information "does not exist".
 */
import { z } from 'zod';
import type { Outcome } from '@/lib/law/ids';
import type { LegalReference } from '@/lib/law/outcomes';
import { zLine, zText } from '@/lib/validation/text';

const ART_36 = {
  1: '条例第三十六条第（一）项',
  2: '条例第三十六条第（二）项',
  3: '条例第三十六条第（三）项',
  4: '条例第三十六条第（四）项',
  5: '条例第三十六条第（五）项',
  6: '条例第三十六条第（六）项',
  7: '条例第三十六条第（七）项',
} as const satisfies Record<number, LegalReference>;

/** The item of Art. 36 an answer rests on, where its table row covers two (see the module comment). */
export const ANSWER_ITEMS = {
  disclosable: { outcome: 'granted', governedBy: ART_36[2] },
  published: { outcome: 'granted', governedBy: ART_36[1] },
  not_exist: { outcome: 'unavailable_not_held', governedBy: ART_36[4] },
  not_responsible: { outcome: 'unavailable_not_held', governedBy: ART_36[5] },
} as const satisfies Record<string, { outcome: Outcome; governedBy: LegalReference }>;
export type AnswerItem = keyof typeof ANSWER_ITEMS;
export const ANSWER_ITEM_IDS = Object.keys(ANSWER_ITEMS) as AnswerItem[];

/** The items an outcome chooses between, default first; empty when one article governs the outcome. */
export function answerItemsFor(outcome: Outcome): AnswerItem[] {
  return ANSWER_ITEM_IDS.filter((item) => ANSWER_ITEMS[item].outcome === outcome);
}

/**
 * Grounds for withholding part of the information (Art. 37: "不应当公开的内容或者不属于政府信息的内容"): the
 * 不予公开 grounds of Arts. 14, 15, 16, named by the outcome id of their table row, or "not government
 * information" (Art. 2 defines it; Art. 37 names it).
 */
export const WITHHELD_GROUNDS = [
  'denied_state_secret',
  'denied_prohibited_by_law',
  'denied_three_securities_one_stability',
  'denied_third_party_rights',
  'denied_internal_affairs',
  'denied_process_information',
  'denied_law_enforcement_file',
  'not_government_information',
] as const satisfies readonly (Outcome | 'not_government_information')[];
export type WithheldGround = (typeof WITHHELD_GROUNDS)[number];

/** The article each withholding ground rests on (the same as the 不予公开 row's ground, Arts. 14–16; Art. 2). */
export const WITHHELD_GROUND_BASIS = {
  denied_state_secret: ['条例第十四条'],
  denied_prohibited_by_law: ['条例第十四条'],
  denied_three_securities_one_stability: ['条例第十四条'],
  denied_third_party_rights: ['条例第十五条'],
  denied_internal_affairs: ['条例第十六条第一款'],
  denied_process_information: ['条例第十六条第二款'],
  denied_law_enforcement_file: ['条例第十六条第二款'],
  not_government_information: ['条例第二条'],
} as const satisfies Record<WithheldGround, readonly LegalReference[]>;

/**
 * The details an answer states besides its reason (stored as JSON on the answer Document, `answerDetails`).
 * Every field is optional in storage; which ones an outcome requires is ANSWER_DETAIL_RULES.
 */
export interface AnswerDetails {
  /** The Art. 36 item, for the two rows that cover two (ANSWER_ITEMS). */
  item?: AnswerItem;
  /** Art. 36(2): the way, place and time the applicant can obtain the information (方式、途径和时间). */
  accessArrangement?: string;
  /** Art. 36(1): where the information was published (方式、途径: website column, gazette issue …). */
  publishedWhere?: string;
  /** Art. 37: which part is withheld. */
  withheldPart?: string;
  /** Art. 37: on which ground. */
  withheldGround?: WithheldGround;
  /** Art. 36(5): the agency responsible for disclosing it, and its contact — when it can be determined. */
  responsibleAgency?: string;
  responsibleAgencyContact?: string;
  /** Art. 36(5): the responsible agency cannot be determined (the reason then says why). */
  responsibleAgencyUnknown?: boolean;
  /** Art. 39 para 1: the channel for the 信访/投诉/举报; Art. 39 para 2: where to obtain the publication; Art. 36(7): the procedure to use. */
  channel?: string;
  /** Art. 36(6): the earlier answer to the same application (文号 and date). */
  priorAnswer?: string;
}

export type AnswerDetailField = Exclude<keyof AnswerDetails, 'item'>;

/** The answer form's field names of the details (the same as AnswerDetails' keys). */
export const ANSWER_DETAIL_FORM_FIELDS = [
  'item',
  'accessArrangement',
  'publishedWhere',
  'withheldPart',
  'withheldGround',
  'responsibleAgency',
  'responsibleAgencyContact',
  'responsibleAgencyUnknown',
  'channel',
  'priorAnswer',
] as const satisfies readonly (keyof AnswerDetails)[];

/** Codes of missing details (UI keys `answer.missing.<code>`), added to lib/law/outcomes.ts ANSWER_ELEMENT_CODES. */
export const ANSWER_DETAIL_CODES = [
  'item', // the Art. 36 item is not one of the outcome's
  'access_or_attachment', // Art. 36(2) / Art. 37: neither attached nor the way, place and time of access
  'published_where', // Art. 36(1)
  'withheld_part', // Art. 37
  'withheld_ground', // Art. 37
  'responsible_agency', // Art. 36(5): name and contact, or "cannot be determined"
  'channel', // Art. 39 para 1 / para 2
  'prior_answer', // Art. 36(6)
] as const;
export type AnswerDetailCode = (typeof ANSWER_DETAIL_CODES)[number];

export interface AnswerDetailRule {
  /** The article that governs this answer: the Art. 36 item where one does; null only where no article founds the row. */
  readonly governedBy: LegalReference | null;
  /** Fields the form shows for this answer (required or not). */
  readonly fields: readonly AnswerDetailField[];
  /** Required elements, each a code of ANSWER_DETAIL_CODES. */
  readonly required: readonly AnswerDetailCode[];
}

const rule = (governedBy: LegalReference | null, fields: readonly AnswerDetailField[] = [], required: readonly AnswerDetailCode[] = []): AnswerDetailRule => ({
  governedBy,
  fields,
  required,
});

/**
 * Per outcome, or per item for the two rows that cover two items: the governing article and the required
 * details. The reason (理由) requirement stays in OUTCOME_RULES.requiresReason.
 */
export const ANSWER_DETAIL_RULES = {
  // Art. 36(2): provide it (attachment) or tell the way, place and time of access.
  disclosable: rule(ART_36[2], ['accessArrangement'], ['access_or_attachment']),
  // Art. 36(1): tell the way and place where it was published.
  published: rule(ART_36[1], ['publishedWhere'], ['published_where']),
  // Art. 36(3) with Art. 37: provide the separable part, say what is withheld and on which ground (the reason).
  partially_granted: rule(ART_36[3], ['withheldPart', 'withheldGround', 'accessArrangement'], ['withheld_part', 'withheld_ground', 'access_or_attachment']),
  // Art. 36(3): not disclosed, with the ground (Arts. 14, 15, 16: the outcome's row) and the reason.
  denied_state_secret: rule(ART_36[3]),
  denied_prohibited_by_law: rule(ART_36[3]),
  denied_three_securities_one_stability: rule(ART_36[3]),
  denied_third_party_rights: rule(ART_36[3]),
  denied_internal_affairs: rule(ART_36[3]),
  denied_process_information: rule(ART_36[3]),
  denied_law_enforcement_file: rule(ART_36[3]),
  // Art. 36(7): tell the applicant to follow the special procedure; naming where is optional.
  denied_administrative_inquiry: rule(ART_36[7], ['channel']),
  // Art. 36(4): the information does not exist.
  not_exist: rule(ART_36[4]),
  // Art. 36(5): not this agency's to disclose, with reasons; the responsible agency's name and contact when it can be determined.
  not_responsible: rule(ART_36[5], ['responsibleAgency', 'responsibleAgencyContact', 'responsibleAgencyUnknown'], ['responsible_agency']),
  // Art. 38: no Art. 36 item; the article itself governs.
  unavailable_requires_creation: rule('条例第三十八条'),
  unavailable_unclear_after_correction: rule('条例第三十条'),
  // Art. 39 para 1: not handled as an application; the channel to use is stated.
  not_processed_petition_complaint: rule('条例第三十九条第一款', ['channel'], ['channel']),
  // Art. 36(6): the earlier answer is named.
  not_processed_repeat: rule(ART_36[6], ['priorAnswer'], ['prior_answer']),
  // Art. 39 para 2: where to obtain the publication (the letter says it tells the way).
  not_processed_publication: rule('条例第三十九条第二款', ['channel'], ['channel']),
  not_processed_excessive: rule('条例第三十五条'),
  not_processed_confirm_or_reissue: rule(null),
} as const satisfies Record<string, AnswerDetailRule>;
export type AnswerDetailRuleKey = keyof typeof ANSWER_DETAIL_RULES;

/** The rule key of an answer: its item where the outcome has items (default: the first), else the outcome. */
export function answerRuleKey(outcome: Outcome, item?: AnswerItem | null): AnswerDetailRuleKey | null {
  const items = answerItemsFor(outcome);
  if (items.length > 0) return item && items.includes(item) ? item : items[0];
  return Object.hasOwn(ANSWER_DETAIL_RULES, outcome) ? (outcome as AnswerDetailRuleKey) : null;
}

export function answerDetailRule(outcome: Outcome, item?: AnswerItem | null): AnswerDetailRule | null {
  const key = answerRuleKey(outcome, item);
  return key ? ANSWER_DETAIL_RULES[key] : null;
}

/**
 * The articles the answer cites by default (本答复的依据为…), the governing Art. 36 item included: for a
 * refusal the ground (Arts. 14/15/16) and Art. 36(3); for a partial disclosure Art. 36(3), Art. 37 and the
 * withholding ground. `groundBasis` is the outcome's own ground from OUTCOME_RULES.
 */
export function answerCitations(outcome: Outcome, details: AnswerDetails, groundBasis: readonly LegalReference[]): LegalReference[] {
  const governing = answerDetailRule(outcome, details.item)?.governedBy ?? null;
  const refs: LegalReference[] = [];
  const add = (ref: LegalReference) => {
    if (!refs.includes(ref)) refs.push(ref);
  };
  if (outcome === 'partially_granted') {
    add(ART_36[3]);
    add('条例第三十七条');
    if (details.withheldGround) for (const ref of WITHHELD_GROUND_BASIS[details.withheldGround]) add(ref);
    return refs;
  }
  if (answerItemsFor(outcome).length > 0) return governing ? [governing] : [];
  for (const ref of groundBasis) if (!(Object.values(ART_36) as string[]).includes(ref) || ref === governing) add(ref);
  if (governing) add(governing);
  return refs;
}

const detailText = (max: number) => zText().max(max, 'validation.too_long').optional();
const formBool = z.union([z.boolean(), z.enum(['true', 'false', 'on']).transform((v) => v !== 'false')]);

/**
 * Shape of the details as posted (form or library call): text under the one text rule (NUL refused), the
 * item and ground from their lists. Unknown keys are dropped. Whether a field is required is not checked
 * here (a draft may be incomplete) but by missingAnswerDetails when the answer is submitted or issued.
 */
export const answerDetailsSchema = z
  .object({
    item: z.enum(ANSWER_ITEM_IDS as [AnswerItem, ...AnswerItem[]], { message: 'answer.missing.item' }).optional(),
    accessArrangement: detailText(2000),
    publishedWhere: detailText(2000),
    withheldPart: detailText(4000),
    withheldGround: z.enum(WITHHELD_GROUNDS, { message: 'answer.missing.withheld_ground' }).optional(),
    responsibleAgency: zLine().max(200, 'validation.too_long').optional(),
    responsibleAgencyContact: zLine().max(500, 'validation.too_long').optional(),
    responsibleAgencyUnknown: formBool.optional(),
    channel: detailText(2000),
    priorAnswer: detailText(500),
  })
  .strip();

/**
 * The details kept for an outcome: the item checked against the outcome (refused with `answer.missing.item`
 * when it is another outcome's), blank text dropped, fields the outcome does not use dropped — so switching
 * the outcome in the form never leaves a stale 36(5) agency on a 予以公开 letter.
 */
export function detailsForOutcome(outcome: Outcome, details: z.output<typeof answerDetailsSchema>): { ok: true; details: AnswerDetails } | { ok: false; code: 'item' } {
  const items = answerItemsFor(outcome);
  if (details.item !== undefined && !items.includes(details.item)) return { ok: false, code: 'item' };
  const rule = answerDetailRule(outcome, details.item);
  const out: AnswerDetails = {};
  if (items.length > 0) out.item = details.item ?? items[0];
  for (const field of rule?.fields ?? []) {
    const value = details[field];
    if (typeof value === 'string') {
      if (value.trim() !== '') (out as Record<string, unknown>)[field] = value.trim();
    } else if (value !== undefined && value !== false) {
      (out as Record<string, unknown>)[field] = value;
    }
  }
  // "Cannot be determined" and a named agency exclude each other: the named agency wins.
  if (out.responsibleAgency) delete out.responsibleAgencyUnknown;
  return { ok: true, details: out };
}

/** Reads stored JSON (answerDetails column) leniently: anything unexpected is left out. */
export function parseAnswerDetails(value: unknown): AnswerDetails {
  const parsed = answerDetailsSchema.safeParse(value ?? {});
  return parsed.success ? (parsed.data as AnswerDetails) : {};
}

/** Equal details, whatever the order of their keys (a change clears the confidentiality review). */
export function sameAnswerDetails(a: AnswerDetails, b: AnswerDetails): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

const present = (value: string | undefined): boolean => typeof value === 'string' && value.trim() !== '';

/**
 * The required details still missing for an outcome (codes of ANSWER_DETAIL_CODES). `attachmentsCount` is
 * the number of disclosed files on the draft: an attachment provides the information (Art. 36(2)).
 */
export function missingAnswerDetails(outcome: Outcome, details: AnswerDetails | null | undefined, attachmentsCount: number): AnswerDetailCode[] {
  const d = details ?? {};
  const items = answerItemsFor(outcome);
  if (d.item !== undefined && !items.includes(d.item)) return ['item'];
  const rule = answerDetailRule(outcome, d.item);
  if (!rule) return [];
  const missing: AnswerDetailCode[] = [];
  for (const code of rule.required) {
    const ok = {
      item: true,
      access_or_attachment: attachmentsCount > 0 || present(d.accessArrangement),
      published_where: present(d.publishedWhere),
      withheld_part: present(d.withheldPart),
      withheld_ground: d.withheldGround !== undefined,
      responsible_agency: d.responsibleAgencyUnknown === true || (present(d.responsibleAgency) && present(d.responsibleAgencyContact)),
      channel: present(d.channel),
      prior_answer: present(d.priorAnswer),
    }[code];
    if (!ok) missing.push(code);
  }
  return missing;
}
