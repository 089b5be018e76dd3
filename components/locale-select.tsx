'use client';

import { useState } from 'react';
import { LOCALES, type Locale } from '@/lib/i18n/config';
import { useTranslations } from '@/lib/i18n/lite-client';
import { LocaleChoice } from './locale-choice';

/**
 * The language switch for the Pages Router's pages (components/portal/portal-page.tsx,
 * components/staff/staff-page.tsx): the same select as the App Router's (components/locale-choice.tsx), with
 * its labels from the page's lite message set; the page loads again in the other language (its texts come
 * from the server).
 */
export function LocaleSelect({ locale }: { locale: Locale }) {
  const t = useTranslations();
  const [pending, setPending] = useState(false);
  const options = LOCALES.map((l) => ({ value: l, label: t(`locale.${l}`) }));
  return (
    <LocaleChoice
      locale={locale}
      label={t('nav.language')}
      options={options}
      pending={pending}
      onChoose={() => {
        setPending(true);
        window.location.reload();
      }}
    />
  );
}
