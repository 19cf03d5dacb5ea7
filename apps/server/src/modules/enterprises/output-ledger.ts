import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../core/db';

/**
 * Folds the rows of output_ledger (written by the triggers of migration 0012) into one row per region and
 * month. Only the rows it deletes are summed into the row it inserts, so writers that add rows meanwhile
 * (their rows are not visible to the delete, or are newer) never lose an amount; regions and months whose
 * sum is zero disappear. Returns the number of rows folded away.
 */
export async function compactOutputLedger(db: Db): Promise<number> {
  const r = await db.execute(sql`
    with folded as (
      delete from output_ledger l
      using (select region_code, month from output_ledger group by region_code, month having count(*) > 1) g
      where l.region_code = g.region_code and l.month = g.month
      returning l.region_code, l.month, l.output
    ), added as (
      insert into output_ledger (region_code, month, output)
      select region_code, month, sum(output) from folded group by region_code, month having sum(output) <> 0
      returning 1
    )
    select (select count(*) from folded)::int - (select count(*) from added)::int as n`);
  return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
}
