import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import { FIRST_SUPPORTED_REPORT_YEAR } from '@/lib/statistics/layouts';
import type { Translate } from './report-tables';

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** Today in China (YYYY-MM-DD). */
export function chinaToday(): string {
  return CHINA_DAY.format(new Date());
}

/** A finished report year from a query value (FIRST_SUPPORTED_REPORT_YEAR … this year), else last year. */
export function reportYearParam(raw: string | undefined, today: string): number {
  const currentYear = Number(today.slice(0, 4));
  const requested = Number(raw);
  return Number.isInteger(requested) && requested >= FIRST_SUPPORTED_REPORT_YEAR && requested <= currentYear ? requested : currentYear - 1;
}

/** Translations of official labels for the English UI; null in Chinese (the official label is shown alone). */
export async function labelTranslator(): Promise<Translate> {
  const locale = await getLocale();
  if (locale === 'zh-CN') return () => null;
  const t = await getTranslations();
  return (key: string) => (t.has(key) ? t(key) : null);
}

/** Query string of a report scope. */
export function scopeQuery(scope: { year: number; org: string; subtree: boolean }, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ year: String(scope.year), org: scope.org, subtree: scope.subtree ? '1' : '0', ...extra }).toString();
}
