/**
 * A small ICU message formatter for the citizen pages' client components (issue 13: citizen first-load
 * JS). next-intl's client translator brings use-intl and intl-messageformat (~12 KB gzip) to every page
 * that translates in the browser; the portal's messages use only what this file implements, and a unit
 * test (lite-format.test.ts) checks that it formats every message of the citizen sets exactly as
 * next-intl does, in both locales. The annual report page formats its ~160 drill-down labels with it too
 * (one parse instead of one next-intl call per cell).
 *
 * Supported: `{name}` (strings and numbers as `String(value)`, as intl-messageformat does),
 * `{n, plural, =0 {…} one {…} other {…}}` with `#` (the number, locale-formatted), `{x, select, a {…} other {…}}`,
 * `{n, number}`, and ICU apostrophe quoting (`''` is `'`; `'{…}'` is literal text).
 * A message that cannot be formatted (syntax outside this subset, a missing value) yields null; the caller
 * falls back like next-intl (the key).
 */

export type MessageValues = Record<string, string | number | boolean | null | undefined | Date>;

type Node =
  | string
  | { kind: 'arg'; name: string; format?: 'number' }
  | { kind: 'pound' }
  | { kind: 'plural' | 'select'; name: string; options: Map<string, Node[]> };

class Unsupported extends Error {}

function parse(src: string): Node[] {
  let i = 0;

  function message(inPlural: boolean, nested: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push(text);
      text = '';
    };
    while (i < src.length) {
      const c = src[i];
      if (c === "'") {
        const next = src[i + 1];
        if (next === "'") {
          text += "'";
          i += 2;
        } else if (next === '{' || next === '}' || (inPlural && next === '#') || next === '|') {
          // Quoted literal text up to the next single apostrophe ('' inside stays one apostrophe).
          i++;
          while (i < src.length) {
            if (src[i] === "'" && src[i + 1] === "'") {
              text += "'";
              i += 2;
            } else if (src[i] === "'") {
              i++;
              break;
            } else text += src[i++];
          }
        } else {
          text += c;
          i++;
        }
      } else if (c === '{') {
        flush();
        i++;
        out.push(argument());
      } else if (c === '}') {
        if (!nested) throw new Unsupported('unbalanced }');
        break;
      } else if (c === '#' && inPlural) {
        flush();
        out.push({ kind: 'pound' });
        i++;
      } else {
        text += c;
        i++;
      }
    }
    flush();
    return out;
  }

  function skipSpace() {
    while (i < src.length && /\s/.test(src[i])) i++;
  }

  function word(): string {
    skipSpace();
    const start = i;
    while (i < src.length && !/[\s,{}]/.test(src[i])) i++;
    if (i === start) throw new Unsupported('expected a name');
    return src.slice(start, i);
  }

  function expect(ch: string) {
    skipSpace();
    if (src[i] !== ch) throw new Unsupported(`expected ${ch}`);
    i++;
  }

  function argument(): Node {
    const name = word();
    skipSpace();
    if (src[i] === '}') {
      i++;
      return { kind: 'arg', name };
    }
    expect(',');
    const type = word();
    skipSpace();
    if (type === 'number' && src[i] === '}') {
      i++;
      return { kind: 'arg', name, format: 'number' };
    }
    if (type !== 'plural' && type !== 'select') throw new Unsupported(type);
    expect(',');
    const options = new Map<string, Node[]>();
    for (;;) {
      skipSpace();
      if (src[i] === '}') {
        i++;
        break;
      }
      const selector = word();
      if (type === 'plural' && selector.startsWith('offset:')) throw new Unsupported('offset');
      expect('{');
      options.set(selector, message(type === 'plural', true));
      expect('}');
    }
    if (!options.has('other')) throw new Unsupported('no other');
    return { kind: type, name, options };
  }

  const nodes = message(false, false);
  if (i < src.length) throw new Unsupported('trailing input');
  return nodes;
}

const parsed = new Map<string, Node[] | null>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function numberFormat(locale: string): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f;
}

function plurals(locale: string): Intl.PluralRules {
  let r = pluralRules.get(locale);
  if (!r) pluralRules.set(locale, (r = new Intl.PluralRules(locale)));
  return r;
}

class MissingValue extends Error {}

function render(nodes: Node[], values: MessageValues, locale: string, count: number | null): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') out += n;
    else if (n.kind === 'pound') out += count === null ? '#' : numberFormat(locale).format(count);
    else {
      if (!(n.name in values)) throw new MissingValue(n.name);
      const v = values[n.name];
      if (n.kind === 'arg') {
        if (n.format === 'number' && typeof v === 'number') out += numberFormat(locale).format(v);
        else out += typeof v === 'string' || typeof v === 'number' ? String(v) : '';
      } else if (n.kind === 'plural') {
        const num = Number(v);
        const exact = n.options.get(`=${num}`);
        const chosen = exact ?? n.options.get(plurals(locale).select(num)) ?? n.options.get('other')!;
        out += render(chosen, values, locale, num);
      } else {
        out += render(n.options.get(String(v)) ?? n.options.get('other')!, values, locale, count);
      }
    }
  }
  return out;
}

/** The message formatted with its values, or null when it uses syntax outside the subset or lacks a value. */
export function formatMessage(message: string, values: MessageValues | undefined, locale: string): string | null {
  let nodes = parsed.get(message);
  if (nodes === undefined) {
    try {
      nodes = parse(message);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      nodes = null;
    }
    parsed.set(message, nodes);
  }
  if (nodes === null) return null;
  try {
    return render(nodes, values ?? {}, locale, null);
  } catch (e) {
    if (e instanceof MissingValue) return null;
    throw e;
  }
}

/** The message at a dotted key of a nested catalogue subset, or undefined. */
export function messageAt(messages: unknown, key: string): string | undefined {
  let m: unknown = messages;
  for (const p of key.split('.')) m = typeof m === 'object' && m !== null ? (m as Record<string, unknown>)[p] : undefined;
  return typeof m === 'string' ? m : undefined;
}
