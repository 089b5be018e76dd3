'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import type { Locale } from '@/lib/i18n/config';
import { LocaleChoice } from './locale-choice';

/**
 * Switches the UI language on every App Router page (the choice is kept in a cookie for a year; the page
 * refreshes in a transition). Labels come translated from the server header, so this needs no message
 * catalogue in the browser. The Pages Router's frames use components/locale-select.tsx.
 */
export function LanguageSwitcher({ locale, label, options }: { locale: Locale; label: string; options: { value: Locale; label: string }[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return <LocaleChoice locale={locale} label={label} options={options} pending={pending} onChoose={() => start(() => router.refresh())} />;
}
