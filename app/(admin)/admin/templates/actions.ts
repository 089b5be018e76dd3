'use server';

import { revalidatePath } from 'next/cache';
import { formValues, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { DomainError } from '@/lib/errors';
import { revertTemplateVersion, saveTemplateVersion, TemplateInvalidError } from '@/lib/documents/template-versions';
import type { EditableTemplateType, TemplateProblem } from '@/lib/documents/template-rules';

/** What the template forms get back: the problems of an invalid edit are listed one by one. */
export type TemplateActionState =
  | { ok: true; messageKey: string; params?: Record<string, string | number> }
  | { ok: false; messageKey: string; params?: Record<string, string | number>; problems?: TemplateProblem[] }
  | null;

async function run(body: () => Promise<{ messageKey: string; params?: Record<string, string | number> }>): Promise<TemplateActionState> {
  let problems: TemplateProblem[] | undefined;
  const state = await runAction(async () => {
    try {
      return { ok: true as const, ...(await body()) };
    } catch (e) {
      if (e instanceof TemplateInvalidError) problems = e.problems;
      throw e;
    }
  });
  if (!state) return null;
  if (state.ok) return { ok: true, messageKey: state.messageKey ?? 'admin.templates.saved', params: state.params };
  return { ok: false, messageKey: state.messageKey, params: problems ? { count: problems.length } : state.params, problems };
}

export async function saveTemplateAction(_prev: TemplateActionState, form: FormData): Promise<TemplateActionState> {
  // Normalised by the text rule; a value with NUL is kept as sent and refused by the template check.
  const values = formValues(form);
  return run(async () => {
    const admin = await requireRole(['admin'], '/admin/templates');
    const saved = await saveTemplateVersion(admin, {
      orgId: Number(values.orgId),
      type: values.type as EditableTemplateType,
      expectedVersionNo: Number(values.expectedVersionNo),
      numberTag: values.numberTag ?? '',
      title: values.title ?? '',
      body: values.body ?? '',
    });
    revalidatePath('/admin/templates');
    return saved.changed ? { messageKey: 'admin.templates.saved', params: { version: saved.version } } : { messageKey: 'admin.templates.unchanged' };
  });
}

export async function revertTemplateAction(_prev: TemplateActionState, form: FormData): Promise<TemplateActionState> {
  const values = formValues(form);
  return run(async () => {
    const admin = await requireRole(['admin'], '/admin/templates');
    if (!/^\d+$/.test(values.orgId ?? '') || !/^\d+$/.test(values.toVersion ?? '') || !/^\d+$/.test(values.expectedVersionNo ?? '')) {
      throw new DomainError('VALIDATION', 'errors.validation');
    }
    const saved = await revertTemplateVersion(admin, {
      orgId: Number(values.orgId),
      type: values.type as EditableTemplateType,
      expectedVersionNo: Number(values.expectedVersionNo),
      toVersion: Number(values.toVersion),
    });
    revalidatePath('/admin/templates');
    return { messageKey: 'admin.templates.reverted', params: { version: saved.version } };
  });
}
