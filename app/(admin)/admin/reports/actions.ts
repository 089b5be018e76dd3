'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { lockReportPeriod, parseSection2Fields, resolveReportOrg, saveSection2Figures, unlockReportPeriod } from '@/lib/admin/annual-report';
import { MAX_WITHDRAW_REASON, publishReport, unpublishReport } from '@/lib/reports/report-publication';
import { deletePublishedTable, readPublishedTableFile, savePublishedTable } from '@/lib/reports/published-tables';
import { saveReportText, validateSections } from '@/lib/reports/report-texts';
import { REPORT_TEXT_PARTS } from '@/lib/reports/report-text-model';
import { FIRST_SUPPORTED_REPORT_YEAR, formatForYear } from '@/lib/statistics/layouts';

const scopeSchema = z.object({
  year: z.coerce.number().int().min(FIRST_SUPPORTED_REPORT_YEAR).max(9999),
  org: z.string().trim().min(1).max(40),
});

export async function lockPeriodAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(scopeSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/reports');
    const { changed } = await lockReportPeriod(admin, parsed.data.org, parsed.data.year);
    revalidatePath('/admin/reports');
    return { ok: true, messageKey: changed ? 'report.lock.locked' : 'report.lock.alreadyLocked' } as const;
  });
}

const unlockSchema = scopeSchema.extend({
  reason: z.string().trim().min(1, 'report.unlock_reason_required').max(1000, 'admin.errors.tooLong'),
});

export async function unlockPeriodAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(unlockSchema, values);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/reports');
    const { changed } = await unlockReportPeriod(admin, parsed.data.org, parsed.data.year, parsed.data.reason);
    revalidatePath('/admin/reports');
    return { ok: true, messageKey: changed ? 'report.lock.unlocked' : 'report.lock.notLocked' } as const;
  });
}

/** Section 二 figures: validated per column kind; field errors keep the typed values. */
export async function saveSection2Action(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(scopeSchema, values);
  if (!parsed.ok) return parsed.state;
  const { data, fieldErrors } = parseSection2Fields(formatForYear(parsed.data.year), values);
  if (Object.keys(fieldErrors).length > 0) return { ok: false, messageKey: 'errors.validation', fieldErrors, values };
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/reports/section2');
    await saveSection2Figures(admin, parsed.data.org, parsed.data.year, data);
    revalidatePath('/admin/reports');
    return { ok: true, messageKey: 'report.section2.saved' } as const;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Published tables (issue 12 item 1): store last year's (or any year's) table as published, or only check one
// ---------------------------------------------------------------------------------------------------------

const publishedSchema = scopeSchema.extend({
  subtree: z.preprocess((v) => v === '1' || v === 'true' || v === 'on', z.boolean()),
  intent: z.enum(['save', 'check']),
});

export interface PublishedCheckResult {
  readonly format: string;
  readonly year: number;
  readonly findings: readonly { rule: string; severity: string; messageKey: string; params: Record<string, string | number>; cells: { section: string; row: string; column: string; value: number | null }[] }[];
  readonly issues: readonly { code: string; path: string; params: Record<string, string | number> }[];
  readonly saved: boolean;
}

/**
 * Reads an uploaded JSON or official-layout XLSX table; `intent=check` only returns its C1–C8 findings,
 * `intent=save` stores it as the organisation's published table of that year (admins; audited).
 */
export async function publishedTableAction(_prev: ActionState<PublishedCheckResult>, form: FormData): Promise<ActionState<PublishedCheckResult>> {
  const parsed = parseForm(publishedSchema, formValues(form));
  if (!parsed.ok) return parsed.state as ActionState<PublishedCheckResult>;
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { ok: false, messageKey: 'report.published.noFile' };
  return runAction(async (): Promise<ActionState<PublishedCheckResult>> => {
    const admin = await requireRole(['admin'], '/admin/reports');
    const { year, subtree, intent } = parsed.data;
    const org = await resolveReportOrg(admin, parsed.data.org);
    const read = await readPublishedTableFile(new Uint8Array(await file.arrayBuffer()), { year, org: org.code });
    if (!read.ok) {
      return { ok: true, data: { format: '', year, findings: [], issues: read.errors.map((e) => ({ ...e, params: { ...e.params } })), saved: false } };
    }
    if (intent === 'save') {
      await savePublishedTable(admin, org, { year, subtree: subtree && org.hasChildren, table: read.table, source: read.source, fileName: file.name.slice(0, 200) });
      revalidatePath('/admin/reports');
    }
    return {
      ok: true,
      messageKey: intent === 'save' ? 'report.published.saved' : undefined,
      data: {
        format: read.table.format,
        year,
        findings: read.table.checks.map((c) => ({ rule: c.rule, severity: c.severity, messageKey: c.messageKey, params: { ...c.params }, cells: c.cells.map((cell) => ({ section: cell.section, row: cell.row, column: cell.column, value: cell.value })) })),
        issues: [],
        saved: intent === 'save',
      },
    };
  });
}

export async function deletePublishedTableAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(publishedSchema.omit({ intent: true }), formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/reports');
    const org = await resolveReportOrg(admin, parsed.data.org);
    const { deleted } = await deletePublishedTable(admin, org, parsed.data.year, parsed.data.subtree && org.hasChildren);
    revalidatePath('/admin/reports');
    return { ok: true, messageKey: deleted ? 'report.published.deleted' : 'report.published.nothingToDelete' } as const;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Publishing the locked report (issue 12 item 3; lib/reports/report-publication.ts)
// ---------------------------------------------------------------------------------------------------------

const publishSchema = scopeSchema.extend({
  subtree: z.preprocess((v) => v === '1' || v === 'true' || v === 'on', z.boolean()),
  expectedVersion: z.coerce.number().int().min(0).max(1_000_000),
});

export async function publishReportAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(publishSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/reports');
    const { changed, version } = await publishReport(admin, parsed.data);
    revalidatePath('/admin/reports');
    revalidatePath('/reports', 'layout');
    return { ok: true, messageKey: !changed ? 'report.publication.alreadyPublished' : version > 1 ? 'report.publication.revised' : 'report.publication.published' } as const;
  });
}

const unpublishSchema = scopeSchema.extend({
  version: z.coerce.number().int().min(1).max(1_000_000),
  reason: z.string().trim().min(1, 'report.publication.reasonRequired').max(MAX_WITHDRAW_REASON, 'admin.errors.tooLong'),
});

export async function unpublishReportAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(unpublishSchema, values);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/reports');
    const { changed } = await unpublishReport(admin, parsed.data);
    revalidatePath('/admin/reports');
    revalidatePath('/reports', 'layout');
    return { ok: true, messageKey: changed ? 'report.publication.unpublished' : 'report.publication.alreadyUnpublished' } as const;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Report text (issue 12 item 2): sections 一 to 六, compare-and-set on the version the editor loaded
// ---------------------------------------------------------------------------------------------------------

const textSchema = scopeSchema.extend({ version: z.coerce.number().int().min(0).max(2_000_000_000) });

/** Field name of a part of the report text in the editor's form. */
const partField = (part: string) => `part.${part}`;

export async function saveReportTextAction(_prev: ActionState<{ version: number }>, form: FormData): Promise<ActionState<{ version: number }>> {
  // Raw values: the text keeps its line breaks; control characters are refused by validateSections.
  const raw: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !k.startsWith('$ACTION')) raw[k] = v;
  const parsed = textSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, messageKey: 'errors.validation' };
  const { sections, fieldErrors } = validateSections(Object.fromEntries(REPORT_TEXT_PARTS.map((p) => [p, raw[partField(p)] ?? ''])));
  if (Object.keys(fieldErrors).length > 0) {
    return { ok: false, messageKey: 'errors.validation', fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([p, e]) => [partField(p), e])), values: raw };
  }
  return runAction(async (): Promise<ActionState<{ version: number }>> => {
    const admin = await requireRole(['admin'], '/admin/reports/text');
    const { version, changed } = await saveReportText(admin, { orgCode: parsed.data.org, year: parsed.data.year, sections, expectedVersion: parsed.data.version });
    revalidatePath('/admin/reports/text');
    return { ok: true, data: { version }, messageKey: changed ? 'report.text.saved' : 'report.text.unchanged' };
  });
}
