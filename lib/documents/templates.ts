/**
 * Template merge for outgoing documents. A template is the title and body of default-templates.ts, or an
 * organisation's override in `document_templates` (the case's organisation first, then its ancestors, then
 * a system-wide row with orgId null, then the built-in default).
 *
 * Merge rules: `{{field}}` is replaced by the field's value; a field left out of `fields` stays as is when
 * listed in `keep` (the 文号 and the date are filled only when the document is issued) and becomes empty
 * otherwise; a body line that contained fields and is blank after merging is dropped.
 *
 * Punctuation (GB/T 15834): a value that ends with a stop (。；，、：) loses it where the template continues
 * with punctuation right after the field, possibly after closing quotes or brackets — "因{{reason}}，" with
 * the reason "难以答复。" gives "因难以答复，", and "“{{description}}”。" gives "…信息”。", not "。”。".
 * Question and exclamation marks are kept. The 称谓 "您（单位）" of the default texts becomes the `you` field
 * ("您" for a natural person, "你单位" for an organisation; caseMergeFields sets it) when it is given.
 */
import { db, type Db, type Tx } from '@/lib/db';
import type { DocumentType } from '@/lib/generated/prisma/enums';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { DEFAULT_TEMPLATES, type DefaultTemplate, type TemplateKey } from '@/lib/documents/default-templates';
import type { TemplateField } from '@/lib/documents/template-fields';

export { TEMPLATE_FIELDS, type TemplateField } from '@/lib/documents/template-fields';
export type TemplateFields = Partial<Record<TemplateField, string | number | null | undefined>>;

/** Filled only when the document is issued (approve_answer or the issuing transition). */
export const ISSUE_FIELDS = ['docNumber', 'date'] as const satisfies readonly TemplateField[];

const FIELD = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
/** Template text right after a field that starts with punctuation (after optional closing quotes/brackets). */
const PUNCTUATION_AFTER = /^[”’」』）)》〕】]*[，。；：、！？,.;:!?]/u;
const TRAILING_STOP = /[。．，,；;：:、]+$/u;
/** The 称谓 of the default texts, replaced by the `you` field when one is given. */
export const GENERIC_YOU = '您（单位）';

/** 称谓 of the applicant in letters: natural persons are addressed as 您, organisations as 你单位. */
export function youFor(applicantType: string | null | undefined): string | undefined {
  if (!applicantType) return undefined;
  return applicantType === 'natural_person' ? '您' : '你单位';
}

export function mergeTemplate(text: string, fields: TemplateFields, options: { keep?: readonly TemplateField[] } = {}): string {
  const keep = new Set<string>(options.keep ?? []);
  const out: string[] = [];
  const you = fields.you ? String(fields.you) : null;
  const source = you ? text.split(GENERIC_YOU).join(you) : text;
  for (const line of source.split('\n')) {
    let hadField = false;
    let hadValue = false;
    const merged = line.replace(FIELD, (whole, name: string, offset: number) => {
      hadField = true;
      const value = (fields as Record<string, unknown>)[name];
      if (value === undefined || value === null || value === '') {
        return keep.has(name) ? whole : '';
      }
      hadValue = true;
      const str = String(value);
      return PUNCTUATION_AFTER.test(line.slice(offset + whole.length)) ? str.replace(TRAILING_STOP, '') : str;
    });
    // A line made only of placeholders and indentation that all came out empty is dropped.
    if (hadField && !hadValue && merged.replace(/[\s　]/g, '') === '') continue;
    out.push(merged);
  }
  return out.join('\n');
}

/** 2026-03-18 → 2026年3月18日 (成文日期 style of GB/T 9704-2012, Arabic numerals). */
export function formatChineseDate(date: IsoDate | null | undefined): string {
  if (!date) return '';
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export interface ResolvedTemplate extends DefaultTemplate {
  /** Where the text came from: an organisation's override, the system-wide override, or the built-in default. */
  source: 'organisation' | 'system' | 'default';
  /** The template version the text is (template-versions.ts); null for the built-in default and unversioned rows. */
  versionId: string | null;
  /** The organisation whose override it is (null for a system-wide row or the default). */
  orgId: number | null;
}

/**
 * The template for an organisation. `orgPath` ("/1/4/") gives the ancestors, nearest first. Variants that
 * are not document types (consultation_letter_agency) always use the built-in text.
 */
export async function resolveTemplate(
  key: TemplateKey,
  org: { id: number; path: string },
  client: Db | Tx = db,
): Promise<ResolvedTemplate> {
  const fallback: DefaultTemplate = DEFAULT_TEMPLATES[key];
  if (key === 'consultation_letter_agency') return { ...fallback, source: 'default', versionId: null, orgId: null };
  const type: DocumentType = key;
  const chain = [org.id, ...org.path.split('/').filter((p) => /^\d+$/.test(p)).map(Number).reverse()];
  const rows = await client.documentTemplate.findMany({
    where: { type, OR: [{ orgId: { in: chain } }, { orgId: null }] },
    select: { orgId: true, numberTag: true, title: true, body: true, currentVersionId: true },
  });
  for (const orgId of chain) {
    const row = rows.find((r) => r.orgId === orgId);
    if (row) return { numberTag: row.numberTag, title: row.title, body: row.body, source: 'organisation', versionId: row.currentVersionId, orgId };
  }
  const system = rows.find((r) => r.orgId === null);
  if (system) return { numberTag: system.numberTag, title: system.title, body: system.body, source: 'system', versionId: system.currentVersionId, orgId: null };
  return { ...fallback, source: 'default', versionId: null, orgId: null };
}
