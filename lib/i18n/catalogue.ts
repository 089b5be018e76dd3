/**
 * The message catalogue: one module per namespace under ./messages, each holding both locales side by side
 * so a key cannot be added to one language only (lib/i18n/catalogue.test.ts checks the key sets are equal).
 * Keys are nested objects; a message key such as `validation.resident_id.format` is a path into them.
 */
import type { Locale } from './config';
import common from './messages/common';
import validation from './messages/validation';
import portal from './messages/portal';
import staff from './messages/staff';
import workflow from './messages/workflow';
import admin from './messages/admin';
import report from './messages/report';
import audit from './messages/audit';
import templates from './messages/templates';
import signOff from './messages/sign-off';
import api from './messages/api';
import counter from './messages/counter';
import readingRoom from './messages/reading-room';
import reportPublication from './messages/report-publication';

export type Messages = { [key: string]: string | Messages };
export type NamespaceModule = Record<Locale, Messages>;

/** Add a namespace here after creating its module in ./messages. */
export const NAMESPACES: NamespaceModule[] = [common, validation, portal, staff, workflow, admin, report, audit, api, templates, counter, readingRoom, signOff, reportPublication];

function merge(target: Messages, source: Messages): Messages {
  for (const [k, v] of Object.entries(source)) {
    const existing = target[k];
    if (typeof v === 'object' && typeof existing === 'object') merge(existing, v);
    else if (existing !== undefined) throw new Error(`duplicate message key ${k}`);
    else target[k] = typeof v === 'object' ? merge({}, v) : v;
  }
  return target;
}

const cache = new Map<Locale, Messages>();
export function messagesFor(locale: Locale): Messages {
  let m = cache.get(locale);
  if (!m) {
    m = NAMESPACES.reduce<Messages>((acc, ns) => merge(acc, ns[locale]), {});
    cache.set(locale, m);
  }
  return m;
}

/** Flattened keys of a message tree (for tests). */
export function flatKeys(m: Messages, prefix = ''): string[] {
  return Object.entries(m).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatKeys(v, `${prefix}${k}.`)));
}
