import { loadConfig } from '../../apps/server/src/config';
import { bootstrap } from '../../apps/server/src/core/bootstrap';
import { openPglite, openPostgres } from '../../apps/server/src/core/db';
import { refreshStaleLights } from '../../apps/server/src/modules/projects/projects.service';
import { compactTallies } from '../../apps/server/src/modules/tallies/tallies.service';
import { refreshStaleClocks } from '../../apps/server/src/modules/tickets/tickets.service';
import { BENCH_PASSWORD, type Generated, generate, type Scale } from './generate';

/**
 * Migrates and seeds a database exactly as the server does (reference data and a first admin whose password is
 * BENCH_PASSWORD, no demo), then writes the synthetic data of a scale.
 */
export async function loadData(
  target: { databaseUrl: string } | { dataDir: string },
  scale: Scale,
  log: (m: string) => void = console.log,
): Promise<Generated & { totalSeconds: number }> {
  const t0 = performance.now();
  const database =
    'databaseUrl' in target
      ? await openPostgres(target.databaseUrl, { max: 2 })
      : await openPglite({ dataDir: target.dataDir });
  try {
    const env: Record<string, string> = { BEIZENG_DEMO: '0', BEIZENG_ADMIN_PASSWORD: BENCH_PASSWORD };
    if ('dataDir' in target) env.DATA_DIR = target.dataDir;
    await bootstrap(database, loadConfig(env));
    // drizzle keeps the driver as $client: a pg Pool or a PGlite instance, both answering query(text, params)
    const client = (database.db as any).$client;
    log(`generating ${scale} data (${database.kind})`);
    const g = await generate(client, scale, log);
    // what the server keeps derived on write and refreshes in housekeeping: ticket clock
    // summaries, project lights (so a benchmark does not measure the first refresh)
    const t1 = performance.now();
    await refreshStaleClocks(database.db);
    await refreshStaleLights(database.db);
    await compactTallies(database.db);
    g.seconds['derived (clocks, lights, folded ledger)'] = Math.round(performance.now() - t1) / 1000;
    return { ...g, totalSeconds: Math.round(performance.now() - t0) / 1000 };
  } finally {
    await database.close();
  }
}
