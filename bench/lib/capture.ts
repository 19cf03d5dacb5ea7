/**
 * Preloaded into the server process by the benchmark (node --import): while switched on (SIGUSR2 toggles it), every
 * statement node-postgres sends is appended to BENCH_CAPTURE_FILE as {text, values}. The benchmark switches it
 * on around one request per case, so the floor replays exactly the SQL the service ran. Off, it costs one branch.
 */
import fs from 'node:fs';
import pg from 'pg';

const file = process.env.BENCH_CAPTURE_FILE;
if (file) {
  let on = false;
  process.on('SIGUSR2', () => {
    on = !on;
    if (on) fs.writeFileSync(file, '');
  });
  const proto = pg.Client.prototype as any;
  const original = proto.query;
  proto.query = function (this: unknown, config: any, values?: any, cb?: any) {
    if (on) {
      const text = typeof config === 'string' ? config : config?.text;
      const vals = Array.isArray(values) ? values : (config?.values ?? []);
      if (text) fs.appendFileSync(file, `${JSON.stringify({ text, values: vals })}\n`);
    }
    return original.call(this, config, values, cb);
  };
}
