/**
 * Writes deterministic synthetic data into a database the server has migrated (it migrates it first).
 *
 *   npm run bench:data -- --scale town|district|province [--database-url postgres://…] [--data-dir ./data]
 *
 * Without --database-url it uses DATABASE_URL, else PGlite in --data-dir (or DATA_DIR, or ./data).
 * The first administrator is `admin` and every generated user (bz.p.leader, bz.d0.leader, bz.d0.dept2, …) has the
 * password Bench@2026pass.
 */
import { parseArgs } from 'node:util';
import { SCALES, type Scale } from './lib/generate';
import { loadData } from './lib/load-data';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'district' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const scale = values.scale as Scale;
if (!(scale in SCALES)) {
  console.error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  process.exit(2);
}
const url = values['database-url'] ?? process.env.DATABASE_URL;
const target = url ? { databaseUrl: url } : { dataDir: values['data-dir'] ?? process.env.DATA_DIR ?? './data' };
loadData(target, scale)
  .then((r) => {
    console.log(
      JSON.stringify({ scale: r.scale, counts: r.counts, seconds: r.seconds, totalSeconds: r.totalSeconds }, null, 2),
    );
    process.exit(0);
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
