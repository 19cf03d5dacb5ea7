import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { bootstrap } from '../src/core/bootstrap';
import { openPglite, openPostgres } from '../src/core/db';
import { startCluster } from './pg-cluster';

/**
 * Builds one migrated database with the demo loaded, once per run; every test file starts from a copy:
 * PGlite from a dumped data directory, PostgreSQL from a template database.
 */
export default async function setup() {
  const config = loadConfig({ BEIZENG_DEMO: '1' });
  if (process.env.TEST_DB === 'pg') {
    const cluster = await startCluster();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('create database beizeng_template');
    await admin.end();
    const database = await openPostgres(cluster.url('beizeng_template'), { max: 2 });
    await bootstrap(database, config);
    await database.close();
    process.env.TEST_PG_URL = cluster.url();
    return () => cluster.stop();
  }
  const database = await openPglite({});
  await bootstrap(database, config);
  const dump = await database.dump!();
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'beizeng-lite-')), 'template.tgz');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.TEST_PGLITE_TEMPLATE = file;
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
