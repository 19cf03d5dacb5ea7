/**
 * The schema keeps the path to distributed PostgreSQL (Citus, sharded by region code; docs/deploy.md)
 * open: every large table carries a region code. Read from information_schema of the migrated database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGION_CHILDREN } from '../src/core/region-codes';
import { call, createTestApp, q, type TestApp } from './harness';

/**
 * Expected rows of every table for a province (issue #8: 1,000 towns, 100,000 enterprises with 36 months
 * of indicators, 20,000 projects, 30,000 leads, 500,000 tickets with histories, 5,000 users).
 * A new table must be added here: the test fails on a table it does not know.
 */
const PROVINCE_ROWS: Record<string, number> = {
  // registry and indicators
  enterprise: 100_000,
  enterprise_indicator: 3_600_000,
  enterprise_tax: 3_600_000,
  tally_ledger: 200_000, // region × fact × day, compacted (cockpit counts; it has a region code anyway)
  cultivation_pool: 20_000,
  enterprise_pool: 200,
  enterprise_pool_member: 30_000,
  honour: 20_000,
  pairing: 40_000, // 帮包 covers the 规上 and key enterprises, not the whole registry
  visit: 500_000,
  // projects
  project: 20_000,
  project_node: 300_000, // ~15 approval nodes each
  project_report: 480_000, // monthly 调度 reports over two years
  project_investment: 720_000, // monthly completed investment, 36 months
  project_plan: 60_000,
  project_stage_history: 80_000,
  // leads
  lead: 30_000,
  lead_followup: 150_000,
  lead_signing: 10_000,
  lead_stage_history: 90_000,
  // tickets
  ticket: 500_000,
  ticket_event: 3_000_000, // ~6 transitions each
  ticket_department: 600_000,
  ticket_file: 250_000,
  ticket_pause: 50_000,
  ticket_supervision: 25_000,
  // people and platform
  app_user: 5_000,
  user_role: 6_000,
  role: 20,
  department: 3_000,
  session: 5_000,
  login_log: 2_000_000,
  login_throttle: 5_000,
  notification: 5_000_000,
  audit_log: 10_000_000,
  attachment: 200_000,
  setting: 50,
  job_run: 20_000,
  // reference data (replicated to every node in a distributed database)
  region: 100_000,
  industry: 1_500,
  dict_type: 50,
  dict_item: 1_000,
  holiday: 100,
  register_threshold: 50,
  honour_rule: 200,
  node_template: 50,
  ticket_sla: 50,
  // planning
  target: 20_000,
  doubling_plan: 2_000,
  investment_plan: 5_000,
  benchmark_region: 500,
  benchmark_value: 50_000,
  study_tour: 5_000,
  tour_measure: 20_000,
  tour_task: 60_000,
};

/** Large tables sharded by something else than the region, and why. */
const EXEMPT: Record<string, string> = {
  notification: 'read only by its user: distributed by user_id, never joined with regional data',
  login_log: 'security log per user and IP, purged after 190 days: distributed by user_id',
  attachment: 'polymorphic owner (entity, entity_id); file bodies, read one at a time by id',
  region: 'reference table: the region tree itself, replicated to every node',
};

/** This many rows or more at province scale make a large table. */
const LARGE = 100_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('schema: the region code on every large table', () => {
  it('every table is known here with its expected size at province scale', async () => {
    const tables = (
      await q<{ table_name: string }>(
        t,
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
      )
    )
      .map((r) => r.table_name)
      .sort();
    expect(tables, 'add the new table to PROVINCE_ROWS in test/schema.test.ts').toEqual(
      Object.keys(PROVINCE_ROWS).sort(),
    );
  });

  it(`every table expected to hold ${LARGE.toLocaleString('en')} rows or more carries region_code, unless exempt with a reason`, async () => {
    const cols = await q<{ table_name: string; data_type: string; character_maximum_length: number | null }>(
      t,
      "select table_name, data_type, character_maximum_length from information_schema.columns where table_schema = 'public' and column_name = 'region_code'",
    );
    const withRegion = new Map(cols.map((c) => [c.table_name, c]));
    const large = Object.entries(PROVINCE_ROWS)
      .filter(([name, n]) => n >= LARGE && !EXEMPT[name])
      .map(([name]) => name);
    const missing = large.filter((name) => !withRegion.has(name));
    expect(missing, 'large tables without a region_code column').toEqual([]);
    // a 12-digit statistical division code (char(12), or text where it is free-form as in the audit log)
    for (const name of large) {
      const c = withRegion.get(name)!;
      expect(
        c.data_type === 'text' || (c.data_type === 'character' && c.character_maximum_length === 12),
        `${name}.region_code is ${c.data_type}(${c.character_maximum_length})`,
      ).toBe(true);
    }
    for (const name of Object.keys(EXEMPT)) expect(PROVINCE_ROWS[name], name).toBeDefined();
    console.log(
      `[schema] ${large.length} large tables carry region_code: ${large.join(', ')}; exempt: ${Object.keys(EXEMPT).join(', ')}`,
    );
  });

  it("child rows carry their parent's region code: the demo (filled at start) and rows written through the API", async () => {
    for (const [child, parent, fk] of REGION_CHILDREN) {
      const [r] = await q<{ rows: number; wrong: number }>(
        t,
        `select count(*)::int as rows, count(*) filter (where c.region_code is distinct from p.region_code)::int as wrong
           from ${child} c join ${parent} p on p.id = c.${fk}`,
      );
      expect(r!.wrong, `${child}: ${r!.wrong} of ${r!.rows} rows`).toBe(0);
    }
    // A new indicator month and a region move of its enterprise, through the API.
    const admin = await t.login('admin');
    const list = (await call(t, admin, 'GET', '/api/v1/enterprises?page=1&pageSize=1')).json();
    const e = (await call(t, admin, 'GET', `/api/v1/enterprises/${list.items[0].id}`)).json();
    const put = await call(t, admin, 'PUT', `/api/v1/enterprises/${e.id}/indicators`, {
      month: '2019-01',
      revenue: '1000',
      tax: '10',
    });
    expect(put.statusCode, put.body).toBe(200);
    const rowsOf = (table: string) =>
      q<{ region_code: string }>(
        t,
        `select region_code from ${table} where enterprise_id = ${Number(e.id)} and month = '2019-01-01'`,
      );
    expect(await rowsOf('enterprise_indicator')).toEqual([{ region_code: e.regionCode }]);
    expect(await rowsOf('enterprise_tax')).toEqual([{ region_code: e.regionCode }]);
    const other = (
      await q<{ code: string }>(
        t,
        `select code from region where code <> '${e.regionCode}' and code like '${String(e.regionCode).slice(0, 6)}%' and level = (select level from region where code = '${e.regionCode}') limit 1`,
      )
    )[0]!.code;
    const moved = await call(t, admin, 'PATCH', `/api/v1/enterprises/${e.id}`, {
      version: e.version,
      regionCode: other,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const [left] = await q<{ n: number }>(
      t,
      `select count(*)::int as n from enterprise_indicator where enterprise_id = ${Number(e.id)} and region_code is distinct from '${other}'`,
    );
    expect(left!.n).toBe(0);
  });
});
