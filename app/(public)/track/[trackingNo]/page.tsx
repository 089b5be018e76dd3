import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { caseIdForTrackingNo, loadPortalCase } from '@/lib/portal/portal-case';
import { normalizeTrackingNo } from '@/lib/portal/tracking-no';
import { CaseView } from '../_components/case-view';

export async function generateMetadata({ params }: { params: Promise<{ trackingNo: string }> }): Promise<Metadata> {
  const t = await getTranslations('portal.case');
  return { title: t('title', { trackingNo: normalizeTrackingNo(decodeURIComponent((await params).trackingNo)) }) };
}

/**
 * A case by tracking number, for a browser holding a tracking grant (or the signed-in owner). Without
 * one — whether or not the number exists — back to the look-up form with the number filled in.
 */
export default async function TrackedCasePage({
  params,
  searchParams,
}: {
  params: Promise<{ trackingNo: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const trackingNo = normalizeTrackingNo(decodeURIComponent((await params).trackingNo));
  const caseId = await caseIdForTrackingNo(trackingNo);
  const found = caseId ? await loadPortalCase(caseId) : null;
  if (!found) redirect(`/track?trackingNo=${encodeURIComponent(trackingNo)}`);
  return <CaseView view={found.view} access={found.access} notice={(await searchParams).done} />;
}
