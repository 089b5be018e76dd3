import { createHash } from 'node:crypto';
import { messagesFor, type Messages } from './catalogue';
import { CLIENT_MESSAGES } from './client-messages';
import { isLocale, type Locale } from './config';
import { ASSET_MESSAGE_SETS, MESSAGES_GLOBAL, messageAssetKey, type AssetMessageSet, type MessageSetRef, type PageMessageSet } from './message-asset-ref';
import { pickMessages } from './pick-messages';

/**
 * The server side of the message-set assets (lib/i18n/message-asset-ref.ts): each asset's script, its content
 * hash and the ref the pages' props carry, built once per process from the catalogue (static: the build's).
 * Every server process computes the same hash for the same catalogue, so a document rendered by one worker
 * names an asset any other serves.
 */
export interface MessageAsset {
  ref: MessageSetRef & { readonly hash: string };
  /** The script: assigns the set's messages to the global under "set.locale". */
  body: string;
}

/** Long-lived: the name changes with the content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * A well-formed name with a hash that is not the current one (a document of the previous deploy, or of
 * another server during a rolling one): the current set, not to be cached under that name.
 */
export const STALE = 'no-cache';

/** The asset of a set's messages (pure: the hash is the first 16 hex digits of the script's SHA-256). */
export function buildMessageAsset(set: AssetMessageSet, locale: Locale, messages: Messages): MessageAsset {
  // JSON.parse of a string literal: V8 parses it faster than the same object literal.
  const body = `(self.${MESSAGES_GLOBAL}=self.${MESSAGES_GLOBAL}||{})[${JSON.stringify(messageAssetKey(set, locale))}]=JSON.parse(${JSON.stringify(JSON.stringify(messages))});\n`;
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const ref = { set, locale, hash };
  // The messages for the server's render only: not enumerable, so not in the document's JSON.
  Object.defineProperty(ref, 'messages', { value: messages, enumerable: false });
  return { ref: Object.freeze(ref), body };
}

function deepFreeze(m: Messages): Messages {
  for (const v of Object.values(m)) if (typeof v === 'object') deepFreeze(v);
  return Object.freeze(m);
}

const built = new Map<string, MessageAsset>();
const picked = new Map<string, Messages>();

/**
 * A set's messages in a locale, picked from the catalogue once per process: a copy (pickMessages hands out the
 * catalogue's own subtrees, which other code reads), frozen, as every request shares it.
 */
function pickedSet(set: PageMessageSet, locale: Locale): Messages {
  const key = messageAssetKey(set, locale);
  let m = picked.get(key);
  if (!m) {
    m = deepFreeze(structuredClone(pickMessages(messagesFor(locale), CLIENT_MESSAGES[set])));
    picked.set(key, m);
  }
  return m;
}

/** The asset of a page's set in a locale, from the catalogue; built once per process. */
export function messageAsset(set: AssetMessageSet, locale: Locale): MessageAsset {
  const key = messageAssetKey(set, locale);
  let asset = built.get(key);
  if (!asset) {
    asset = buildMessageAsset(set, locale, pickedSet(set, locale));
    built.set(key, asset);
  }
  return asset;
}

const isAssetSet = (set: string): set is AssetMessageSet => (ASSET_MESSAGE_SETS as readonly string[]).includes(set);
const inlineRefs = new Map<string, MessageSetRef>();

/**
 * What a page's props carry for its set (lib/portal/pages.ts, lib/staff-pages/server.ts): an asset set's
 * ref (name and hash; the messages for the server only), or an inline set's with its messages.
 */
export function messageSetRef(set: PageMessageSet, locale: Locale): MessageSetRef {
  if (isAssetSet(set)) return messageAsset(set, locale).ref;
  const key = messageAssetKey(set, locale);
  let ref = inlineRefs.get(key);
  if (!ref) {
    ref = Object.freeze({ set, locale, messages: pickedSet(set, locale) });
    inlineRefs.set(key, ref);
  }
  return ref;
}

const NAME = /^([A-Za-z]+)\.([A-Za-z-]+)\.([0-9a-f]{16})\.js$/;

/**
 * The answer for /i18n/<file>: the asset with a year's immutable caching; for a well-formed name whose hash is
 * not the current one, the current set, revalidated on every use (STALE); null (404) for anything else —
 * an unknown set or locale, a malformed hash, NUL bytes, long names.
 */
export function lookUpMessageAsset(file: string): { body: string; cacheControl: string } | null {
  if (file.length > 64) return null;
  const m = NAME.exec(file);
  if (!m) return null;
  const [, set, locale, hash] = m;
  if (!isAssetSet(set!) || !isLocale(locale)) return null;
  const asset = messageAsset(set, locale);
  return { body: asset.body, cacheControl: asset.ref.hash === hash ? IMMUTABLE : STALE };
}
