/**
 * For integration tests: runs the real command line (scripts/cli.ts through tsx with the react-server
 * condition, as `npm run cli` does) against the test database (DATABASE_URL of the test process).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const root = path.resolve(__dirname, '../..');
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', path.join(root, 'scripts/cli.ts'), ...args],
    { cwd: root, env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL }, encoding: 'utf8', timeout: 120_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
