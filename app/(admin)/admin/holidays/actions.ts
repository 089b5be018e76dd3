'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { holidayCode, parseCalendarInput } from '@/lib/admin/calendar-input';
import { importCalendarYear, setCalendarDay } from '@/lib/calendar/load-calendar';
import { isIsoDate } from '@/lib/calendar/iso-date';

// Stored due dates of open cases follow the new calendar: importCalendarYear and setCalendarDay queue the
// recompute (a durable job run by a worker, lib/jobs) in the same transaction as the edit.

const MAX_UPLOAD_BYTES = 200_000;

const importSchema = z.object({
  year: z.coerce.number().int().min(2000, 'admin.holidays.errors.year').max(2100, 'admin.holidays.errors.year'),
  source: z.string().trim().min(1, 'validation.required').max(500, 'admin.errors.tooLong'),
  intent: z.enum(['preview', 'import']),
});

export type ImportYearData = {
  year: number;
  intent: 'preview' | 'import';
  rows: { date: string; kind: 'holiday' | 'workday'; name: string }[];
  issues: { line: number; code: string; value: string }[];
};

export async function importYearAction(_prev: ActionState<ImportYearData>, form: FormData): Promise<ActionState<ImportYearData>> {
  const values = formValues(form);
  const parsed = parseForm(importSchema, values);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState<ImportYearData>;
  return runAction<ImportYearData>(async () => {
    const admin = await requireRole(['admin'], '/admin/holidays');
    const file = form.get('file');
    let text = values.text ?? '';
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_UPLOAD_BYTES) return { ok: false, messageKey: 'admin.holidays.errors.fileTooLarge', values };
      text = await file.text();
    }
    if (text.trim() === '') return { ok: false, messageKey: 'admin.holidays.errors.noInput', values };
    const { year, source, intent } = parsed.data;
    const result = parseCalendarInput(text, year);
    const data: ImportYearData = {
      year,
      intent,
      rows: result.rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name ?? '' })),
      issues: [...result.issues],
    };
    if (result.issues.length > 0) return { ok: false, messageKey: 'admin.holidays.errors.inputHasIssues', params: { count: result.issues.length }, values, data } as never;
    if (result.rows.length === 0) return { ok: false, messageKey: 'admin.holidays.errors.noDates', values };
    if (intent === 'preview') return { ok: true, data, messageKey: 'admin.holidays.previewReady' };
    await importCalendarYear(admin, year, result.rows, source);
    revalidatePath('/admin/holidays');
    return { ok: true, data, messageKey: 'admin.holidays.imported' };
  });
}

const daySchema = z.object({
  date: z.string().trim().refine(isIsoDate, 'admin.holidays.errors.date'),
  kind: z.enum(['holiday', 'workday', 'none']),
  name: z.string().trim().max(50, 'admin.errors.tooLong').default(''),
  reason: z.string().trim().min(1, 'admin.holidays.errors.reasonRequired').max(500, 'admin.errors.tooLong'),
});

/** Adds, changes (kind = holiday | workday) or removes (kind = none) one exception day. Audited by the library. */
export async function setDayAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(daySchema, values);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/holidays');
    const { date, kind, name, reason } = parsed.data;
    await setCalendarDay(admin, { date, kind: kind === 'none' ? null : kind, name: holidayCode(name), reason });
    revalidatePath('/admin/holidays');
    return { ok: true, messageKey: kind === 'none' ? 'admin.holidays.dayRemoved' : 'admin.holidays.daySaved' } as const;
  });
}
