import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { loadPortalCase } from '@/lib/portal/portal-case';
import { CaseView } from '../../track/_components/case-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('portal.my');
  return { title: t('title') };
}

/** One of the signed-in applicant's own cases; anybody else's id is "not found" (404), like a missing one. */
export default async function MyCasePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { id } = await params;
  const actor = await requireRole(['applicant'], `/my/${id}`);
  const found = await loadPortalCase(id);
  if (!found || found.access.kind !== 'account' || found.access.actor.id !== actor.id) notFound();
  return <CaseView view={found.view} access={found.access} notice={(await searchParams).done} />;
}
