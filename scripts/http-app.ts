/**
 * Helpers for measuring the built app over HTTP (the benchmark's HTTP section and `scripts/page-weight.ts`):
 * start a production build (GONGKAI_DIST_DIR) the way `npm start` serves it — scripts/server.mjs with its web
 * workers (GONGKAI_WEB_WORKERS) — against a given database, sign in through
 * next-auth's credentials endpoint, and weigh a page the way a browser loads it (the HTML document plus every
 * script it references, gzip-compressed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface RunningApp {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * scripts/server.mjs (as `npm start` runs it: one web worker per core unless GONGKAI_WEB_WORKERS says
 * otherwise) on `port` from `distDir` (relative to the project); resolves once the port answers. `nodeArgs`
 * reach every worker (node:cluster forks with the primary's execArgv): `--cpu-prof` writes one profile per
 * worker, and one small one for the primary.
 */
export async function startBuiltApp(opts: {
  distDir: string;
  port: number;
  env: Record<string, string>;
  log?: (l: string) => void;
  /** Options for the server's node (e.g. --cpu-prof, which NODE_OPTIONS does not accept). */
  nodeArgs?: string[];
}): Promise<RunningApp> {
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, opts.distDir, 'BUILD_ID'))) {
    throw new Error(`No production build in ${opts.distDir}: run GONGKAI_DIST_DIR=${opts.distDir} npx next build first.`);
  }
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(root, 'scripts', 'server.mjs')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...opts.env,
      PORT: String(opts.port),
      GONGKAI_DIST_DIR: opts.distDir,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  child.stderr?.on('data', (d: Buffer) => opts.log?.(`[next] ${d.toString().trimEnd()}`));
  // stdout: the JSON logs (an access line per request, as in production); only errors are passed on.
  child.stdout?.on('data', (d: Buffer) => {
    const text = d.toString();
    if (/"level":"(error|fatal)"/.test(text)) opts.log?.(`[server] ${text.trimEnd()}`);
  });
  const kill = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.on('exit', kill);
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`scripts/server.mjs exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) {
        kill();
        throw new Error('scripts/server.mjs did not answer within 60 s');
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      process.off('exit', kill);
    },
  };
}

/** Signs in with next-auth's credentials provider; returns the Cookie header of the session. */
export async function signIn(baseUrl: string, identifier: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(csrfRes);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ identifier, password, csrfToken, json: 'true' }),
  });
  keep(res);
  await res.arrayBuffer();
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in of ${identifier} failed (${res.status})`);
  return cookie();
}

export interface PageWeight {
  path: string;
  status: number;
  htmlBytes: number;
  htmlGzip: number;
  scripts: number;
  jsGzip: number;
  jsBytes: number;
  /** Per script: src, raw and gzip bytes (for finding what is heavy). */
  detail: { src: string; bytes: number; gzip: number }[];
}

/**
 * The document and its first-load JavaScript: every `<script src>` of the HTML (what Chromium fetches before
 * the page is interactive), each compressed with gzip at the default level, as a server would send it.
 */
export async function pageWeight(baseUrl: string, pagePath: string, headers: Record<string, string> = {}): Promise<PageWeight> {
  const res = await fetch(baseUrl + pagePath, { headers, redirect: 'manual' });
  const html = Buffer.from(await res.arrayBuffer());
  // noModule scripts (legacy polyfills) are not fetched by a modern browser.
  const tags = [...html.toString('utf8').matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\snomodule\b/i.test(tag));
  const srcs = [...new Set(tags.flatMap((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1].replace(/&amp;/g, '&') ?? []))];
  let jsGzip = 0;
  let jsBytes = 0;
  const detail: PageWeight['detail'] = [];
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    const gzip = gzipSync(body).length;
    jsBytes += body.length;
    jsGzip += gzip;
    detail.push({ src, bytes: body.length, gzip });
  }
  return { path: pagePath, status: res.status, htmlBytes: html.length, htmlGzip: gzipSync(html).length, scripts: srcs.length, jsGzip, jsBytes, detail };
}

export const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
