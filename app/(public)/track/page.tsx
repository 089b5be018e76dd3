import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { normalizeTrackingNo } from '@/lib/portal/tracking-no';
import { LiteClientMessages } from '@/components/lite-client-messages';
import { TrackForm } from './track-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('portal.track');
  return { title: t('title') };
}

/** Look-up without an account. The tracking number may come in the URL (it is not a secret); the code never does. */
export default async function TrackPage({ searchParams }: { searchParams: Promise<{ trackingNo?: string }> }) {
  const t = await getTranslations('portal.track');
  const { trackingNo } = await searchParams;
  const prefilled = trackingNo ? normalizeTrackingNo(trackingNo) : '';
  return (
    <section className="card mx-auto max-w-lg" aria-labelledby="track-title">
      <h1 id="track-title" className="page-title">
        {t('title')}
      </h1>
      <p className="mb-4 leading-7 text-slate-700">{t('intro')}</p>
      {prefilled && (
        <p role="status" className="mb-4 rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-slate-900">
          {t('needCode', { trackingNo: prefilled })}
        </p>
      )}
      <LiteClientMessages set="track">
        <TrackForm trackingNo={prefilled} />
      </LiteClientMessages>
      <p className="mt-4 text-sm text-slate-700">{t('grantNote')}</p>
      <p className="mt-2 text-sm text-slate-700">
        <Link className="link" href="/signin?callbackUrl=%2Fmy">
          {t('signedInHint')}
        </Link>
      </p>
    </section>
  );
}
