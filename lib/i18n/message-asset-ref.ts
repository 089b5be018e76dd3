import type { Messages } from './catalogue';
import type { Locale } from './config';
import type { PortalPageMessageSet, StaffPageMessageSet } from './client-messages';

/**
 * The message sets of the Pages Router's pages as cached assets (issue 13 item 6; docs/decisions.md "message
 * sets as assets"): each page's client message set — a pure function of (set, locale) and the build — is served
 * as a small immutable script, /i18n/<set>.<locale>.<hash>.js (lib/i18n/message-assets.ts builds it,
 * app/i18n/[file]/route.ts serves it), which assigns the messages to a global before Next's hydration scripts
 * run (pages/_document.tsx writes its <script> before theirs). The page's props carry only a MessageSetRef: the
 * set, the locale and the asset's hash. This module is the part the browser needs: no catalogue, no hashing.
 */

/** The message sets of the Pages Router's pages. */
export type PageMessageSet = PortalPageMessageSet | StaffPageMessageSet;

/**
 * The sets served as assets: the staff pages' (a staff member's browser loads them all day, the asset once)
 * and the home page's (0.7 KB gzip).
 */
export const ASSET_MESSAGE_SETS = ['home', 'staffDashboard', 'staffList'] as const satisfies readonly PageMessageSet[];
export type AssetMessageSet = (typeof ASSET_MESSAGE_SETS)[number];

/**
 * The sets that stay in their documents' props: /apply's and /track's. Issue 13 item 2 caps their first
 * load at 120 KB gzip of JavaScript (e2e/citizen/page-weight.spec.ts); as a script their sets (6.0 and 4.4
 * KB gzip) would take /apply to ~125 KB and /track to the limit, and a citizen mostly loads them once, when
 * a cached asset gains nothing (docs/decisions.md "message sets as assets").
 */
export const INLINE_MESSAGE_SETS = ['apply', 'track'] as const satisfies readonly Exclude<PageMessageSet, AssetMessageSet>[];

/** The assets' path prefix (lib/security/request-security.ts renews no session cookie on these shared, cached answers). */
export const MESSAGE_ASSET_PREFIX = '/i18n/';

/** The global the assets assign to: set.locale → messages. */
export const MESSAGES_GLOBAL = '__gongkaiMessages';

/**
 * A page's message set as its props carry it: which set, in which locale, and for an asset set the hash of
 * its asset. For an asset set the same object holds the messages on the server only, as a non-enumerable
 * property: the server render reads them, the JSON Next writes into __NEXT_DATA__ (JSON.stringify: enumerable
 * properties only) does not carry them (the approach of lib/staff-pages/document-only.ts). For an inline
 * set (INLINE_MESSAGE_SETS) `messages` is an ordinary property: in the JSON, no hash, no asset.
 */
export interface MessageSetRef {
  readonly set: PageMessageSet;
  readonly locale: Locale;
  /** The asset's hash (asset sets only). */
  readonly hash?: string;
  /** The messages: on the server (non-enumerable) for an asset set, everywhere for an inline set. */
  readonly messages?: Messages;
}

export function messageAssetKey(set: string, locale: string): string {
  return `${set}.${locale}`;
}

/** The asset's URL path (a content-hashed name: cached for a year, immutable). */
export function messageAssetSrc(ref: { set: string; locale: string; hash: string }): string {
  return `${MESSAGE_ASSET_PREFIX}${messageAssetKey(ref.set, ref.locale)}.${ref.hash}.js`;
}

const EMPTY: Messages = Object.freeze({});

/**
 * The messages of a page's set: from the ref itself (the server; an inline set), in the browser from the
 * global its asset assigned. Should the asset not have run (a failed load), the page reloads once per asset, so that hydration
 * does not replace every text by its key; if it still is missing, the keys show (as next-intl shows a missing
 * message).
 */
export function refMessages(ref: MessageSetRef): Messages {
  if (ref.messages) return ref.messages;
  const loaded = (globalThis as { [MESSAGES_GLOBAL]?: Record<string, Messages> })[MESSAGES_GLOBAL]?.[messageAssetKey(ref.set, ref.locale)];
  if (loaded) return loaded;
  if (typeof window !== 'undefined' && ref.hash) {
    const flag = `gongkai.messages.reloaded.${ref.hash}`;
    try {
      if (!window.sessionStorage.getItem(flag)) {
        window.sessionStorage.setItem(flag, '1');
        window.location.reload();
      }
    } catch {
      // No session storage (private mode, disabled): no reload, the keys show.
    }
  }
  return EMPTY;
}
