/**
 * The cluster primary of scripts/server.mjs with a stand-in web worker (test/cluster/worker.ts) instead of
 * Next.js, for scripts/server-cluster.test.ts and lib/calendar/calendar-peers.int.test.ts. PORT and
 * WORKERS from the environment; run with `node --conditions=react-server --import tsx` (the workers inherit it).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPrimary } from '../../scripts/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
runPrimary(Number(process.env.WORKERS ?? 2), Number(process.env.PORT), { exec: path.join(here, 'worker.ts') });
