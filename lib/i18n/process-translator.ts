/**
 * A translator per locale that lives as long as the process, for server components that translate much on
 * every view (the staff case page: its request, deadline explanation, records, documents and timeline).
 *
 * next-intl's `getTranslations` builds its translator, and parses each ICU message it formats, once per
 * request. The catalogue is the same for every request of a locale (lib/i18n/catalogue.ts), so here the
 * parsed messages and Intl formatters are kept for the process: what is cached is the catalogue's messages
 * and number/date formats, never anything of a user or a case (the values are applied on every call).
 * `has` looks the key up instead of catching the lookup's exception (the timeline asks for many keys that
 * do not exist, e.g. an event fact without a label).
 */
import 'server-only';
import { createTranslator } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { messagesFor, type Messages } from './catalogue';
import { DEFAULT_LOCALE, isLocale, type Locale } from './config';

/** Message values as the catalogue's ICU messages take them. */
export type TranslateValues = Record<string, string | number | Date>;

export interface ProcessTranslate {
  (key: string, values?: TranslateValues): string;
  /** Whether the key names a message or a group of messages (as next-intl's `has`). */
  has(key: string): boolean;
  /** The locale it translates into. */
  readonly locale: Locale;
}

/** What a dotted key names: a message, a group of messages, or undefined (no exception for a missing key). */
export function lookupMessage(messages: Messages, key: string): string | Messages | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/**
 * A message that is only text and simple `{name}` arguments: no apostrophe escapes, tags, plural, select or
 * number/date formats. intl-messageformat formats such an argument given a string or number as `String(value)`;
 * with a cached parse, next-intl still spends ~10 µs a call on it (its cache key, the formatter, the parts),
 * and the case page formats a hundred. Anything else (or another kind of value) takes next-intl's path.
 */
const SIMPLE_MESSAGE = /^(?:[^{}<>']|\{\s*[A-Za-z_]\w*\s*\})*$/;
const ARGUMENT = /\{\s*([A-Za-z_]\w*)\s*\}/;

/** A simple message split at its arguments: texts[0] names[0] texts[1] … texts[n]. */
export interface MessageTemplate {
  texts: string[];
  names: string[];
}

export function simpleTemplate(message: string): MessageTemplate | null {
  if (!SIMPLE_MESSAGE.test(message)) return null;
  const parts = message.split(ARGUMENT);
  return { texts: parts.filter((_, i) => i % 2 === 0), names: parts.filter((_, i) => i % 2 === 1) };
}

/** The template filled in, or undefined when a value is missing or neither a string nor a number. */
export function fillTemplate(template: MessageTemplate, values: TranslateValues): string | undefined {
  let out = template.texts[0];
  for (let i = 0; i < template.names.length; i++) {
    const value = values[template.names[i]];
    if (typeof value === 'string') out += value;
    else if (typeof value === 'number') out += String(value);
    else return undefined;
    out += template.texts[i + 1];
  }
  return out;
}

const translators = new Map<Locale, ProcessTranslate>();

/** The process's translator of a locale (the same time zone as lib/i18n/request.ts). */
export function processTranslator(locale: Locale): ProcessTranslate {
  let t = translators.get(locale);
  if (!t) {
    const messages = messagesFor(locale);
    const translate = createTranslator({ locale, messages, timeZone: 'Asia/Shanghai' });
    // Templates of the catalogue's simple messages, by key (null: not simple); only keys that name a message.
    const templates = new Map<string, MessageTemplate | null>();
    const fn = ((key: string, values?: TranslateValues) => {
      if (values) {
        let template = templates.get(key);
        if (template === undefined) {
          const message = lookupMessage(messages, key);
          if (typeof message === 'string') templates.set(key, (template = simpleTemplate(message)));
        }
        const out = template ? fillTemplate(template, values) : undefined;
        if (out !== undefined) return out;
      }
      return translate(key as never, values as never);
    }) as ProcessTranslate;
    fn.has = (key: string) => lookupMessage(messages, key) !== undefined;
    Object.defineProperty(fn, 'locale', { value: locale, enumerable: true });
    t = fn;
    translators.set(locale, t);
  }
  return t;
}

/** The request's locale's process translator (the locale as next-intl resolved it for this request). */
export async function getProcessTranslations(): Promise<ProcessTranslate> {
  const locale = await getLocale();
  return processTranslator(isLocale(locale) ? locale : DEFAULT_LOCALE);
}
