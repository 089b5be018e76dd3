import type { Messages } from './catalogue';

/**
 * The part of a message tree under the given dotted keys (`'portal.apply'`, `'errors'`), with the same
 * nesting, so `t('portal.apply.title')` still resolves. A key that names no message is ignored. Used to hand
 * client components only the messages they use instead of the whole catalogue (issue 13).
 */
export function pickMessages(all: Messages, keys: readonly string[]): Messages {
  const out: Messages = {};
  for (const key of keys) {
    const parts = key.split('.');
    let source: Messages | string | undefined = all;
    for (const p of parts) source = typeof source === 'object' ? source[p] : undefined;
    if (source === undefined) continue;
    let target = out;
    for (const p of parts.slice(0, -1)) {
      const next = target[p];
      if (typeof next !== 'object') target[p] = {};
      target = target[p] as Messages;
    }
    target[parts[parts.length - 1]] = source;
  }
  return out;
}
