// POST /api/staff/register-exports – start the XLSX export of the case register as filtered (body { query: the list's query string }); answers { id, total } at once
import { NextResponse } from 'next/server';
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { readJson, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { startRegisterExport } from '@/lib/cases/register-export';
import { isLocale } from '@/lib/i18n/config';
import { parseListQuery } from '@/app/(staff)/staff/cases/list-params';

const bodySchema = z.object({ query: z.string().max(4000) });

export const POST = withActor(STAFF_ROLES, async (req, { actor }) => {
  const { query } = bodySchema.parse(await readJson(req));
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const raw: Record<string, string[]> = {};
  for (const [k, v] of params) (raw[k] ??= []).push(v);
  // The same lenient parsing as the list page: the export is exactly the list on screen.
  const { filters, sort } = parseListQuery(raw);
  const locale = await getLocale();
  const job = await startRegisterExport(actor, { filters, sort, locale: isLocale(locale) ? locale : 'zh-CN' });
  // A worker of one of the app servers runs the queued job; the page polls GET /api/staff/register-exports/[id].
  return NextResponse.json(job, { status: 202 });
});
