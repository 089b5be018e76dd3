/**
 * The Chinese text of the report draft: title, preamble and the paragraphs that quote computed figures, in
 * the seed's wording (平度 2020, section 一（二）). This is report content — official wording, kept as data —
 * not UI text. Narrative parts are left as clearly marked placeholders 【待填写：…】.
 */
import { FORMAT_DOCUMENTS, type ReportFormat } from '@/lib/statistics/layouts';
import type { AppealFigures, ProseFigures, ProseGroupId, YearOnYear } from '@/lib/statistics/prose-figures';
import type { FeeFigures } from '@/lib/statistics/fee-figures';

export const PLACEHOLDER_OPEN = '【待填写：';
export const PLACEHOLDER_CLOSE = '】';

export function placeholder(what: string): string {
  return `${PLACEHOLDER_OPEN}${what}${PLACEHOLDER_CLOSE}`;
}

export function reportTitle(orgName: string, year: number): string {
  return `${orgName}${year}年政府信息公开工作年度报告`;
}

/** Preamble citing the 条例 and the format document of the year (60号 or 30号), as in the seed. */
export function preambleText(year: number, format: ReportFormat): string {
  const doc = FORMAT_DOCUMENTS[format];
  return (
    `根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《${doc.title}》（${doc.number}）要求，` +
    `特向社会公布${year}年度政府信息公开工作年度报告。本报告由总体情况、主动公开政府信息情况、` +
    `收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、` +
    `其他需要报告的事项共六个部分组成。本报告所列数据统计期限自${year}年1月1日起至12月31日止。`
  );
}

/** "，同比下降13.3%" / "，同比增长5.0%" / "，与上年持平"; empty without last year's figure or when it was 0. */
export function yearOnYearPhrase(yoy: YearOnYear | null): string {
  if (!yoy) return '';
  if (yoy.direction === 'unchanged') return '，与上年持平';
  if (yoy.percent === null) return '';
  return `，同比${yoy.direction === 'decrease' ? '下降' : '增长'}${yoy.percent}%`;
}

/** How the seed names each group in the sentence (its wording, including where it writes 的). */
const GROUP_WORDING: Readonly<Record<ProseGroupId, string>> = {
  granted: '予以公开的',
  partially_granted: '部分公开',
  denied_subtotal: '不予公开',
  unavailable_subtotal: '无法提供的',
  not_processed_subtotal: '不予处理的',
  other_subtotal: '其他处理',
  carried_forward: '转下一年办理的',
};

/**
 * "2020年，共收到政府信息公开申请529件（包括上年结转1件），同比下降13.3%。其中，予以公开的258件，占总数的48.8%；
 * …；转下一年办理的10件，占总数的1.9%。"
 */
export function applicationsParagraph(figures: ProseFigures): string {
  const { applications } = figures;
  const carried = applications.carriedOver > 0 ? `（包括上年结转${applications.carriedOver}件）` : '';
  const opening = `${figures.year}年，共收到政府信息公开申请${applications.total}件${carried}${yearOnYearPhrase(applications.yoy)}。`;
  if (applications.total === 0 && applications.concluded === 0) return opening;
  const share = figures.percentBase === 'applications_total' ? '占总数的' : '占办结总数的';
  const parts = figures.groups.map((g) => {
    const percent = g.percent === null ? '' : `，${share}${g.percent}%`;
    return `${GROUP_WORDING[g.id]}${g.count}件${percent}`;
  });
  return `${opening}其中，${parts.join('；')}。`;
}

function reviewSentence(review: AppealFigures): string {
  if (review.total === 0) return `未发生因政府信息公开引发的行政复议案件${yearOnYearPhrase(review.yoy)}`;
  const parts = [
    review.upheld > 0 ? `维持具体行政行为${review.upheld}件` : '',
    review.corrected > 0 ? `被依法纠错${review.corrected}件` : '',
    review.other > 0 ? `其他结果${review.other}件` : '',
    review.pending > 0 ? `尚未审结${review.pending}件` : '',
  ].filter((p) => p !== '');
  const detail = parts.length > 0 ? `，其中${parts.join('，')}` : '';
  return `因政府信息公开引发的行政复议案件共${review.total}件${yearOnYearPhrase(review.yoy)}${detail}`;
}

function litigationSentence(litigation: AppealFigures): string {
  if (litigation.total === 0) return `未发生因政府信息公开引发的行政诉讼案件${yearOnYearPhrase(litigation.yoy)}。`;
  const parts = [
    litigation.upheld > 0 ? `维持具体行政行为或者驳回原告诉讼请求的${litigation.upheld}件` : '',
    litigation.corrected > 0 ? `被依法纠错的${litigation.corrected}件` : '',
    litigation.other > 0 ? `其他结果的${litigation.other}件` : '',
    litigation.pending > 0 ? `未审结${litigation.pending}件` : '',
  ].filter((p) => p !== '');
  const detail = parts.length > 0 ? `其中，${parts.join('，')}。` : '';
  return `因政府信息公开引发行政诉讼${litigation.total}件${yearOnYearPhrase(litigation.yoy)}。${detail}`;
}

/**
 * "因政府信息公开引发的行政复议案件共9件，同比下降83.0%，其中维持具体行政行为7件，被依法纠错2件；因政府信息公开引发
 * 行政诉讼5件，同比下降84.4%。其中，维持具体行政行为或者驳回原告诉讼请求的4件，未审结1件。"
 */
export function appealsParagraph(figures: ProseFigures): string {
  return `${reviewSentence(figures.review)}；${litigationSentence(figures.litigation)}`;
}

/** 1200.00 → "1200"; 12.50 → "12.50". */
function yuanText(amount: string): string {
  return amount.endsWith('.00') ? amount.slice(0, -3) : amount;
}

/**
 * Section 六: the 信息处理费 of the year (Art. 42; 国办函〔2020〕109号). "本年度未收取信息处理费。" when no notice was
 * issued and nothing collected; else "本年度共发出信息处理费收费通知2件，金额共计300元；收取信息处理费1件，共计100元。"
 */
export function feesParagraph(fees: FeeFigures): string {
  if (fees.issuedCount === 0 && fees.collectedCount === 0) return '本年度未收取信息处理费。';
  const issued = fees.issuedCount > 0 ? `本年度共发出信息处理费收费通知${fees.issuedCount}件，金额共计${yuanText(fees.issuedAmountYuan)}元；` : '本年度未发出信息处理费收费通知；';
  const collected =
    fees.collectedCount > 0 ? `收取信息处理费${fees.collectedCount}件，共计${yuanText(fees.collectedAmountYuan)}元。` : '未收取信息处理费。';
  return `${issued}${collected}`;
}
