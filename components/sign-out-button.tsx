'use client';

import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';

export function SignOutButton() {
  const t = useTranslations('nav');
  return (
    <button type="button" className="text-sm underline underline-offset-2" onClick={() => signOut({ callbackUrl: '/' })}>
      {t('signOut')}
    </button>
  );
}
