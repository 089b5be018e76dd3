/**
 * Issue 9 item 7 — Art. 36 in every answer: for each outcome the answer form offers, render the letter with
 * the default template (as saveAnswerDraft and approve_answer do) and read in it the article that governs the
 * answer (the Art. 36 item where one does) and the elements that article requires.
 */
import { describe, expect, it } from 'vitest';
import type { Outcome } from '@/lib/law/ids';
import { missingAnswerElements, OUTCOME_RULES, STAFF_SELECTABLE_OUTCOMES } from '@/lib/law/outcomes';
import { answerCitations, answerDetailRule, missingAnswerDetails, type AnswerDetails } from '@/lib/law/answer-content';
import { draftAnswerBody, issuedAnswerBody } from '@/lib/documents/answer-body';
import { DEFAULT_TEMPLATES } from '@/lib/documents/default-templates';
import { formatLegalBasis } from '@/lib/documents/outcome-text';

const CASE_FIELDS = {
  applicantName: '张三',
  trackingNo: 'GK-2026-000123',
  receivedOn: '2026年3月2日',
  description: '2025年本区老旧小区改造项目资金使用情况',
  orgName: '示范市示范区人民政府办公室',
  you: '您',
};
const REASON = '理由段落：经审查，具体情况如下。';

function render(outcome: Outcome, details: AnswerDetails, attachmentsCount = 0): { letter: string; outcomeParagraph: string; basisLine: string } {
  const legalBasis = formatLegalBasis(answerCitations(outcome, details, OUTCOME_RULES[outcome].legalBasis));
  const draft = draftAnswerBody(DEFAULT_TEMPLATES.answer.body, CASE_FIELDS, {
    outcome,
    details,
    reason: OUTCOME_RULES[outcome].requiresReason ? REASON : null,
    legalBasis,
    remedyNotice: '如对本答复不服，可以依法申请行政复议或者提起行政诉讼。',
  });
  const letter = issuedAnswerBody(draft, { docNumber: '示范政信答〔2026〕7号', issuedOn: '2026-03-20', attachmentsCount });
  const lines = letter.split('\n');
  const outcomeParagraph = lines[2] ?? '';
  const basisLine = lines.find((l) => l.includes('本答复的依据为')) ?? '';
  return { letter, outcomeParagraph, basisLine };
}

/** "条例第三十六条第（三）项" → "第三十六条第（三）项" (as the letter prints it after 《条例》). */
const article = (ref: string) => ref.replace(/^条例/, '');

interface Case {
  name: string;
  outcome: Outcome;
  details: AnswerDetails;
  attachments?: number;
  /** Articles the outcome paragraph cites (the governing one first). */
  cites: string[];
  /** Further text the letter must contain. */
  contains: string[];
  /** Text the letter must not contain. */
  lacks?: string[];
}

const ACCESS = '请于2026年3月25日至4月3日工作日9:00—17:00到示范区政务服务中心3楼查阅、复制';
const CASES: Case[] = [
  {
    name: '予以公开 — provided (Art. 36(2)) with the way, place and time of access',
    outcome: 'granted',
    details: { item: 'disclosable', accessArrangement: ACCESS },
    cites: ['第三十六条第（二）项'],
    contains: ['予以公开', `您可以通过以下方式、途径和时间获取该政府信息：${ACCESS}。`],
    lacks: ['见附件', '第三十六条第（一）项'],
  },
  {
    name: '予以公开 — provided (Art. 36(2)) as an attachment',
    outcome: 'granted',
    details: { item: 'disclosable' },
    attachments: 2,
    cites: ['第三十六条第（二）项'],
    contains: ['有关政府信息随本答复书一并提供（见附件，共2件）。'],
  },
  {
    name: '已主动公开 (Art. 36(1)) — where it was published',
    outcome: 'granted',
    details: { item: 'published', publishedWhere: '示范区人民政府门户网站“政府信息公开—财政资金”栏目（2025年12月1日公开）' },
    cites: ['第三十六条第（一）项'],
    contains: ['已经主动公开', '获取该政府信息的方式、途径：示范区人民政府门户网站“政府信息公开—财政资金”栏目（2025年12月1日公开）。'],
    lacks: ['第三十六条第（二）项'],
  },
  {
    name: '部分公开 (Art. 36(3), Art. 37) — what is withheld and the ground',
    outcome: 'partially_granted',
    details: { withheldPart: '第三页所列个人身份证号码和住址', withheldGround: 'denied_third_party_rights' },
    attachments: 1,
    cites: ['第三十六条第（三）项', '第三十七条'],
    contains: ['其中，第三页所列个人身份证号码和住址', '依据《条例》第十五条的规定不予公开，理由如下。', '（见附件，共1件）', REASON],
  },
  ...(
    [
      ['denied_state_secret', ['第十四条']],
      ['denied_prohibited_by_law', ['第十四条']],
      ['denied_three_securities_one_stability', ['第十四条']],
      ['denied_third_party_rights', ['第十五条', '第三十二条']],
      ['denied_internal_affairs', ['第十六条第一款']],
      ['denied_process_information', ['第十六条第二款']],
      ['denied_law_enforcement_file', ['第十六条第二款']],
    ] as const
  ).map(
    ([outcome, ground]): Case => ({
      name: `不予公开 ${outcome} (Art. 36(3) on ${ground.join(', ')}) — the ground and the reason`,
      outcome,
      details: {},
      cites: ['第三十六条第（三）项', ...ground],
      contains: ['决定不予公开，理由如下。', REASON],
    }),
  ),
  {
    name: '行政查询事项 (Art. 36(7)) — the procedure to follow',
    outcome: 'denied_administrative_inquiry',
    details: { channel: '示范区不动产登记中心（示范路1号，电话0591-12345678）' },
    cites: ['第三十六条第（七）项'],
    contains: ['请您按照有关法律、行政法规的规定办理', '您可以通过以下途径办理：示范区不动产登记中心（示范路1号，电话0591-12345678）。', REASON],
  },
  {
    name: '不存在 (Art. 36(4))',
    outcome: 'unavailable_not_held',
    details: { item: 'not_exist' },
    cites: ['第三十六条第（四）项'],
    contains: ['该政府信息不存在', REASON],
    lacks: ['第三十六条第（五）项'],
  },
  {
    name: '非本机关负责公开 (Art. 36(5)) — the responsible agency and its contact',
    outcome: 'unavailable_not_held',
    details: { item: 'not_responsible', responsibleAgency: '示范市自然资源和规划局', responsibleAgencyContact: '示范市中山路2号，电话0591-87654321' },
    cites: ['第三十六条第（五）项'],
    contains: ['不属于本机关负责公开', '负责公开该政府信息的行政机关为示范市自然资源和规划局，联系方式：示范市中山路2号，电话0591-87654321，您可以向该机关提出申请。', REASON],
    lacks: ['不存在', '第三十六条第（四）项'],
  },
  {
    name: '非本机关负责公开 (Art. 36(5)) — the responsible agency cannot be determined',
    outcome: 'unavailable_not_held',
    details: { item: 'not_responsible', responsibleAgencyUnknown: true },
    cites: ['第三十六条第（五）项'],
    contains: ['本机关无法确定负责公开该政府信息的行政机关。', REASON],
    lacks: ['不存在', '第三十六条第（四）项'],
  },
  { name: '需要另行制作 (Art. 38)', outcome: 'unavailable_requires_creation', details: {}, cites: ['第三十八条'], contains: ['不予提供', REASON] },
  { name: '补正后仍不明确 (Art. 30)', outcome: 'unavailable_unclear_after_correction', details: {}, cites: ['第三十条'], contains: ['无法提供', REASON] },
  {
    name: '信访举报投诉 (Art. 39 para 1) — the channel to use',
    outcome: 'not_processed_petition_complaint',
    details: { channel: '示范区信访局（示范路3号，电话12345）' },
    cites: ['第三十九条第一款'],
    contains: ['不作为政府信息公开申请处理', '您可以通过以下渠道反映：示范区信访局（示范路3号，电话12345）。', REASON],
  },
  {
    name: '重复申请 (Art. 36(6)) — the earlier answer',
    outcome: 'not_processed_repeat',
    details: { priorAnswer: '示范政信答〔2026〕3号，2026年2月10日' },
    cites: ['第三十六条第（六）项'],
    contains: ['本机关已就该政府信息作出答复（示范政信答〔2026〕3号，2026年2月10日）', '不予重复处理', REASON],
  },
  {
    name: '公开出版物 (Art. 39 para 2) — where to obtain it',
    outcome: 'not_processed_publication',
    details: { channel: '示范市图书馆政府公报阅览室' },
    cites: ['第三十九条第二款'],
    contains: ['您可以通过以下途径获取：示范市图书馆政府公报阅览室。', REASON],
  },
  { name: '大量反复申请 (Art. 35)', outcome: 'not_processed_excessive', details: {}, cites: ['第三十五条'], contains: ['不予处理', REASON] },
  { name: '确认或重新出具 (no article; report format)', outcome: 'not_processed_confirm_or_reissue', details: {}, cites: [], contains: ['不予处理', REASON] },
];

describe('answer letters cite the article that governs them (Art. 36) and state what it requires', () => {
  it('covers every outcome the answer form offers', () => {
    expect(new Set(CASES.map((c) => c.outcome))).toEqual(new Set(STAFF_SELECTABLE_OUTCOMES));
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { letter, outcomeParagraph, basisLine } = render(c.outcome, c.details, c.attachments ?? 0);
    // The governing article is the rule's, and the outcome paragraph and the basis line both cite it.
    const governing = answerDetailRule(c.outcome, c.details.item)?.governedBy ?? null;
    if (c.cites.length > 0) {
      expect(governing && article(governing), 'governing article').toBe(c.cites.find((a) => a.startsWith('第三十六条')) ?? c.cites[0]);
      expect(outcomeParagraph).toContain('《条例》');
    }
    for (const a of c.cites) {
      expect(outcomeParagraph, `outcome paragraph cites ${a}`).toContain(a);
      expect(basisLine, `basis line cites ${a}`).toContain(a);
    }
    for (const text of c.contains) expect(letter).toContain(text);
    for (const text of c.lacks ?? []) expect(letter).not.toContain(text);
    // Nothing left unmerged once issued, and the draft is complete.
    expect(letter).not.toMatch(/\{\{/);
    expect(missingAnswerDetails(c.outcome, c.details, c.attachments ?? 0)).toEqual([]);
  });
});

describe('required details (Art. 36 ff.) keep an answer from being submitted', () => {
  const base = { reason: 'r', legalBasis: 'b', remedyNotice: 'n', confidentialityReviewed: true, attachmentsCount: 0 };

  it.each([
    ['granted', {}, 0, ['access_or_attachment']],
    ['granted', { item: 'disclosable' }, 1, []],
    ['granted', { item: 'published' }, 0, ['published_where']],
    ['partially_granted', {}, 0, ['withheld_part', 'withheld_ground', 'access_or_attachment']],
    ['unavailable_not_held', { item: 'not_responsible' }, 0, ['responsible_agency']],
    ['unavailable_not_held', { item: 'not_responsible', responsibleAgency: '某局' }, 0, ['responsible_agency']],
    ['unavailable_not_held', { item: 'not_exist' }, 0, []],
    ['unavailable_not_held', { item: 'published' }, 0, ['item']],
    ['not_processed_petition_complaint', { channel: '   ' }, 0, ['channel']],
    ['not_processed_publication', {}, 0, ['channel']],
    ['not_processed_repeat', {}, 0, ['prior_answer']],
    ['denied_administrative_inquiry', {}, 0, []],
  ] as const)('%s %j with %i attachments misses %j', (outcome, details, attachments, codes) => {
    expect(missingAnswerDetails(outcome, details as AnswerDetails, attachments)).toEqual(codes);
    const separated = outcome === 'partially_granted';
    const all = missingAnswerElements({ ...base, outcome, separated, attachmentsCount: attachments, details: details as AnswerDetails });
    expect(all).toEqual(codes);
  });

  it('a 36(5) answer never says the information does not exist, even without details', () => {
    const { letter } = render('unavailable_not_held', { item: 'not_responsible' });
    expect(letter).not.toContain('不存在');
    expect(letter).not.toContain('第三十六条第（四）项');
  });

  it('the attachment sentence states the files attached when the answer is issued, not when it was drafted', () => {
    expect(render('granted', { item: 'disclosable', accessArrangement: ACCESS }, 0).letter).not.toContain('见附件');
    expect(render('granted', { item: 'disclosable', accessArrangement: ACCESS }, 3).letter).toContain('（见附件，共3件）');
  });
});
