'use client';

import { LOCALES, type Locale } from '@/lib/i18n/config';
import { useTranslations } from '@/lib/i18n/lite-client';
import { LocaleChoice } from './locale-choice';

/**
 * The language switch of the Pages Router's pages (components/portal/portal-page.tsx,
 * components/staff/staff-page.tsx): the App Router's form (components/locale-choice.tsx) with its labels from
 * the page's lite message set.
 */
export function LocaleSelect({ locale }: { locale: Locale }) {
  const t = useTranslations();
  return (
    <LocaleChoice
      locale={locale}
      label={t('nav.language')}
      submitLabel={t('nav.languageSubmit')}
      options={LOCALES.map((l) => ({ value: l, label: t(`locale.${l}`) }))}
    />
  );
}
