import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '@/lib/db/embedded';
async function main() {
  const e = await startEmbeddedPostgres({ dataDir: path.join(process.cwd(), '.data', 'bench', 'pg'), password: 'bench', persistent: true, log: () => {} });
  try {
    const out = execFileSync('/usr/bin/psql', ['-X', '-d', e.url, '-f', process.argv[2]], { encoding: 'utf8', maxBuffer: 1 << 26 });
    process.stdout.write(out);
  } finally { await e.stop(); }
}
main().then(() => process.exit(0), (err) => { console.error(String(err).slice(0, 3000)); process.exit(1); });
