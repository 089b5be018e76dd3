/**
 * Preloaded into the app server by the benchmark's HTTP section (NODE_OPTIONS=--require …) to learn the SQL a
 * page really sends: while capturing (toggled by SIGUSR2), every statement the `pg` driver sends is appended
 * as one JSON line { text, values } to BENCH_SQL_CAPTURE. The benchmark replays those statements with plain
 * `pg` as the page's floor. Not capturing costs one boolean test per query. Benchmark only.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a NODE_OPTIONS=--require preload must be CommonJS */
const fs = require('node:fs');
const pg = require('pg');

const file = process.env.BENCH_SQL_CAPTURE;
let capturing = false;
if (file) {
  process.on('SIGUSR2', () => {
    capturing = !capturing;
  });
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function query(config, values, _callback) {
    if (capturing) {
      const text = typeof config === 'string' ? config : config && config.text;
      const vals = Array.isArray(values) ? values : config && typeof config === 'object' ? config.values : undefined;
      if (typeof text === 'string') fs.appendFileSync(file, `${JSON.stringify({ text, values: vals ?? [] })}\n`);
    }
    return original.apply(this, arguments);
  };
}
