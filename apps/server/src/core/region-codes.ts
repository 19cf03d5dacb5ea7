import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './db';

/**
 * Large child tables (indicators, tax rows, ticket events, project nodes and reports) carry their
 * parent's region code, so a distributed PostgreSQL (Citus) can shard every large table by region and
 * keep a parent and its children on one node (docs/deploy.md). Inserts fill it with these sub-selects,
 * a parent's region change is copied by `syncChildRegions`, and `backfillRegionCodes` runs at start.
 */
export const enterpriseRegion = (id: number | SQL): SQL => sql`(select region_code from enterprise where id = ${id})`;
export const projectRegion = (id: number | SQL): SQL => sql`(select region_code from project where id = ${id})`;
export const ticketRegion = (id: number | SQL): SQL => sql`(select region_code from ticket where id = ${id})`;
export const leadRegion = (id: number | SQL): SQL => sql`(select region_code from lead where id = ${id})`;

/** child table, its parent, the foreign key: the pairs `backfillRegionCodes` fills. */
export const REGION_CHILDREN = [
  ['enterprise_indicator', 'enterprise', 'enterprise_id'],
  ['enterprise_tax', 'enterprise', 'enterprise_id'],
  ['ticket_event', 'ticket', 'ticket_id'],
  ['ticket_department', 'ticket', 'ticket_id'],
  ['ticket_file', 'ticket', 'ticket_id'],
  ['project_node', 'project', 'project_id'],
  ['project_report', 'project', 'project_id'],
  ['project_investment', 'project', 'project_id'],
  ['lead_followup', 'lead', 'lead_id'],
] as const;

/** At start: fills child rows written without a region code (older versions, bulk loaders). */
export async function backfillRegionCodes(db: Db): Promise<void> {
  for (const [child, parent, fk] of REGION_CHILDREN) {
    await db.execute(
      sql.raw(
        `update ${child} c set region_code = p.region_code from ${parent} p ` +
          `where c.${fk} = p.id and c.region_code is null`,
      ),
    );
  }
}

/** After a parent's region changed: its children follow (call in the same transaction). */
export async function syncChildRegions(db: Db, parent: 'enterprise' | 'project' | 'ticket' | 'lead', id: number) {
  for (const [child, p, fk] of REGION_CHILDREN) {
    if (p !== parent) continue;
    await db.execute(
      sql`update ${sql.raw(child)} c set region_code = p.region_code from ${sql.raw(parent)} p
          where p.id = ${id} and c.${sql.raw(fk)} = p.id and c.region_code is distinct from p.region_code`,
    );
  }
}
