#!/usr/bin/env node
/**
 * Reads a V8 .cpuprofile (e.g. from `npm run bench -- --cpu-prof DIR`) and prints where the busy time of the
 * busiest window went: self time by package and function, inclusive time by function (each function counted
 * once per sample), and inclusive time of a few named areas of a signed-in page.
 *
 *   node scripts/prof-summary.mjs FILE.cpuprofile [--from S --to S] [--requests N] [--filter REGEX] [--top N]
 *
 * Without --from/--to the window is the longest run of seconds busier than half the busiest second (the
 * measurement, not the server's start). --requests N divides the busy time by N (CPU per request).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string' }, to: { type: 'string' }, requests: { type: 'string' }, filter: { type: 'string' }, top: { type: 'string', default: '40' } },
});
const p = JSON.parse(fs.readFileSync(positionals[0], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const idle = new Set(p.nodes.filter((n) => ['(idle)', '(program)'].includes(n.callFrame.functionName) && !n.callFrame.url).map((n) => n.id));

// Time of every sample, seconds from the start.
const times = [];
let t = p.startTime;
for (let i = 0; i < p.samples.length; i++) times.push(((t += p.timeDeltas[i]) - p.startTime) / 1e6);
const perSecond = new Map();
for (let i = 0; i < p.samples.length; i++) if (!idle.has(p.samples[i])) perSecond.set(Math.floor(times[i]), (perSecond.get(Math.floor(times[i])) ?? 0) + p.timeDeltas[i]);
let from = Number(args.from), to = Number(args.to);
if (!Number.isFinite(from) || !Number.isFinite(to)) {
  // The busiest run of seconds after the first quiet second (the server's start is busy too).
  const secs = [...perSecond.keys()].sort((a, b) => a - b);
  const max = Math.max(...perSecond.values());
  const firstQuiet = secs.find((s) => (perSecond.get(s) ?? 0) < max / 4) ?? 0;
  let best = [0, 0], cur = null;
  for (let s = firstQuiet; s <= secs.at(-1) + 1; s++) {
    if ((perSecond.get(s) ?? 0) >= max / 2) cur = cur ?? s;
    else if (cur !== null) { if (s - cur > best[1] - best[0]) best = [cur, s]; cur = null; }
  }
  [from, to] = best;
}

const pkgOf = (u) => {
  if (!u) return '(native)';
  const m = u.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (u.includes('/server/chunks/')) return 'chunk:' + u.split('/').pop();
  if (u.startsWith('node:')) return 'node';
  return u.replace(/.*\/(wt|main)\/[^/]+\//, '');
};
const key = (cf) => `${cf.functionName || '(anon)'} ${pkgOf(cf.url)}:${cf.lineNumber}`;
const selfPkg = new Map(), selfFn = new Map(), incl = new Map();
let busy = 0, all = 0;
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
for (let i = 0; i < p.samples.length; i++) {
  if (times[i] < from || times[i] >= to) continue;
  const dt = p.timeDeltas[i + 1] ?? p.timeDeltas[i];
  all += dt;
  const id = p.samples[i];
  if (idle.has(id)) continue;
  busy += dt;
  const cf = byId.get(id).callFrame;
  add(selfPkg, pkgOf(cf.url), dt);
  add(selfFn, key(cf), dt);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur).callFrame);
    if (!seen.has(k)) { seen.add(k); add(incl, k, dt); }
  }
}
const ms = (v) => (v / 1000).toFixed(0);
const top = (m, n, filter) =>
  [...m].filter(([k]) => !filter || filter.test(k)).sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, v]) => `${((100 * v) / busy).toFixed(1).padStart(5)}%  ${k}`).join('\n');
const n = Number(args.top);
console.log(`window ${from}–${to} s: ${ms(all)} ms, busy ${ms(busy)} ms (${((100 * busy) / all).toFixed(0)} %)` +
  (args.requests ? `, ${(busy / 1000 / Number(args.requests)).toFixed(1)} ms busy per request` : ''));
console.log('--- self by package\n' + top(selfPkg, 20));
console.log('--- self by function\n' + top(selfFn, n));
console.log('--- inclusive by function\n' + top(incl, n * 2, args.filter ? new RegExp(args.filter) : null));
