/**
 * Stored clock summaries (tickets.clocks.ts): after real transitions (pauses, 督办, extensions, closes, 重办),
 * shifted histories, stale rows and a calendar change, the card filter's totals and pages, openAndOverdue and
 * onTimeByRegion equal what the live computation (clocksForMany over every ticket) says. Plus the date boundary
 * of the red and yellow cards.
 */
import { ROLE_CODES } from '@beizeng/contract';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuthedCtx } from '../src/core/http';
import { regionPrefix } from '../src/core/scope';
import { addWorkdays } from '../src/modules/calendar/workdays';
import { type Card, worstCard } from '../src/modules/tickets/clock';
import {
  cardCondition,
  currentClockRev,
  invalidClocks,
  loadClockBasis,
  refreshStaleClocks,
  storeClocks,
  summaryOf,
  yellowUntil,
} from '../src/modules/tickets/tickets.clocks';
import { clocksForMany, onTimeByRegion, openAndOverdue } from '../src/modules/tickets/tickets.service';
import { tickets } from '../src/modules/tickets/tickets.tables';
import { call, createTestApp, q, type TestApp } from './harness';

let t: TestApp;
const c: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const r of ROLE_CODES) c[r] = await t.login(r);
});
afterAll(() => t.close());

const TOWN = '370406109000';
const CARDS: Card[] = ['red', 'yellow', 'late', 'green', 'met'];
/** The cards the list's `card` filter accepts (packages/contract). */
const LISTED: Card[] = ['red', 'yellow', 'green'];
const todayCst = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const ctxOf = (scope: Record<string, unknown>) =>
  ({ db: t.database.db, read: t.database.db, actor: { id: 1, scope } }) as unknown as AuthedCtx;
const idOf = async (table: string, name: string) =>
  (await q<{ id: number }>(t, `select id from ${table} where name = '${name}'`))[0]!.id;
const get = async (id: number) => (await call(t, c.admin!, 'GET', `/api/v1/tickets/${id}`)).json();
const step = async (cookie: string, id: number, body: Record<string, unknown>) => {
  const res = await call(t, cookie, 'POST', `/api/v1/tickets/${id}/transitions`, {
    version: (await get(id)).version,
    ...body,
  });
  expect(res.statusCode, `${body.action}: ${res.body}`).toBe(200);
  return res.json();
};

/** Every ticket with its live worst card and clock summary. */
async function live() {
  const db = t.database.db;
  const rows = await db.select().from(tickets);
  const cs = await clocksForMany(db, rows);
  return rows.map((r) => ({
    row: r,
    clocks: cs.get(r.id)!,
    card: worstCard(cs.get(r.id)!),
    summary: summaryOf(r, cs.get(r.id)!),
  }));
}

/** All ids of a card-filtered list, page by page. */
async function listIds(cookie: string, query: string, pageSize = 200) {
  const ids: number[] = [];
  let total = -1;
  for (let page = 1; ; page++) {
    const res = await call(t, cookie, 'GET', `/api/v1/tickets?${query}&page=${page}&pageSize=${pageSize}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    total = body.total;
    for (const x of body.items) ids.push(x.id);
    if (page * pageSize >= total) break;
  }
  return { ids, total };
}

/** The stored values and every SQL count equal the live computation. */
async function expectExact(label: string) {
  const all = await live();
  const rev = await currentClockRev(t.database.db);
  // valid rows carry exactly the live summary
  for (const x of all)
    if (x.row.clockRev === rev && !x.row.paused)
      expect(x.summary, `${label}: ticket ${x.row.id}`).toEqual(summaryOfRow(x.row));
  const inTown = all.filter((x) => x.row.regionCode.startsWith(TOWN.slice(0, 9)));
  for (const card of CARDS) {
    const want = all.filter((x) => x.card === card).map((x) => x.row.id);
    // every card as SQL (stored rows plus the live ones)
    const db = t.database.db;
    const cond = await cardCondition(db, card, (r) => db.select().from(tickets).where(invalidClocks(r)));
    const bySql = (await db.select({ id: tickets.id }).from(tickets).where(cond)).map((x) => x.id);
    expect(bySql.sort(), `${label}: ${card} by SQL`).toEqual([...want].sort());
    if (!LISTED.includes(card)) continue;
    const got = await listIds(c.admin!, `card=${card}`);
    expect(got.total, `${label}: ${card} total`).toBe(want.length);
    expect(got.ids.sort(), `${label}: ${card} ids`).toEqual(want.sort());
    // a town dispatcher's scope, combined with the open filter
    const wantTown = inTown
      .filter((x) => x.card === card && !['rating', 'archived'].includes(x.row.state))
      .map((x) => x.row.id);
    const gotTown = await listIds(c.cadre!, `card=${card}&open=true`, 3);
    expect(gotTown.total, `${label}: town ${card} total`).toBe(wantTown.length);
    expect(gotTown.ids.sort(), `${label}: town ${card} pages`).toEqual(wantTown.sort());
  }
  const open = (xs: typeof all) => xs.filter((x) => !['rating', 'archived'].includes(x.row.state)).length;
  const red = (xs: typeof all) => xs.filter((x) => x.card === 'red').length;
  expect(await openAndOverdue(ctxOf({ kind: 'all', userId: 1 }), null), label).toEqual({
    open: open(all),
    overdue: red(all),
  });
  expect(await openAndOverdue(ctxOf({ kind: 'all', userId: 1 }), TOWN), label).toEqual({
    open: open(inTown),
    overdue: red(inTown),
  });
  expect(await openAndOverdue(ctxOf({ kind: 'region', regionCode: TOWN, userId: 1 }), null), label).toEqual({
    open: open(inTown),
    overdue: red(inTown),
  });
  const day = todayCst();
  for (const [from, before] of [
    ['2000-01-01', '2100-01-01'],
    [plusDays(day, -20), plusDays(day, -5)],
  ] as const) {
    const want = new Map<string, { closed: number; met: number }>();
    for (const x of all) {
      const on = x.row.closedOn;
      if (!on || on < from || on >= before) continue;
      const v = want.get(x.row.regionCode) ?? { closed: 0, met: 0 };
      v.closed++;
      if (x.summary.resolveMet) v.met++;
      want.set(x.row.regionCode, v);
    }
    expect(await onTimeByRegion(ctxOf({ kind: 'all', userId: 1 }), from, before, null), label).toEqual(want);
    expect(await onTimeByRegion(ctxOf({ kind: 'region', regionCode: TOWN, userId: 1 }), from, before, null)).toEqual(
      new Map([...want].filter(([r]) => r.startsWith(TOWN.slice(0, 9)))),
    );
  }
  return all;
}
const summaryOfRow = (r: typeof tickets.$inferSelect) => ({
  nextDeadline: r.nextDeadline,
  lateClock: r.lateClock,
  metClock: r.metClock,
  resolveMet: r.resolveMet,
});

describe('stored clock summaries equal the live computation', () => {
  const made: number[] = [];
  it('after random real transitions, every write stores the summary and the SQL counts are exact', async () => {
    const rand = rng(20261125);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const ents = [
      await idOf('enterprise', '山东勇辰食品有限公司'),
      await idOf('enterprise', '山东凫城新能源科技有限公司'),
      await idOf('enterprise', '枣庄金正石膏有限公司'),
    ];
    const dept = await idOf('department', '区自然资源局');
    for (let i = 0; i < 24; i++) {
      const res = await call(t, c.cadre!, 'POST', '/api/v1/tickets', {
        enterpriseId: pick(ents),
        category: 'water',
        title: `时钟一致性 ${i}`,
        description: '测试',
        source: 'visit',
        complex: rand() < 0.2,
      });
      expect(res.statusCode, res.body).toBe(200);
      const id: number = res.json().id;
      made.push(id);
      if (rand() < 0.1) continue; // left registered
      if (rand() < 0.2) {
        const deadline = plusDays(todayCst(), Math.floor(rand() * 20));
        await step(c.leader!, id, { action: 'supervise', deadline, note: '督办' });
      }
      await step(c.cadre!, id, { action: 'assign', departmentId: dept });
      if (rand() < 0.15) continue;
      await step(c.department!, id, { action: 'accept' });
      await step(c.department!, id, { action: 'start' });
      if (rand() < 0.3) {
        await step(c.department!, id, { action: 'pause', note: '等材料' });
        if (rand() < 0.4) continue; // stays paused
        await step(c.department!, id, { action: 'resume' });
      }
      if (rand() < 0.3) {
        await step(c.department!, id, { action: 'request_extension', extensionDays: 3, note: '协调' });
        await step(c.cadre!, id, { action: rand() < 0.7 ? 'approve_extension' : 'reject_extension' });
      }
      if (rand() < 0.3) continue; // in progress
      await step(c.department!, id, { action: 'answer', answer: '已办' });
      await step(c.department!, id, { action: 'submit_review' });
      if (rand() < 0.2) continue; // in review
      await step(c.cadre!, id, { action: 'approve_close' });
      if (rand() < 0.3) await step(c.cadre!, id, { action: rand() < 0.5 ? 'archive' : 'reopen' });
    }
    // no write left a summary unstored (paused tickets too carry one, though it is never trusted)
    const rev = await currentClockRev(t.database.db);
    const rows = await q<{ n: number }>(
      t,
      `select count(*)::int as n from ticket where clock_rev is distinct from '${rev}'`,
    );
    expect(rows[0]!.n).toBe(0);
    await expectExact('after transitions');
  });

  it('shifted histories (red, late and met cards), stale rows and later transitions stay exact', async () => {
    const rand = rng(7);
    // move each new ticket's history back by 0..45 days and its 督办 deadlines by -15..+15 days, as if it were older
    for (const id of made) {
      // assigned k days ago, accepted a days later, answered b days after that, closed c days after that
      const k = Math.floor(rand() * 46);
      const a = Math.floor(rand() * (k / 6));
      const b = Math.floor(rand() * ((k - a) / 2));
      const cl = Math.floor(rand() * (k - a - b));
      await q(
        t,
        `update ticket set registered_on = registered_on - ${k}, assigned_on = assigned_on - ${k},
           accepted_on = accepted_on - ${k - a}, answered_on = answered_on - ${k - a - b},
           closed_on = closed_on - ${k - a - b - cl}
         where id = ${id}`,
      );
      await q(
        t,
        `update ticket_pause set from_date = from_date - ${k - a}, to_date = to_date - ${k - a - b} where ticket_id = ${id}`,
      );
      await q(
        t,
        `update ticket_supervision set deadline = deadline - ${Math.floor(rand() * 31) - 15},
           done_on = done_on - ${k - a - b - cl}
         where ticket_id = ${id}`,
      );
    }
    // the demo tickets were stored by the seed; the shifted ones are stored as a write would
    await storeClocks(t.database.db, made);
    const all = await expectExact('after shifting');
    for (const card of CARDS)
      expect(
        all.some((x) => x.card === card),
        `some ${card} card`,
      ).toBe(true);
    // a summary does not depend on the day it was stored, except while paused (those are always computed live)
    expect(all.filter((x) => x.row.paused).length).toBeGreaterThan(1);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 12 * 86_400_000);
      await storeClocks(
        t.database.db,
        all.map((x) => x.row.id),
      );
    } finally {
      vi.useRealTimers();
    }
    await expectExact('stored twelve days later');
    // stale rows are computed live: never computed, or stored from other dates
    const some = made.filter((_, i) => i % 3 === 0);
    await q(t, `update ticket set clock_rev = null where id in (${some.join(',')})`);
    await expectExact('with stale rows');
    await q(
      t,
      `update ticket set next_deadline = '2000-01-01', late_clock = true, clock_rev = 'stale' where id in (${some.join(',')})`,
    );
    await expectExact('with wrong stale values');
    // later transitions on shifted tickets store again
    for (const x of (await live()).filter((y) => made.includes(y.row.id))) {
      if (x.row.paused) await step(c.department!, x.row.id, { action: 'resume' });
      else if (x.row.state === 'review') await step(c.cadre!, x.row.id, { action: 'approve_close' });
      else if (x.row.state === 'in_progress')
        await step(c.leader!, x.row.id, { action: 'supervise', deadline: todayCst(), note: '今日办结' });
    }
    await expectExact('after more transitions');
  });

  it('a calendar change makes every stored summary stale until refreshed; results stay exact', async () => {
    const db = t.database.db;
    const before = await currentClockRev(db);
    // the next two weekdays become days off: deadlines move, yellow and green cards change
    const offs: string[] = [];
    for (let d = plusDays(todayCst(), 1); offs.length < 2; d = plusDays(d, 1))
      if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) offs.push(d);
    for (const d of offs) {
      const h = await call(t, c.admin!, 'PUT', `/api/v1/calendar/holidays/${d}`, {
        date: d,
        kind: 'off',
        name: '测试假日',
      });
      expect(h.statusCode, h.body).toBe(200);
    }
    const after = await currentClockRev(db);
    expect(after).not.toBe(before);
    const [{ n: valid }] = await q<{ n: number }>(
      t,
      `select count(*)::int as n from ticket where clock_rev = '${after}'`,
    );
    expect(valid).toBe(0);
    await expectExact('after the calendar change, all stale');
    const stored = await refreshStaleClocks(db);
    const [{ paused }] = await q<{ paused: number }>(t, 'select count(*)::int as paused from ticket where paused');
    const [{ total }] = await q<{ total: number }>(t, 'select count(*)::int as total from ticket');
    expect(stored).toBe(total - paused);
    const [{ stale }] = await q<{ stale: number }>(
      t,
      `select count(*)::int as stale from ticket where clock_rev is distinct from '${after}' and not paused`,
    );
    expect(stale).toBe(0);
    expect(await refreshStaleClocks(db)).toBe(0);
    await expectExact('after refresh');
    // an SLA change does the same
    await q(t, 'update ticket_sla set resolve = resolve + 1');
    expect(await currentClockRev(db)).not.toBe(after);
    await expectExact('after an SLA change');
    await refreshStaleClocks(db);
    await expectExact('after an SLA change, refreshed');
    for (const d of offs)
      expect((await call(t, c.admin!, 'DELETE', `/api/v1/calendar/holidays/${d}`)).statusCode).toBe(200);
    await q(t, 'update ticket_sla set resolve = resolve - 1');
    expect(await currentClockRev(db)).toBe(before);
  });
});

describe('the date boundary of the cards', () => {
  it('deadline yesterday is red, today and the last yellow day are yellow, the day after is green', async () => {
    const db = t.database.db;
    const basis = await loadClockBasis(db);
    const day = todayCst();
    const lastYellow = yellowUntil(day, basis.cal);
    const ent = await idOf('enterprise', '山东勇辰食品有限公司');
    const cases: [deadline: string, doneOn: string | null, card: Card][] = [
      [plusDays(day, -1), null, 'red'],
      [day, null, 'yellow'],
      [lastYellow, null, 'yellow'],
      [plusDays(lastYellow, 1), null, 'green'],
      [plusDays(day, -3), plusDays(day, -3), 'met'],
      [plusDays(day, -3), plusDays(day, -2), 'late'],
    ];
    const ids: number[] = [];
    for (const [deadline, doneOn, card] of cases) {
      const tk = (
        await call(t, c.cadre!, 'POST', '/api/v1/tickets', {
          enterpriseId: ent,
          category: 'water',
          title: `边界 ${card} ${deadline}`,
          description: '测试',
          source: 'visit',
        })
      ).json();
      ids.push(tk.id);
      // a registered ticket has one clock: the 督办 order (its deadline set by SQL, then stored as a write would)
      await step(c.leader!, tk.id, { action: 'supervise', deadline: plusDays(day, 30), note: '督办' });
      await q(
        t,
        `update ticket_supervision set deadline = '${deadline}', done_on = ${doneOn ? `'${doneOn}'` : 'null'} where ticket_id = ${tk.id}`,
      );
    }
    await storeClocks(db, ids);
    for (const [i, [, , card]] of cases.entries()) {
      expect((await get(ids[i]!)).card, `case ${i}`).toBe(card);
      if (!LISTED.includes(card)) continue;
      const listed = (await call(t, c.admin!, 'GET', `/api/v1/tickets?card=${card}&pageSize=200`)).json();
      expect(
        listed.items.map((x: any) => x.id),
        `case ${i} listed as ${card}`,
      ).toContain(ids[i]);
    }
    await expectExact('boundary');
  });

  it('a paused ticket is computed live: its deadline moves with today, whatever was stored', async () => {
    const db = t.database.db;
    const basis = await loadClockBasis(db);
    const day = todayCst();
    const tk = (
      await call(t, c.cadre!, 'POST', '/api/v1/tickets', {
        enterpriseId: await idOf('enterprise', '山东勇辰食品有限公司'),
        category: 'water',
        title: '暂停中',
        description: '测试',
        source: 'visit',
      })
    ).json();
    await step(c.cadre!, tk.id, { action: 'assign', departmentId: await idOf('department', '区自然资源局') });
    await step(c.department!, tk.id, { action: 'accept' });
    await step(c.department!, tk.id, { action: 'start' });
    await step(c.department!, tk.id, { action: 'pause', note: '等材料' });
    // accepted two working days ago, paused today: the answer clock (3 working days) is due tomorrow
    const ago = addWorkdays(day, -2, basis.cal);
    await q(t, `update ticket set assigned_on = '${ago}', accepted_on = '${ago}' where id = ${tk.id}`);
    // stored as if on a day twelve days ahead, when the pause had moved the deadline further
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 12 * 86_400_000);
      await storeClocks(db, [tk.id]);
    } finally {
      vi.useRealTimers();
    }
    expect((await get(tk.id)).card).toBe('yellow');
    const [row] = await q<{ next_deadline: string; clock_rev: string }>(t, `select * from ticket where id = ${tk.id}`);
    expect(String(row!.next_deadline) > yellowUntil(day, basis.cal) || !row!.next_deadline).toBe(true);
    expect(row!.clock_rev).toBe(basis.rev);
    const yellow = await listIds(c.admin!, 'card=yellow');
    expect(yellow.ids).toContain(tk.id);
    await expectExact('paused');
  });

  it('the stats and the daily notices read the stored summaries and agree with the live cards', async () => {
    const db = t.database.db;
    // some rows stale, so both paths count
    await q(t, 'update ticket set clock_rev = null where id % 4 = 0');
    const all = await live();
    const day = todayCst();
    const st = (await call(t, c.admin!, 'GET', `/api/v1/tickets/stats?from=2000-01-01&to=${day}`)).json();
    const closed = all.filter((x) => x.row.closedOn);
    const met = closed.filter((x) => x.summary.resolveMet).length;
    expect(st.totals.total).toBe(all.length);
    expect(st.totals.overdue).toBe(all.filter((x) => x.card === 'red').length);
    expect(st.totals.closed).toBe(closed.length);
    expect(st.totals.onTimeRate).toBe(Math.round((met / closed.length) * 10000) / 10000);
    const { dailyTicketNotices } = await import('../src/modules/tickets/tickets.jobs');
    expect(await dailyTicketNotices(db)).toBeGreaterThan(0);
    const [cadre] = await q<{ id: number; region_code: string }>(
      t,
      "select id, region_code from app_user where username = 'cadre'",
    );
    const want = new Set<string>();
    for (const x of all) {
      if (
        ['rating', 'archived'].includes(x.row.state) ||
        !x.row.ownerRegion.startsWith(regionPrefix(cadre!.region_code))
      )
        continue;
      for (const k of x.clocks)
        if (!k.doneOn && (k.card === 'red' || k.card === 'yellow'))
          want.add(`${k.card === 'red' ? 'overdue' : 'due'}:${x.row.id}:${k.key}:${day}:${cadre!.id}`);
    }
    const got = await q<{ dedupe_key: string }>(
      t,
      `select dedupe_key from notification where user_id = ${cadre!.id} and kind in ('ticket.overdue', 'ticket.dueSoon')`,
    );
    expect(want.size).toBeGreaterThan(3);
    expect(new Set(got.map((r) => r.dedupe_key))).toEqual(want);
  });
});
