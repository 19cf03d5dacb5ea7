import {
  checkUscc,
  type EnterpriseDetail,
  type EnterpriseListQuery,
  type EnterpriseSummary,
  type enterpriseCreate,
  type enterpriseUpdate,
  maskPhone,
  usccMessage,
} from '@beizeng/contract';
import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { today as todayCst } from '../../core/dates';
import type { Db } from '../../core/db';
import { AppError, notFound, stale } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { allOf, countAll, orderBy, paginate } from '../../core/list';
import { syncChildRegions } from '../../core/region-codes';
import { regionIn, regionWithin } from '../../core/scope';
import { auditLog } from '../audit/audit.tables';
import { dictItems } from '../dicts/dicts.tables';
import { industries } from '../industries/industries.tables';
import { regions } from '../regions/regions.tables';
import { users } from '../users/users.tables';
import { industryPath, nameFields } from './derive';
import { enterprises } from './enterprises.tables';
import { planSearch } from './search';

type CreateBody = z.infer<typeof enterpriseCreate>;
type UpdateBody = z.infer<typeof enterpriseUpdate>;

/**
 * The data-scope condition on enterprises: a region subtree, the user's own enterprise, or (self) the
 * enterprises the user is paired with (帮包). A department sees the enterprises of its region.
 */
export function enterpriseScope(ctx: AuthedCtx): SQL | undefined {
  const s = ctx.actor.scope;
  switch (s.kind) {
    case 'all':
      return undefined;
    case 'region':
      return s.regionCode ? regionIn(enterprises.regionCode, s.regionCode) : sql`false`;
    case 'enterprise':
      return s.enterpriseId != null ? eq(enterprises.id, s.enterpriseId) : sql`false`;
    case 'department':
      // district departments serve the enterprises of their region (pickers for tickets and visits)
      return s.regionCode ? regionIn(enterprises.regionCode, s.regionCode) : sql`false`;
    case 'self':
      return sql`exists (select 1 from pairing p where p.enterprise_id = "enterprise"."id" and p.cadre_id = ${s.userId} and p.ended_on is null)`;
    default:
      return sql`false`;
  }
}

/** Throws 404 unless the enterprise exists and is in the actor's scope. */
export async function assertEnterpriseInScope(ctx: AuthedCtx, id: number): Promise<void> {
  const [e] = await ctx.db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), isNull(enterprises.deletedAt), enterpriseScope(ctx)));
  if (!e) throw notFound();
}

const cadreCols = sql<
  string | null
>`(select json_build_object('id', u.id, 'name', u.display_name)::text from pairing p join app_user u on u.id = p.cadre_id where p.enterprise_id = "enterprise"."id" and p.is_primary and p.ended_on is null order by p.started_on desc limit 1)`;
const honourTitles = sql<
  string[]
>`coalesce((select json_agg(distinct h.title) from honour h where h.enterprise_id = "enterprise"."id" and h.deleted_at is null and (h.expires_on is null or h.expires_on >= current_date)), '[]'::json)`;
const revenue12Num = sql`(select sum(i.revenue) from enterprise_indicator i where i.enterprise_id = "enterprise"."id" and i.month > (select max(j.month) from enterprise_indicator j where j.enterprise_id = "enterprise"."id") - interval '12 months')`;
const revenue12 = sql<string | null>`${revenue12Num}::text`;

const summaryCols = {
  id: enterprises.id,
  name: enterprises.name,
  shortName: enterprises.shortName,
  uscc: enterprises.uscc,
  regionCode: enterprises.regionCode,
  regionName: regions.name,
  industryCode: enterprises.industryCode,
  industryName: industries.name,
  chain: enterprises.chain,
  tags: enterprises.tags,
  statCategory: enterprises.statCategory,
  registerStatus: enterprises.registerStatus,
  targetRegister: enterprises.targetRegister,
  honours: honourTitles,
  cadre: cadreCols,
  revenue12,
  isDemo: enterprises.isDemo,
  version: enterprises.version,
};

function toSummary(r: any): EnterpriseSummary {
  const cadre = r.cadre ? JSON.parse(r.cadre) : null;
  const { cadre: _c, ...rest } = r;
  return {
    ...rest,
    honours: typeof r.honours === 'string' ? JSON.parse(r.honours) : (r.honours ?? []),
    cadreId: cadre?.id ?? null,
    cadreName: cadre?.name ?? null,
    revenue12: r.revenue12 ?? null,
  };
}

function searchWhere(q: string | undefined): SQL | undefined {
  const plan = q ? planSearch(q) : null;
  if (!plan) return undefined;
  switch (plan.kind) {
    case 'uscc':
      return eq(enterprises.uscc, plan.uscc);
    case 'usccPrefix':
      return sql`${enterprises.uscc} like ${`${plan.prefix}%`}`;
    case 'pinyin':
      return and(
        sql`${enterprises.searchTokens} @> ${toArray(plan.tokens)}`,
        sql`position(${plan.text} in ${enterprises.pinyinInitials}) > 0`,
      );
    case 'name':
      return and(
        sql`${enterprises.searchTokens} @> ${toArray(plan.tokens)}`,
        sql`(position(${plan.text} in ${enterprises.nameNorm}) > 0 or position(${plan.text} in lower(coalesce(${enterprises.shortName}, ''))) > 0)`,
      );
  }
}

const toArray = (xs: string[]) =>
  sql`array[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;

function listWhere(ctx: AuthedCtx, q: Partial<EnterpriseListQuery>): SQL | undefined {
  return allOf(
    isNull(enterprises.deletedAt),
    enterpriseScope(ctx),
    searchWhere(q.q),
    q.regionCode ? regionIn(enterprises.regionCode, q.regionCode) : undefined,
    q.industrySection ? eq(enterprises.industrySection, q.industrySection) : undefined,
    q.industryDivision ? eq(enterprises.industryDivision, q.industryDivision) : undefined,
    q.statCategory ? eq(enterprises.statCategory, q.statCategory) : undefined,
    q.registerStatus ? eq(enterprises.registerStatus, q.registerStatus) : undefined,
    q.chain ? eq(enterprises.chain, q.chain) : undefined,
    q.tag ? sql`${enterprises.tags} @> array[${q.tag}]::text[]` : undefined,
    q.honour
      ? sql`exists (select 1 from honour h where h.enterprise_id = "enterprise"."id" and h.title = ${q.honour} and h.deleted_at is null)`
      : undefined,
    q.cadreId != null
      ? sql`exists (select 1 from pairing p where p.enterprise_id = "enterprise"."id" and p.cadre_id = ${q.cadreId} and p.ended_on is null)`
      : undefined,
    q.pool
      ? sql`exists (select 1 from enterprise_pool_member m join enterprise_pool ep on ep.id = m.pool_id where m.enterprise_id = "enterprise"."id" and ep.code = ${q.pool})`
      : undefined,
    q.demo ? eq(enterprises.isDemo, q.demo === 'true') : undefined,
  );
}

const SORTABLE = {
  name: enterprises.pinyinKey,
  id: enterprises.id,
  updatedAt: enterprises.updatedAt,
  registerStatus: enterprises.registerStatus,
};

function baseSelect(db: Db) {
  return db
    .select(summaryCols)
    .from(enterprises)
    .leftJoin(regions, eq(regions.code, enterprises.regionCode))
    .leftJoin(industries, eq(industries.code, enterprises.industryCode));
}

export async function listEnterprises(ctx: AuthedCtx, q: EnterpriseListQuery) {
  const where = listWhere(ctx, q);
  const sortRevenue = q.sort === 'revenue12' || q.sort === '-revenue12';
  const order = sortRevenue
    ? [q.sort!.startsWith('-') ? sql`${revenue12Num} desc nulls last` : sql`${revenue12Num} asc nulls last`]
    : orderBy(q.sort, SORTABLE, asc(enterprises.pinyinKey));
  const page = await paginate<any>(
    q,
    () =>
      baseSelect(ctx.read)
        .where(where)
        .orderBy(...order, asc(enterprises.id))
        .$dynamic(),
    () => ctx.read.select({ n: countAll }).from(enterprises).where(where),
  );
  return { ...page, items: page.items.map(toSummary) };
}

export async function* exportEnterprises(ctx: AuthedCtx, q: EnterpriseListQuery) {
  const where = listWhere(ctx, q);
  // keyset pages of 2,000 so a 100,000-row export never holds everything in memory
  let lastId = 0;
  for (;;) {
    const rows = await baseSelect(ctx.read)
      .where(and(where, sql`${enterprises.id} > ${lastId}`))
      .orderBy(asc(enterprises.id))
      .limit(2000);
    if (!rows.length) return;
    for (const r of rows) yield toSummary(r);
    lastId = rows[rows.length - 1]!.id;
  }
}

export async function getEnterprise(ctx: AuthedCtx, id: number): Promise<EnterpriseDetail> {
  const [r] = await ctx.db
    .select({
      ...summaryCols,
      usccOverride: enterprises.usccOverride,
      address: enterprises.address,
      industrySection: enterprises.industrySection,
      industryDivision: enterprises.industryDivision,
      registerDate: enterprises.registerDate,
      exitDate: enterprises.exitDate,
      legalPerson: enterprises.legalPerson,
      contactName: enterprises.contactName,
      contactPhone: enterprises.contactPhone,
      establishedOn: enterprises.establishedOn,
      registeredCapital: enterprises.registeredCapital,
      facts: enterprises.facts,
      note: enterprises.note,
      createdAt: enterprises.createdAt,
      updatedAt: enterprises.updatedAt,
    })
    .from(enterprises)
    .leftJoin(regions, eq(regions.code, enterprises.regionCode))
    .leftJoin(industries, eq(industries.code, enterprises.industryCode))
    .where(and(eq(enterprises.id, id), isNull(enterprises.deletedAt), enterpriseScope(ctx)));
  if (!r) throw notFound();
  const phone = r.contactPhone as string | null;
  return {
    ...toSummary(r),
    usccOverride: r.usccOverride,
    address: r.address,
    industrySection: r.industrySection,
    industryDivision: r.industryDivision,
    registerDate: r.registerDate,
    exitDate: r.exitDate,
    legalPerson: r.legalPerson,
    contactName: r.contactName,
    // masked for everyone; GET /enterprises/:id/contact-phone reveals it (pii:view, audited)
    contactPhone: maskPhone(phone),
    establishedOn: r.establishedOn,
    registeredCapital: r.registeredCapital,
    facts: (r.facts ?? {}) as Record<string, number | string | boolean | null>,
    note: r.note,
    registrationRegion: r.uscc && checkUscc(r.uscc).ok ? r.uscc.slice(2, 8) : null,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

type FieldError = { path: string; message: string };

/** Validates codes, references and uniqueness; returns the derived columns to store. */
async function prepare(ctx: AuthedCtx, body: Partial<CreateBody>, selfId?: number) {
  const zh = ctx.lang !== 'en';
  const errs: FieldError[] = [];
  const derived: Record<string, unknown> = {};
  let duplicate: { id: number; name: string; by: 'uscc' | 'name' } | null = null;

  if (body.uscc !== undefined) {
    if (body.uscc === null || body.uscc === '') derived.uscc = null;
    else {
      const r = checkUscc(body.uscc);
      if (!r.ok) {
        if (!body.usccOverride)
          errs.push({
            path: 'body.uscc',
            message: `${usccMessage(r.problem!, zh ? 'zh' : 'en')}${zh ? '。如确认代码无误，可由管理员填写放行理由。' : '. An administrator may accept it with a reason.'}`,
          });
        else if (!ctx.actor.permissions.has('enterprise:override'))
          errs.push({
            path: 'body.usccOverride',
            message: zh ? '只有管理员可以放行未通过校验的信用代码' : 'Only an administrator may accept a failing USCC',
          });
        else derived.usccOverride = body.usccOverride;
      } else derived.usccOverride = null;
      derived.uscc = r.value;
      if (r.value.length === 18) {
        const [dup] = await ctx.db
          .select({ id: enterprises.id, name: enterprises.name })
          .from(enterprises)
          .where(
            and(
              eq(enterprises.uscc, r.value),
              isNull(enterprises.deletedAt),
              selfId ? ne(enterprises.id, selfId) : undefined,
            ),
          );
        if (dup) duplicate = { ...dup, by: 'uscc' };
      }
    }
  }
  if (body.name !== undefined) {
    Object.assign(derived, nameFields(body.name, body.shortName));
    const [dup] = await ctx.db
      .select({ id: enterprises.id, name: enterprises.name })
      .from(enterprises)
      .where(
        and(
          eq(enterprises.nameNorm, derived.nameNorm as string),
          isNull(enterprises.deletedAt),
          selfId ? ne(enterprises.id, selfId) : undefined,
        ),
      );
    if (dup && !duplicate) duplicate = { ...dup, by: 'name' };
  }
  if (duplicate) {
    throw new AppError(
      'DUPLICATE',
      [
        {
          path: duplicate.by === 'uscc' ? 'body.uscc' : 'body.name',
          message: zh
            ? `已存在${duplicate.by === 'uscc' ? '相同信用代码' : '同名'}的企业：${duplicate.name}`
            : `An enterprise with the same ${duplicate.by === 'uscc' ? 'USCC' : 'name'} exists: ${duplicate.name}`,
        },
      ],
      { existingId: duplicate.id, existingName: duplicate.name, link: `/enterprises/${duplicate.id}` },
    );
  }
  if (body.regionCode) {
    const [r] = await ctx.db.select({ c: regions.code }).from(regions).where(eq(regions.code, body.regionCode));
    if (!r) errs.push({ path: 'body.regionCode', message: zh ? '行政区划代码不存在' : 'Unknown region code' });
    else if (ctx.actor.scope.kind === 'region' && !regionWithin(body.regionCode, ctx.actor.regionCode))
      errs.push({
        path: 'body.regionCode',
        message: zh ? '所在地不在本辖区内' : 'The address region is outside your scope',
      });
  }
  if (body.industryCode !== undefined) {
    if (!body.industryCode) Object.assign(derived, { industrySection: null, industryDivision: null });
    else {
      const path = await industryPath(ctx.db, body.industryCode);
      if (!path)
        errs.push({
          path: 'body.industryCode',
          message: zh
            ? `行业代码 ${body.industryCode} 不在 GB/T 4754-2017 中`
            : `Industry code ${body.industryCode} is not in GB/T 4754-2017`,
        });
      else Object.assign(derived, path);
    }
  }
  const dictChecks: [keyof CreateBody, string, string[]][] = [
    ['chain', 'industry_chain', body.chain ? [body.chain] : []],
    ['statCategory', 'stat_category', body.statCategory ? [body.statCategory] : []],
    ['targetRegister', 'stat_category', body.targetRegister ? [body.targetRegister] : []],
    ['tags', 'enterprise_tag', body.tags ?? []],
  ];
  for (const [field, type, values] of dictChecks) {
    if (!values.length) continue;
    const found = await ctx.db
      .select({ v: dictItems.value })
      .from(dictItems)
      .where(and(eq(dictItems.typeCode, type), inArray(dictItems.value, values)));
    const missing = values.filter((v) => !found.some((f) => f.v === v));
    if (missing.length)
      errs.push({
        path: `body.${field}`,
        message: `${zh ? '字典中没有' : 'Not in the dictionary'}: ${missing.join(', ')}`,
      });
  }
  if (body.registerDate && body.exitDate && body.exitDate < body.registerDate)
    errs.push({
      path: 'body.exitDate',
      message: zh ? '退库日期不能早于入库日期' : 'Exit date is before the register date',
    });
  const today = todayCst();
  for (const f of ['registerDate', 'exitDate', 'establishedOn'] as const)
    if (body[f] && body[f]! > today)
      errs.push({ path: `body.${f}`, message: zh ? '日期不能晚于今天' : 'The date is in the future' });
  if (errs.length) throw new AppError('VALIDATION', errs);
  return derived;
}

export async function createEnterprise(ctx: AuthedCtx, body: CreateBody): Promise<EnterpriseDetail> {
  const derived = await prepare(ctx, body);
  const [row] = await ctx.db
    .insert(enterprises)
    .values({
      ...body,
      ...derived,
      name: body.name,
      regionCode: body.regionCode,
      createdBy: ctx.actor.id,
      updatedBy: ctx.actor.id,
    } as typeof enterprises.$inferInsert)
    .returning({ id: enterprises.id });
  const after = await getEnterprise(ctx, row!.id);
  await audit(ctx, { entity: 'enterprise', entityId: row!.id, after: { ...after, enterpriseId: row!.id } });
  return after;
}

export async function updateEnterprise(ctx: AuthedCtx, id: number, body: UpdateBody): Promise<EnterpriseDetail> {
  const before = await getEnterprise(ctx, id);
  if (before.version !== body.version) throw stale(before);
  const { version, ...fields } = body;
  if (fields.name !== undefined && fields.shortName === undefined) fields.shortName = before.shortName;
  if (fields.usccOverride && fields.uscc === undefined) fields.uscc = before.uscc;
  const derived = await prepare(ctx, fields, id);
  const res = await ctx.db
    .update(enterprises)
    .set({
      ...fields,
      ...derived,
      updatedAt: new Date(),
      updatedBy: ctx.actor.id,
      version: sql`${enterprises.version} + 1`,
    } as any)
    .where(and(eq(enterprises.id, id), eq(enterprises.version, version)))
    .returning({ id: enterprises.id });
  if (!res.length) throw stale();
  if (fields.regionCode && fields.regionCode !== before.regionCode) await syncChildRegions(ctx.db, 'enterprise', id);
  const after = await getEnterprise(ctx, id);
  await audit(ctx, {
    entity: 'enterprise',
    entityId: id,
    before,
    after: {
      ...after,
      enterpriseId: id,
      ...(derived.usccOverride ? { usccOverrideReason: derived.usccOverride } : {}),
    },
  });
  return after;
}

export async function deleteEnterprise(ctx: AuthedCtx, id: number, version: number): Promise<void> {
  const before = await getEnterprise(ctx, id);
  if (before.version !== version) throw stale(before);
  await ctx.db
    .update(enterprises)
    .set({ deletedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${enterprises.version} + 1` })
    .where(eq(enterprises.id, id));
  await audit(ctx, { entity: 'enterprise', entityId: id, before, after: { enterpriseId: id, deleted: true } });
}

/** One timeline of everything that touched the enterprise: every audited change that names it. */
export async function timeline(ctx: AuthedCtx, id: number) {
  await assertEnterpriseInScope(ctx, id);
  const rows = await ctx.db
    .select({
      at: auditLog.at,
      module: auditLog.module,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      username: auditLog.username,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(
      and(
        sql`((${auditLog.entity} = 'enterprise' and ${auditLog.entityId} = ${String(id)}) or (${auditLog.after} ->> 'enterpriseId') = ${String(id)})`,
        await timelineVisibility(ctx),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(200);
  const names = new Map<string, string>();
  const usernames = [...new Set(rows.map((r) => r.username).filter(Boolean))] as string[];
  if (usernames.length) {
    for (const u of await ctx.db
      .select({ username: users.username, name: users.displayName })
      .from(users)
      .where(inArray(users.username, usernames)))
      names.set(u.username, u.name);
  }
  return {
    items: rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      kind: `${r.module}.${r.action}`,
      title: `${r.module}.${r.action}`,
      detail: describe(r.after),
      by: r.username ? (names.get(r.username) ?? r.username) : null,
      link: linkOf(r.entity, r.entityId),
    })),
  };
}

/**
 * Timeline rows about a ticket, project, lead or visit (and their files) show only to a user who may see that
 * record: seeing an enterprise does not open its tickets to another department, nor its projects to the enterprise.
 */
async function timelineVisibility(ctx: AuthedCtx): Promise<SQL> {
  // imported on use: these modules import this one
  const [{ ticketScope }, { projectScope }, { leadScope }] = await Promise.all([
    import('../tickets/tickets.service'),
    import('../projects/projects.service'),
    import('../leads/leads.service'),
  ]);
  const p = ctx.actor.permissions;
  const s = ctx.actor.scope;
  const rows = (entity: string, permission: string, table: string, scope: SQL | undefined) =>
    p.has(permission)
      ? sql`(${auditLog.entity} = ${entity} and ${auditLog.entityId} in (select "id"::text from ${sql.identifier(table)} where ${scope ?? sql`true`}))`
      : sql`false`;
  const visitScope = s.kind === 'department' ? sql`"visit"."department_id" = ${s.departmentId ?? -1}` : undefined;
  return sql`(${auditLog.entity} is null or ${auditLog.entity} not in ('ticket', 'project', 'lead', 'visit') or ${rows('ticket', 'ticket:list', 'ticket', ticketScope(ctx))} or ${rows('project', 'project:list', 'project', projectScope(ctx))} or ${rows('lead', 'lead:list', 'lead', leadScope(ctx))} or ${rows('visit', 'visit:list', 'visit', visitScope)})`;
}

const LINKS: Record<string, string> = { ticket: '/tickets/', project: '/projects/', lead: '/leads/' };
/** A page that shows the entity, where there is one. */
function linkOf(entity: string | null, id: string | null): string | null {
  if (!entity || !id || !LINKS[entity]) return null;
  return `${LINKS[entity]}${id}`;
}

function describe(after: unknown): string | null {
  if (!after || typeof after !== 'object') return null;
  const a = after as Record<string, unknown>;
  for (const k of ['month', 'title', 'name', 'summary', 'status'])
    if (typeof a[k] === 'string') return String(a[k]).slice(0, 200);
  return null;
}

export async function revealContactPhone(ctx: AuthedCtx, id: number): Promise<{ phone: string | null }> {
  await assertEnterpriseInScope(ctx, id);
  const [e] = await ctx.db.select({ phone: enterprises.contactPhone }).from(enterprises).where(eq(enterprises.id, id));
  await audit(ctx, {
    entity: 'enterprise',
    entityId: id,
    action: 'unmask',
    after: { enterpriseId: id, field: 'contactPhone' },
  });
  return { phone: e?.phone ?? null };
}
