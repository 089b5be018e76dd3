/**
 * Paired A/B of two production builds of the same page on a shared, noisy machine: both builds are served at
 * once (scripts/server.mjs, one web worker each, the bench data of `npm run bench`), and each round sends one
 * request to A, one to B and replays the page's SQL floor (plain pg, one connection, statement after
 * statement) in a rotating order, so all three see the same neighbours. Prints each side's p50 / p95 latency,
 * its app CPU per request (from /proc, the server and its worker) and the floor's p50.
 *
 *   npx tsx --conditions=react-server scripts/bench-pair.ts DIST_A DIST_B PAGE_PATH SQL_JSON [ROUNDS] [PORT]
 *
 * SQL_JSON: the page's captured statements (`npm run bench -- --save-docs DIR`, the `repeat` list). Run
 * `npm run bench -- --only http` once first: it prepares the bench account and data this script signs in with.
 * DIST_A and DIST_B may be the same build: PAIR_NODE_ARGS_A / PAIR_NODE_ARGS_B (space-separated node options,
 * e.g. `--max-semi-space-size=32`) start that side's server with them; its web worker inherits them
 * (node:cluster forks with the primary's execArgv). GC is not measured apart: it is part of the app CPU.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { signIn, startBuiltApp, type RunningApp } from './http-app';
import { treeCpuMs } from './proc-cpu';

const [distA, distB, pagePath, sqlJson, roundsArg, portArg] = process.argv.slice(2);
if (!distA || !distB || !pagePath || !sqlJson) throw new Error('usage: bench-pair.ts DIST_A DIST_B PAGE_PATH SQL_JSON [ROUNDS] [PORT]');
const rounds = Number(roundsArg ?? 300);
const port = Number(portArg ?? 3167);
const statements = (JSON.parse(fs.readFileSync(sqlJson, 'utf8')) as { repeat: { text: string; values: unknown[] }[] }).repeat;

/** User + system CPU ms of the app's process tree (its web worker included; scripts/proc-cpu.ts). */
const cpuMs = (pid: number) => treeCpuMs(pid) ?? Number.NaN;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(process.cwd(), '.data', 'bench', 'pg'), password: 'bench', persistent: true, log: () => undefined });
  const apps: RunningApp[] = [];
  try {
    const key = fs.readFileSync(path.join(process.cwd(), '.data', 'bench', 'encryption-key'), 'utf8').trim();
    const nodeArgs = [process.env.PAIR_NODE_ARGS_A, process.env.PAIR_NODE_ARGS_B].map((a) => (a ?? '').split(/\s+/).filter(Boolean));
    const start = (distDir: string, p: number, side: number) =>
      startBuiltApp({
        distDir,
        port: p,
        nodeArgs: nodeArgs[side],
        env: {
          DATABASE_URL: embedded.url,
          NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
          NEXTAUTH_URL: `http://127.0.0.1:${p}`,
          GONGKAI_ENCRYPTION_KEY: key,
          GONGKAI_LIMIT_SIGNINPERIP: '1000000',
          GONGKAI_WEB_WORKERS: '1',
          GONGKAI_ACCESS_LOG: '0',
        },
        log: (l) => (/error/i.test(l) ? console.error(l) : undefined),
      });
    const sides = [distA, distB].map((dist, i) => ({ dist, label: [dist, ...nodeArgs[i]].join(' '), port: port + i, app: null as RunningApp | null, cookie: '', times: [] as number[], cpu: 0, bytes: 0 }));
    for (const [i, s] of sides.entries()) {
      s.app = await start(s.dist, s.port, i);
      apps.push(s.app);
      s.cookie = await signIn(s.app.url, 'clerk@bench.invalid', 'bench-http-password');
    }
    const floorClient = new pg.Client({ connectionString: embedded.url });
    await floorClient.connect();
    const floorTimes: number[] = [];
    const fetchPage = async (s: (typeof sides)[number]) => {
      const t0 = performance.now();
      const res = await fetch(`${s.app!.url}${pagePath}`, { headers: { cookie: s.cookie } });
      s.bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`${s.dist}: ${res.status}`);
      return performance.now() - t0;
    };
    const floor = async () => {
      const t0 = performance.now();
      for (const st of statements) await floorClient.query(st.text, st.values);
      return performance.now() - t0;
    };
    // Warm-up: both servers load their chunks, the floor's plans are cached.
    for (let i = 0; i < 40; i++) for (const s of sides) await fetchPage(s);
    for (let i = 0; i < 20; i++) await floor();
    const cpu0 = sides.map((s) => cpuMs(s.app!.child.pid!));
    const load0 = os.loadavg()[0];
    for (let r = 0; r < rounds; r++) {
      const order = [0, 1, 2].map((k) => (k + r) % 3);
      for (const k of order) {
        if (k === 2) floorTimes.push(await floor());
        else sides[k].times.push(await fetchPage(sides[k]));
      }
    }
    sides.forEach((s, i) => (s.cpu = (cpuMs(s.app!.child.pid!) - cpu0[i]) / rounds));
    await floorClient.end();
    const f50 = pct(floorTimes, 50);
    console.log(`${rounds} rounds, load average ${load0.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}; floor (${statements.length} statements) p50 ${f50.toFixed(1)} ms, p95 ${pct(floorTimes, 95).toFixed(1)} ms`);
    console.log('| build | p50 / p95 ms | p50 ÷ floor | app CPU ms / request | document bytes |');
    console.log('|---|---|---|---|---|');
    for (const s of sides) console.log(`| ${s.label} | ${pct(s.times, 50).toFixed(1)} / ${pct(s.times, 95).toFixed(1)} | ${(pct(s.times, 50) / f50).toFixed(2)} | ${s.cpu.toFixed(1)} | ${s.bytes} |`);
  } finally {
    for (const a of apps) await a.stop();
    await embedded.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
