'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ActionMessage, FieldErrors } from '../_components/action-message';
import { publishReportAction, unpublishReportAction } from './actions';

export interface PublishPanelProps {
  year: number;
  org: string;
  /** The scope shown on the page (含下级机关 when the organisation has any below it). */
  subtree: boolean;
  latestVersion: number;
  /** Dates already formatted on the server (no locale formatting in the browser: no hydration mismatch). */
  latest: { version: number; subtree: boolean; publishedAt: string; withdrawnAt: string | null; withdrawnReason: string | null; isUnderCurrentLock: boolean } | null;
  isLocked: boolean;
  isYearOver: boolean;
  isRetired: boolean;
  publicPath: string;
}

/**
 * Publish the locked report as it stands on the page (its scope), withdraw it with a reason, and the state:
 * not published / published (version, date) / withdrawn; unlocked or relocked since publication.
 */
export function PublishPanel(props: PublishPanelProps) {
  const t = useTranslations();
  const [publishState, publishAction, publishing] = useActionState(publishReportAction, null);
  const [unpublishState, unpublishAction, unpublishing] = useActionState(unpublishReportAction, null);
  const { latest, year } = props;
  const isLive = latest !== null && latest.withdrawnAt === null;
  const scopeText = (subtree: boolean) => t(subtree ? 'report.page.scopeSubtree' : 'report.page.scopeOwn');
  const canPublish = props.isLocked && props.isYearOver && !props.isRetired && !(isLive && latest.isUnderCurrentLock && latest.subtree === props.subtree);
  const errors = unpublishState && !unpublishState.ok ? unpublishState.fieldErrors : undefined;

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">{t('report.publication.help')}</p>
      <p className="text-sm" data-testid="publication-state">
        {latest === null && t('report.publication.stateNone', { year })}
        {isLive && t('report.publication.stateLive', { date: latest.publishedAt, version: latest.version, scope: scopeText(latest.subtree) })}
        {latest !== null && latest.withdrawnAt !== null && t('report.publication.stateWithdrawn', { version: latest.version, date: latest.withdrawnAt, reason: latest.withdrawnReason ?? '' })}
      </p>
      {isLive && !latest.isUnderCurrentLock && (
        <p className="text-sm text-amber-900">{props.isLocked ? t('report.publication.stateRelocked') : t('report.publication.stateUnlocked')}</p>
      )}
      {isLive && (
        <p>
          <a className="link text-sm" href={props.publicPath} data-testid="publication-link">
            {t('report.publication.viewPublic')}
          </a>
        </p>
      )}
      {!props.isYearOver ? (
        <p className="text-sm text-slate-700">{t('report.publication.yearNotOverHelp', { year })}</p>
      ) : props.isRetired ? (
        <p className="text-sm text-slate-700">{t('report.publication.retiredHelp')}</p>
      ) : !props.isLocked ? (
        <p className="text-sm text-slate-700" data-testid="publication-needs-lock">{t('report.publication.needsLock', { year })}</p>
      ) : canPublish ? (
        <form action={publishAction} className="space-y-2">
          <input type="hidden" name="year" value={year} />
          <input type="hidden" name="org" value={props.org} />
          <input type="hidden" name="subtree" value={props.subtree ? '1' : '0'} />
          <input type="hidden" name="expectedVersion" value={props.latestVersion} />
          <p className="text-sm text-slate-700">{t(props.subtree ? 'report.publication.scopeSubtree' : 'report.publication.scopeOwn')}</p>
          <button type="submit" className="btn-primary" disabled={publishing} data-testid="publish-report">
            {isLive ? t('report.publication.republish') : t('report.publication.publish', { year })}
          </button>
        </form>
      ) : null}
      <ActionMessage state={publishState} />
      {isLive && (
        <form action={unpublishAction} className="space-y-2 border-t border-slate-200 pt-3" noValidate>
          <input type="hidden" name="year" value={year} />
          <input type="hidden" name="org" value={props.org} />
          <input type="hidden" name="version" value={latest.version} />
          <label className="field-label" htmlFor="unpublish-reason">
            {t('report.publication.reason')}
          </label>
          <textarea
            id="unpublish-reason"
            name="reason"
            rows={2}
            maxLength={1000}
            className="field-input"
            required
            defaultValue={unpublishState && !unpublishState.ok ? unpublishState.values?.reason : undefined}
            aria-invalid={errors?.reason ? true : undefined}
            aria-describedby={errors?.reason ? 'unpublish-reason-error' : 'unpublish-reason-hint'}
          />
          <p id="unpublish-reason-hint" className="text-xs text-slate-600">
            {t('report.publication.reasonHint')}
          </p>
          <FieldErrors id="unpublish-reason-error" errors={errors?.reason} />
          <button type="submit" className="btn-danger" disabled={unpublishing} data-testid="unpublish-report">
            {t('report.publication.unpublish')}
          </button>
          <ActionMessage state={unpublishState && (unpublishState.ok || !unpublishState.fieldErrors) ? unpublishState : null} />
        </form>
      )}
    </div>
  );
}
