'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { signInWithCredentials } from '@/lib/auth/client-auth';

/** Posts to next-auth's credentials endpoint (with its CSRF token); shows failure and throttling. */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('auth');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        const form = new FormData(e.currentTarget);
        const res = await signInWithCredentials({
          identifier: String(form.get('identifier') ?? ''),
          password: String(form.get('password') ?? ''),
          callbackUrl,
        }).catch(() => ({ error: 'network' }));
        if (!res.error) {
          window.location.assign(callbackUrl);
          return;
        }
        setPending(false);
        setError(res.error === 'throttled' ? t('throttled') : t('failed'));
      }}
    >
      <div>
        <label className="field-label" htmlFor="identifier">
          {t('identifier')}
        </label>
        <input id="identifier" name="identifier" className="field-input" autoComplete="username" required />
      </div>
      <div>
        <label className="field-label" htmlFor="password">
          {t('password')}
        </label>
        <input id="password" name="password" type="password" className="field-input" autoComplete="current-password" required />
      </div>
      {error && (
        <p role="alert" className="field-error" data-testid="signin-error">
          {error}
        </p>
      )}
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
