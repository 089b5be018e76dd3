import type { GetServerSideProps } from 'next';
import { TrackForm } from '@/app/(public)/track/track-form';
import { PortalPage } from '@/components/portal/portal-page';
import { useTranslations } from '@/lib/i18n/lite-client';
import { portalPageProps, queryParam, type PortalPageProps } from '@/lib/portal/pages';
import { normalizeTrackingNo } from '@/lib/portal/tracking-no';

interface TrackPageProps extends PortalPageProps {
  /** The tracking number from the URL (it is not a secret); the code never comes in a URL. */
  trackingNo: string;
  /** A refusal's message key, when a browser without script posted the form (app/api/portal/track). */
  error: string | null;
}

/** A message key as the look-up route sends back: dotted words only, never free text. */
const MESSAGE_KEY = /^[a-z][A-Za-z]*(\.[A-Za-z_]+){1,4}$/;

/** Look-up without an account (Pages Router: lib/portal/pages.ts). */
export const getServerSideProps: GetServerSideProps<TrackPageProps> = async (ctx) => {
  const error = queryParam(ctx.query.error);
  return {
    props: {
      ...portalPageProps(ctx, 'track', 'portal.track.title'),
      // Control characters (a NUL byte…) are never part of a number: dropped, not echoed.
      trackingNo: normalizeTrackingNo(queryParam(ctx.query.trackingNo).replace(/[\u0000-\u001f\u007f]/g, '')),
      error: MESSAGE_KEY.test(error) ? error : null,
    },
  };
};

export default function TrackPage({ trackingNo, error, ...props }: TrackPageProps) {
  return (
    <PortalPage set="track" {...props}>
      <Track trackingNo={trackingNo} error={error} />
    </PortalPage>
  );
}

function Track({ trackingNo, error }: { trackingNo: string; error: string | null }) {
  const t = useTranslations('portal.track');
  return (
    <section className="card mx-auto max-w-lg" aria-labelledby="track-title">
      <h1 id="track-title" className="page-title">
        {t('title')}
      </h1>
      <p className="mb-4 leading-7 text-slate-700">{t('intro')}</p>
      {trackingNo && !error && (
        <p role="status" className="mb-4 rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-slate-900">
          {t('needCode', { trackingNo })}
        </p>
      )}
      <TrackForm trackingNo={trackingNo} initialError={error ?? undefined} />
      <p className="mt-4 text-sm text-slate-700">{t('grantNote')}</p>
      <p className="mt-2 text-sm text-slate-700">
        <a className="link" href="/signin?callbackUrl=%2Fmy">
          {t('signedInHint')}
        </a>
      </p>
    </section>
  );
}
