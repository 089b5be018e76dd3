import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, localeFrom, type Locale } from './config';
import { messagesFor } from './catalogue';

/** The request's locale (lib/i18n/config.ts localeFrom: the switcher's cookie, else Accept-Language). */
export async function resolveLocale(): Promise<Locale> {
  return localeFrom((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: messagesFor(locale), timeZone: 'Asia/Shanghai' };
});
