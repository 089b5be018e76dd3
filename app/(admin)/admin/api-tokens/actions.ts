'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { createApiToken, createApiTokenSchema, revokeApiToken } from '@/lib/api/v1/tokens';

/** Creates a token (admin); the token comes back once in `data.token` and is never stored in clear. */
export async function createApiTokenAction(_prev: ActionState<{ token: string }>, form: FormData): Promise<ActionState<{ token: string }>> {
  const values = formValues(form);
  const scopes = form.getAll('scopes').filter((s): s is string => typeof s === 'string');
  const parsed = parseForm(createApiTokenSchema, { orgId: values.orgId, name: values.name, scopes });
  if (!parsed.ok) return { ...parsed.state, values } as ActionState<{ token: string }>;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/api-tokens');
    const created = await createApiToken(admin, parsed.data);
    revalidatePath('/admin/api-tokens');
    return { ok: true, messageKey: 'admin.apiTokens.created', data: { token: created.token } } as const;
  });
}

const revokeSchema = z.object({ tokenId: z.uuid() });

export async function revokeApiTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(revokeSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/api-tokens');
    await revokeApiToken(admin, parsed.data.tokenId);
    revalidatePath('/admin/api-tokens');
    return { ok: true, messageKey: 'admin.apiTokens.revoked' } as const;
  });
}
