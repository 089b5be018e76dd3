/**
 * Page weight of the built app: `npm run page-weight -- [--dist .next] [--port 3190] [paths…]`.
 * Starts the production build (GONGKAI_DIST_DIR or --dist) against the demo database (GONGKAI_DATA_DIR,
 * seeded on first use), fetches each page — anonymously, and the staff pages as the demo city clerk — and
 * prints the HTML document and the first-load JavaScript it references, raw and gzip-compressed.
 * Targets (issue 13): citizen pages (/, /apply, /track) ≤ 120 KB gzip of JS and ≤ 15 KB gzip of HTML.
 */
import { parseArgs } from 'node:util';
import { appEnvironment, openDatabase } from '@/lib/db/local-env';
import { DEMO_ACCOUNTS } from '@/lib/seed/demo-data';
import { kb, pageWeight, signIn, startBuiltApp } from './http-app';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { dist: { type: 'string' }, port: { type: 'string', default: '3190' }, detail: { type: 'boolean', default: false } },
});
const ANONYMOUS = ['/', '/apply', '/track', '/signin', '/register'];
const STAFF = ['/staff', '/staff/cases'];

async function main() {
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const db = await openDatabase(log);
  const env = appEnvironment(db.url);
  Object.assign(process.env, env);
  const { seedIfEmpty } = await import('@/lib/seed/seed-demo');
  await seedIfEmpty(log);
  const app = await startBuiltApp({ distDir: args.dist ?? process.env.GONGKAI_DIST_DIR ?? '.next', port: Number(args.port), env });
  try {
    const paths = positionals.length ? positionals : [...ANONYMOUS, ...STAFF];
    const clerk = DEMO_ACCOUNTS.find((a) => a.role === 'clerk')!;
    const cookie = paths.some((p) => p.startsWith('/staff')) ? await signIn(app.url, clerk.login, clerk.password) : '';
    console.log('| page | status | HTML KB | HTML KB gzip | scripts | JS KB | JS KB gzip |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const p of paths) {
      const w = await pageWeight(app.url, p, p.startsWith('/staff') ? { cookie } : {});
      console.log(`| ${p} | ${w.status} | ${kb(w.htmlBytes)} | ${kb(w.htmlGzip)} | ${w.scripts} | ${kb(w.jsBytes)} | ${kb(w.jsGzip)} |`);
      if (args.detail) for (const d of w.detail) console.log(`|   ${d.src} | | | | | ${kb(d.bytes)} | ${kb(d.gzip)} |`);
    }
  } finally {
    await app.stop();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
