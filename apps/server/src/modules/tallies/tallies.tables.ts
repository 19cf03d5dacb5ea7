import { char, date, index, integer, numeric, pgTable, smallint, text } from 'drizzle-orm/pg-core';

/**
 * Counts and sums the cockpit reads at province scale, as a ledger of signed changes per region, fact and day,
 * kept at every level of region (a province's cockpit reads one row per fact, not one per town),
 * written by statement triggers on enterprise, enterprise_indicator, project, project_investment, lead and ticket
 * (migrations 0015, 0017):
 * each trigger adds the facts of the new rows and takes away those of the old rows, so the ledger always equals
 * a live count over the tables, in the same transaction. Inserts only (no hot rows, no locks between writers);
 * `compactTallies` folds the rows of a region, fact and day into one. Facts (`day` 1970-01-01 when undated):
 * - `ent_in`, `ent_in_ind` enterprises in the registers, and in the industrial register (n);
 * - `out` confirmed output of enterprises in the industrial register, by month (amount);
 * - `inv` completed investment of projects not deleted, by month (amount);
 * - `prj:<stage>:<suspended>` projects not deleted (n, amount = total investment);
 * - `light:<light>:<light_rev>` stored project lights, by light_on (n);
 * - `lead:<stage>` leads (n, amount = intended investment);
 * - `tkt_open` tickets not in rating or archived (n);
 * - `tkt_due:<clock_rev>` stored earliest open deadline of tickets not paused, by that day (n);
 * - `tkt_closed:<clock_rev>` closed tickets not paused, by the month of closed_on (n, amount = resolve clock met).
 *
 * Compaction also moves the rows of `tkt_due` and `light` dated before today to 1970-01-01: the former are only
 * ever summed as "before today", the latter only read for today, and today only moves forward.
 */
export const tallies = pgTable(
  'tally_ledger',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The region the row sums over: every row of the tables is counted once at each region containing it. */
    regionCode: char('region_code', { length: 12 }).notNull(),
    /** Significant digits of `regionCode` (province 2, city 4, district 6, town 9, village 12). */
    span: smallint('span').notNull(),
    fact: text('fact').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    n: integer('n').notNull(),
    amount: numeric('amount', { precision: 20, scale: 2 }).notNull(),
  },
  (t) => [index('tally_ledger_fact_span_region_day_idx').on(t.fact, t.span, t.regionCode, t.day)],
);
