import os from 'node:os';
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../core/db';
import { jobRuns } from './jobs.tables';

export const INSTANCE = `${os.hostname()}:${process.pid}`;

/** The period a run covers: the slot of `seconds` that `now` falls in (the same on every instance). */
export function periodOf(seconds: number, now = Date.now()): string {
  return `${seconds}s:${Math.floor(now / 1000 / seconds)}`;
}

/**
 * Claims `job` for `period` with a row whose primary key is (job, period): exactly one instance
 * inserts it and runs the job; the others get no row back and skip. A job that fails is not retried
 * within its period (the next period runs it again). Returns whether this instance ran it.
 */
export async function runOncePerPeriod(
  db: Db,
  job: string,
  period: string,
  fn: () => Promise<unknown>,
): Promise<boolean> {
  const claimed = await db
    .insert(jobRuns)
    .values({ job, period, instance: INSTANCE })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  if (!claimed.length) return false;
  await fn();
  return true;
}

/** Forgets run records older than `days`. */
export async function purgeJobRuns(db: Db, days = 30): Promise<void> {
  await db.delete(jobRuns).where(lt(jobRuns.startedAt, sql`now() - make_interval(days => ${days})`));
}
