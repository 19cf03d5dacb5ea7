import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactTallies } from '../src/modules/tallies/tallies.service';
import { createTestApp, q, type TestApp } from './harness';

/**
 * The tally ledger (migrations 0015, 0017) must always equal a live recount of its facts — among them the confirmed
 * output of the enterprises in the industrial register per region and month — whatever writes happen and in which
 * order, and after compaction.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const LIVE = `select e.region_code as r, i.month::text as m, sum(i.output)::text as v
  from enterprise_indicator i join enterprise e on e.id = i.enterprise_id
  where i.status = 'confirmed' and i.output is not null
    and e.deleted_at is null and e.stat_category = 'industry_above' and e.register_status = 'in'
  group by 1, 2 having sum(i.output) <> 0`;
const LEDGER = `select region_code as r, day::text as m, sum(amount)::text as v from tally_ledger
  where fact = 'out' and span = 12 group by 1, 2 having sum(amount) <> 0`;

async function expectLedgerEqualsLive(label: string) {
  const norm = (rows: { r: string; m: string; v: string }[]) =>
    rows.map((x) => `${x.r}|${x.m}|${Number(x.v).toFixed(2)}`).sort();
  const live = norm(await q(t, LIVE));
  const ledger = norm(await q(t, LEDGER));
  expect(live.length, label).toBeGreaterThan(0);
  expect(ledger, label).toEqual(live);
}

describe('tally ledger: 规上工业产值 (out)', () => {
  it('holds the demo’s outputs after migration', async () => {
    await expectLedgerEqualsLive('after migration');
  });

  it('follows every kind of write, and compaction keeps the sums', async () => {
    const [e] = await q<{ id: number }>(
      t,
      `insert into enterprise (name, region_code, stat_category, register_status)
       values ('账本测试机械有限公司', '370406109000', 'industry_above', 'in') returning id`,
    );
    const id = e!.id;
    const steps: [string, string][] = [
      [
        'multi-row insert, confirmed and pending',
        `insert into enterprise_indicator (enterprise_id, region_code, month, output, status, source)
         values (${id}, '370406109000', '2026-01-01', 1000.10, 'confirmed', 'cadre'),
                (${id}, '370406109000', '2026-02-01', 2000.20, 'pending', 'enterprise'),
                (${id}, '370406109000', '2026-03-01', null, 'confirmed', 'cadre')`,
      ],
      ['pending confirmed', `update enterprise_indicator set status = 'confirmed' where enterprise_id = ${id}`],
      [
        'output changed and set',
        `update enterprise_indicator set output = coalesce(output, 0) + 0.05 where enterprise_id = ${id}`,
      ],
      ['leaves the register', `update enterprise set register_status = 'out' where id = ${id}`],
      ['output changed while out', `update enterprise_indicator set output = output * 2 where enterprise_id = ${id}`],
      ['back in the register', `update enterprise set register_status = 'in' where id = ${id}`],
      ['moves town', `update enterprise set region_code = '370406102000' where id = ${id}`],
      [
        'moves town and changes name together',
        `update enterprise set region_code = '370406109000', name = name || '（迁回）' where id = ${id}`,
      ],
      ['category changed', `update enterprise set stat_category = 'trade_above' where id = ${id}`],
      ['category back', `update enterprise set stat_category = 'industry_above' where id = ${id}`],
      ['soft-deleted', `update enterprise set deleted_at = now() where id = ${id}`],
      ['restored', `update enterprise set deleted_at = null where id = ${id}`],
      ['an unrelated update of every enterprise', `update enterprise set updated_at = updated_at`],
      ['one month deleted', `delete from enterprise_indicator where enterprise_id = ${id} and month = '2026-01-01'`],
    ];
    for (const [label, stmt] of steps) {
      await q(t, stmt);
      await expectLedgerEqualsLive(label);
    }
    const before = Number((await q<{ n: number }>(t, 'select count(*)::int as n from tally_ledger'))[0]!.n);
    const folded = await compactTallies(t.database.db);
    const after = Number((await q<{ n: number }>(t, 'select count(*)::int as n from tally_ledger'))[0]!.n);
    expect(folded).toBeGreaterThan(0);
    expect(after).toBe(before - folded);
    const dup = await q(t, 'select 1 from tally_ledger group by region_code, span, fact, day having count(*) > 1');
    expect(dup).toEqual([]);
    await expectLedgerEqualsLive('after compaction');
    expect(await compactTallies(t.database.db)).toBe(0);
  });

  it('a failed statement leaves no ledger rows behind', async () => {
    const n0 = (await q<{ n: number }>(t, 'select count(*)::int as n from tally_ledger'))[0]!.n;
    // the second row violates the unique (enterprise, month) constraint, so the whole statement rolls back
    await expect(
      q(
        t,
        `insert into enterprise_indicator (enterprise_id, region_code, month, output, status, source)
         select id, region_code, '2031-05-01', 5, 'confirmed', 'cadre' from enterprise
         where stat_category = 'industry_above' and register_status = 'in' and deleted_at is null
         union all
         select id, region_code, '2031-05-01', 5, 'confirmed', 'cadre' from enterprise
         where stat_category = 'industry_above' and register_status = 'in' and deleted_at is null`,
      ),
    ).rejects.toThrow();
    expect((await q<{ n: number }>(t, 'select count(*)::int as n from tally_ledger'))[0]!.n).toBe(n0);
    await expectLedgerEqualsLive('after a failed statement');
  });
});

/** The live facts, as migrations 0015 and 0017 compute them for the rows already there (their backfills). */
function backfill(file: string, marker: string): string {
  const text = fs.readFileSync(new URL(`../drizzle/${file}`, import.meta.url), 'utf8');
  const from = text.indexOf('SELECT', text.indexOf(marker));
  return text
    .slice(from)
    .trim()
    .replace(/;$/, '')
    .replace('sum(n), sum(amount) FROM (', 'sum(n) AS n, sum(amount) AS amount FROM (')
    .replace('sum(q.n), sum(q.amount) FROM (', 'sum(q.n) AS n, sum(q.amount) AS amount FROM (')
    .replace(
      "SELECT rpad(left(q.region_code, s.span), 12, '0'), s.span, q.fact, q.day,",
      "SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact AS fact, q.day AS day,",
    );
}
const LIVE_TALLIES = `select region_code || ':' || span as r, fact as f, day::text as d, n::int as n, amount::text as v from (
  ${backfill('0015_tally_ledger_triggers.sql', '-- the facts of the rows already there')}
  union all
  ${backfill('0017_tally_output.sql', '-- the confirmed outputs already there')}
) t`;
const LEDGER_TALLIES = `select region_code || ':' || span as r, fact as f, day::text as d, sum(n)::int as n,
  sum(amount)::text as v from tally_ledger group by region_code, span, fact, day having sum(n) <> 0 or sum(amount) <> 0`;

async function expectTalliesEqualLive(label: string) {
  // compaction dates the past rows of tkt_due and light 1970-01-01 (only "before today" / "today" are read)
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const aged = (f: string, d: string) => (/^(tkt_due|light):/.test(f) && d < day ? '1970-01-01' : d);
  const norm = (rows: { r: string; f: string; d: string; n: number; v: string }[]) => {
    const sums = new Map<string, { n: number; v: number }>();
    for (const x of rows) {
      const k = `${x.r}|${x.f}|${aged(x.f, x.d)}`;
      const s = sums.get(k) ?? { n: 0, v: 0 };
      s.n += Number(x.n);
      s.v += Math.round(Number(x.v) * 100);
      sums.set(k, s);
    }
    return [...sums]
      .filter(([, s]) => s.n !== 0 || s.v !== 0)
      .map(([k, s]) => `${k}|${s.n}|${s.v}`)
      .sort();
  };
  const live = norm(await q(t, LIVE_TALLIES));
  expect(live.length, label).toBeGreaterThan(0);
  expect(norm(await q(t, LEDGER_TALLIES)), label).toEqual(live);
}

describe('tally ledger', () => {
  it('holds the demo’s facts after migration', async () => {
    await expectTalliesEqualLive('after migration');
  });

  it('follows writes to enterprises, projects, investments, leads and tickets; compaction keeps the sums', async () => {
    const one = async (sql: string) => (await q<{ id: number }>(t, sql))[0]!.id;
    const project = await one('select id from project where deleted_at is null order by id limit 1');
    const lead = await one('select id from lead order by id limit 1');
    const ticket = await one("select id from ticket where state not in ('rating', 'archived') order by id limit 1");
    const closed = await one('select id from ticket where closed_on is not null order by id limit 1');
    const enterprise = await one('select id from enterprise where deleted_at is null order by id limit 1');
    const steps: [string, string][] = [
      [
        'enterprise joins the register',
        `update enterprise set register_status = 'in', stat_category = 'industry_above' where id = ${enterprise}`,
      ],
      ['enterprise leaves it', `update enterprise set register_status = 'out' where id = ${enterprise}`],
      ['project stage and suspension', `update project set stage = 'started', suspended = true where id = ${project}`],
      [
        'project total investment',
        `update project set total_investment = total_investment + 12.34 where id = ${project}`,
      ],
      [
        'project light stored',
        `update project set light = 'red', light_on = '2026-11-25', light_rev = 'abc' where id = ${project}`,
      ],
      [
        'investment added',
        `insert into project_investment (project_id, region_code, month, amount) select ${project}, region_code, '2031-03-01', 777.77 from project where id = ${project}`,
      ],
      ['investment changed', `update project_investment set amount = amount + 1 where project_id = ${project}`],
      ['project moved', `update project set region_code = '370406102000' where id = ${project}`],
      ['project deleted', `update project set deleted_at = now() where id = ${project}`],
      ['project restored', `update project set deleted_at = null where id = ${project}`],
      ['investment deleted', `delete from project_investment where project_id = ${project} and month = '2031-03-01'`],
      [
        'lead stage and amount',
        `update lead set stage = 'negotiation', intended_investment = 123456789.01 where id = ${lead}`,
      ],
      [
        'ticket clock stored',
        `update ticket set clock_rev = 'r1', next_deadline = '2026-11-20', paused = false where id = ${ticket}`,
      ],
      ['ticket paused', `update ticket set paused = true where id = ${ticket}`],
      ['ticket resumed and archived', `update ticket set paused = false, state = 'archived' where id = ${ticket}`],
      [
        'closed ticket met',
        `update ticket set clock_rev = 'r1', resolve_met = true, paused = false where id = ${closed}`,
      ],
      ['closed ticket late, new rev', `update ticket set clock_rev = 'r2', resolve_met = false where id = ${closed}`],
      ['every ticket touched', 'update ticket set updated_at = updated_at'],
    ];
    for (const [label, stmt] of steps) {
      await q(t, stmt);
      await expectTalliesEqualLive(label);
    }
    expect(await compactTallies(t.database.db)).toBeGreaterThan(0);
    expect(await q(t, 'select 1 from tally_ledger group by region_code, span, fact, day having count(*) > 1')).toEqual(
      [],
    );
    await expectTalliesEqualLive('after compaction');
  });
});
