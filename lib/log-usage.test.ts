import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Server code logs through pino (lib/log.ts: JSON lines with a request id, no personal data), not console.*
 * (issue 8 item 10). The files below may name console only as the default line printer of a command-line
 * caller (npm run cli / seed / db tools pass their own), or for the reason given.
 */
const ALLOWED: Record<string, string> = {
  'lib/auth/client-ip.ts': 'imported by proxy.ts, whose bundle stays free of pino; one warning per process',
  'lib/db/embedded.ts': 'default printer of the start and CLI scripts (they pass their own)',
  'lib/db/migrate.ts': 'default printer of the start and CLI scripts (they pass their own)',
  'lib/db/local-env.ts': 'default printer of the start and CLI scripts (they pass their own)',
  'lib/privacy/convert.ts': 'default printer of the start and CLI scripts (they pass their own)',
  'lib/seed/seed-demo.ts': 'default printer of npm run db:seed',
  'lib/seed/seed-demo-cases.ts': 'default printer of npm run db:seed',
  'lib/calendar/generate-calendar-data.ts': 'a code generator run by hand',
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated' && entry.name !== 'node_modules') out.push(...sources(p));
    } else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !/\.(test|int\.test|spec)\.tsx?$/.test(entry.name) && !entry.name.endsWith('.fixture.ts')) {
      out.push(p);
    }
  }
  return out;
}

describe('server logging', () => {
  it('uses the pino logger, not console.*, in app, components, lib and the server, start and worker scripts', () => {
    const files = [...sources('app'), ...sources('components'), ...sources('lib'), 'proxy.ts', 'scripts/start.ts', 'scripts/worker.ts', 'scripts/server.mjs'];
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((f) => !ALLOWED[f] && /\bconsole\.(log|info|warn|error|debug|trace)\s*\(/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
