/**
 * Counts the SQL statements this process sends to PostgreSQL (integration tests only): every query of the
 * `pg` driver that Prisma's adapter uses, BEGIN and COMMIT included. `recordStatements()` starts a recording;
 * its `stop()` returns the statements sent since, in order.
 */
import pg from 'pg';

type Listener = (text: string) => void;
const listeners = new Set<Listener>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function query(this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === 'string' ? config : config?.text;
    if (typeof text === 'string') for (const l of listeners) l(text);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
}

export function recordStatements(): { stop: () => string[] } {
  install();
  const seen: string[] = [];
  const listener: Listener = (text) => seen.push(text);
  listeners.add(listener);
  return {
    stop: () => {
      listeners.delete(listener);
      return seen;
    },
  };
}
