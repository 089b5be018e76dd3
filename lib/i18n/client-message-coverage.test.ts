import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesFor, type Messages } from './catalogue';
import { CLIENT_MESSAGES, LITE_CLIENT_SETS, type ClientMessageSet } from './client-messages';
import { pickMessages } from './pick-messages';

/**
 * Per-page message subsets (issue 13) must not leave a client component without its texts: for every
 * `<ClientMessages set=…>` in app/ and every citizen page of the Pages Router (`<PortalPage set=…>` in
 * pages/, whose whole tree renders in the browser too), each client component rendered below it finds every literal key it
 * translates in the set, and every message key the server actions it calls return literally is in the set
 * too (an action's answer is translated in the browser). Keys thrown deeper in lib/ are covered by the
 * sets' shared error namespaces.
 */
const ROOT = process.cwd();
const APP = path.join(ROOT, 'app');
const PAGES = path.join(ROOT, 'pages');
const COMPONENTS = path.join(ROOT, 'components');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const read = (file: string) => fs.readFileSync(file, 'utf8');
const isClient = (src: string, file: string) => /^\s*['"]use client['"]/.test(src) || file.startsWith(PAGES + path.sep);
const isServerActions = (src: string) => /^\s*['"]use server['"]/.test(src);

/** Files imported by `file` (relative or `@/`, static or `import()`), resolved to .ts/.tsx paths that exist. */
function imports(file: string): string[] {
  const out: string[] = [];
  for (const m of read(file).matchAll(/(?:from |import\()'((?:\.{1,2}|@)\/[^']+)'/g)) {
    const spec = m[1];
    const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : path.resolve(path.dirname(file), spec);
    const found = ['.tsx', '.ts', '/index.tsx', '/index.ts'].map((ext) => base + ext).find((p) => fs.existsSync(p));
    if (found) out.push(found);
  }
  return out;
}

/**
 * The client components a provider wraps: what its roots render (a layout's roots are the files of its
 * folder, minus folders with a provider of their own; a page's root is the page), following the imports
 * of app/ and components/ files transitively (lib/ renders nothing) and keeping the client files.
 */
function clientFilesOf(roots: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  const renders = (f: string) => [APP, PAGES, COMPONENTS].some((dir) => f.startsWith(dir + path.sep));
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (isServerActions(read(f))) continue;
    for (const dep of imports(f)) if (renders(dep)) queue.push(dep);
  }
  return [...seen].filter((f) => isClient(read(f), f));
}

/** The server actions a client file calls: the imported functions' source in their 'use server' files. */
function actionSources(clientFile: string): { file: string; source: string }[] {
  const out: { file: string; source: string }[] = [];
  for (const m of read(clientFile).matchAll(/import\s*\{([^}]+)\}\s*from '((?:\.{1,2}|@)\/[^']+)'/g)) {
    const names = m[1].split(',').map((n) => n.replace(/^\s*type\s+/, '').split(/\s+as\s+/)[0].trim()).filter(Boolean);
    const spec = m[2];
    const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : path.resolve(path.dirname(clientFile), spec);
    const file = ['.ts', '.tsx'].map((e) => base + e).find((p) => fs.existsSync(p));
    if (!file || !isServerActions(read(file))) continue;
    const src = read(file);
    for (const name of names) {
      const start = src.search(new RegExp(`export (?:async )?(?:function|const) ${name}\\b`));
      if (start < 0) continue;
      const next = src.indexOf('\nexport ', start + 1);
      out.push({ file, source: src.slice(start, next < 0 ? undefined : next) });
    }
  }
  return out;
}

function lookup(messages: Messages, key: string): unknown {
  return key.split('.').reduce<unknown>((m, p) => (typeof m === 'object' && m !== null ? (m as Record<string, unknown>)[p] : undefined), messages);
}

/** Literal keys a client file translates, each with the namespaces it may be relative to. */
function clientKeys(src: string): { key: string; prefix: boolean; namespaces: string[] }[] {
  const namespaces = [...src.matchAll(/useTranslations\(\s*(?:'([^']*)')?\s*\)/g)].map((m) => m[1] ?? '');
  if (namespaces.length === 0) return [];
  const keys: { key: string; prefix: boolean; namespaces: string[] }[] = [];
  for (const m of src.matchAll(/\bt(?:\.has)?\(\s*'([^']+)'/g)) keys.push({ key: m[1], prefix: false, namespaces });
  // A template key (`report.exports.${format}`): its fixed part must name a group of messages.
  for (const m of src.matchAll(/\bt(?:\.has)?\(\s*`([^`$]+)\.\$\{/g)) keys.push({ key: m[1], prefix: true, namespaces });
  return keys;
}

interface Provider {
  file: string;
  set: ClientMessageSet;
  /** <LiteClientMessages> (the citizen translator) rather than <ClientMessages> (next-intl's). */
  lite: boolean;
  /** The files whose client imports it wraps. */
  roots: string[];
}

function providers(): Provider[] {
  const found = walk(APP).flatMap((file) => {
    const m = read(file).match(/<(Lite)?ClientMessages set="(\w+)">/);
    return m ? [{ file, set: m[2] as ClientMessageSet, lite: m[1] === 'Lite' }] : [];
  });
  // The citizen and staff pages of the Pages Router: the lite translator, the page's set
  // (components/portal/portal-page.tsx, components/staff/staff-page.tsx).
  for (const file of fs.existsSync(PAGES) ? walk(PAGES) : []) {
    const m = read(file).match(/<(?:PortalPage|StaffPage) set="(\w+)"/);
    if (m) found.push({ file, set: m[1] as ClientMessageSet, lite: true });
  }
  const layoutDirs = found.filter((p) => path.basename(p.file) === 'layout.tsx').map((p) => path.dirname(p.file));
  return found.map((p) => {
    if (path.basename(p.file) !== 'layout.tsx') return { ...p, roots: [p.file] };
    const dir = path.dirname(p.file);
    const nested = layoutDirs.filter((d) => d !== dir && d.startsWith(dir + path.sep));
    return { ...p, roots: walk(dir).filter((f) => !nested.some((d) => f.startsWith(d + path.sep))) };
  });
}

describe('client message sets cover what their client components use', () => {
  const all = messagesFor('zh-CN');
  it('keeps next-intl’s client provider out of the citizen pages (importing it ships use-intl)', () => {
    const lite = providers().filter((p) => p.lite);
    expect(lite.length).toBeGreaterThanOrEqual(3);
    for (const p of lite) {
      const rendered = new Set<string>();
      const queue = [...p.roots];
      while (queue.length) {
        const f = queue.pop()!;
        if (rendered.has(f) || isServerActions(read(f))) continue;
        rendered.add(f);
        queue.push(...imports(f).filter((d) => [APP, PAGES, COMPONENTS].some((dir) => d.startsWith(dir))));
      }
      expect([...rendered].filter((f) => /from 'next-intl'/.test(read(f))).map((f) => path.relative(ROOT, f)), path.relative(ROOT, p.file)).toEqual([]);
    }
  });

  it('finds the providers of the citizen, staff and admin areas', () => {
    const sets = new Set(providers().map((l) => l.set));
    for (const s of ['home', 'apply', 'track', 'portalCase', 'auth', 'staffDashboard', 'staffList', 'staffCase', 'adminReports', 'adminUsers'] as const) expect(sets.has(s), s).toBe(true);
  });

  it.each(providers().map((p) => [path.relative(ROOT, p.file), p] as const))('%s', (_, { roots, set }) => {
    const picked = pickMessages(all, CLIENT_MESSAGES[set]);
    const missing: string[] = [];
    const files = clientFilesOf(roots);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const { key, prefix, namespaces } of clientKeys(read(file))) {
        const ok = namespaces.some((ns) => {
          const full = ns ? `${ns}.${key}` : key;
          const found = lookup(picked, full);
          // Keys that name nothing in the whole catalogue are not message keys (e.g. a `t` variable's argument).
          return prefix ? typeof found === 'object' || lookup(all, full) === undefined : found !== undefined || lookup(all, full) === undefined;
        });
        if (!ok) missing.push(`${path.relative(ROOT, file)}: ${key}`);
      }
    }
    // The server actions those components call: every literal that is a message key reaches the browser as one.
    for (const { file, source } of files.flatMap(actionSources)) {
      for (const m of source.matchAll(/'([a-z][A-Za-z]*\.[\w.]+)'/g)) {
        if (typeof lookup(all, m[1]) === 'string' && lookup(picked, m[1]) === undefined) missing.push(`${path.relative(ROOT, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(providers().map((p) => [path.relative(ROOT, p.file), p] as const))('%s: its components use the translator its provider gives', (_, { roots, set, lite }) => {
    expect(lite, `${set} is ${lite ? '' : 'not '}a lite set`).toBe((LITE_CLIENT_SETS as readonly string[]).includes(set));
    // A component calling the other library's hook would throw in the browser (no provider of that kind).
    const wrong = clientFilesOf(roots).filter((f) => (lite ? /from 'next-intl'/ : /from '@\/lib\/i18n\/lite-client'/).test(read(f)));
    expect(wrong.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
