/**
 * The e2e tier: Playwright in Chromium against the production build, served by the same start script as
 * `npm start` but with a throwaway data folder (fresh embedded PostgreSQL, migrations, demo data) on its own
 * port. The browser is Debian's /usr/bin/chromium where present, or the one named by GONGKAI_CHROMIUM.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const port = process.env.E2E_PORT ?? '3100';
const dataDir = path.join(root, '.data', `e2e-${port}`);
fs.rmSync(dataDir, { recursive: true, force: true });
const extra = process.argv.slice(2);
const r = spawnSync('npx', ['playwright', 'test', ...extra], {
  stdio: 'inherit',
  env: {
    ...process.env,
    GONGKAI_DATA_DIR: dataDir,
    GONGKAI_PG_PORT: '0',
    GONGKAI_PRINT_ACCOUNTS: '0',
    // A smaller demo data set keeps each run's fresh database quick to seed; specs create their own cases.
    GONGKAI_DEMO_CASES: process.env.GONGKAI_DEMO_CASES ?? '40',
    PORT: port,
    NEXT_TELEMETRY_DISABLED: '1',
    // One JSON line per request would bury Playwright's report; errors are still logged.
    GONGKAI_ACCESS_LOG: '0',
    // All e2e browsers share one address: raise the per-IP limits only (per-account limits stay real).
    GONGKAI_LIMIT_SIGNINPERIP: '100000',
    GONGKAI_LIMIT_SIGNUPPERIP: '100000',
    GONGKAI_LIMIT_SUBMITPERIP: '100000',
    GONGKAI_LIMIT_TRACKPERIP: '100000',
  },
});
process.exit(r.status ?? 1);
