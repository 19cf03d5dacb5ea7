import { TICKET_STATE_LABELS, type ticketCreate, type ticketListQuery, type transitionBody } from '@beizeng/contract';
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { today } from '../../core/dates';
import type { Db } from '../../core/db';
import { AppError, notFound, stale } from '../../core/errors';
import { acceptFile, MAX_FILE_BYTES } from '../../core/files';
import type { AuthedCtx } from '../../core/http';
import { allOf, contains, countAll, paginate } from '../../core/list';
import { notify } from '../../core/notify';
import { ticketRegion } from '../../core/region-codes';
import { regionIn, regionWithin } from '../../core/scope';
import { loadCalendar } from '../calendar/calendar.service';
import { departments } from '../departments/departments.tables';
import { dictItems } from '../dicts/dicts.tables';
import { assertEnterpriseInScope } from '../enterprises/enterprises.service';
import { enterprises } from '../enterprises/enterprises.tables';
import { regions } from '../regions/regions.tables';
import { roles } from '../roles/roles.tables';
import { userRoles, users } from '../users/users.tables';
import { type Clock, clocks, type SlaLimits, worstCard } from './clock';
import { cardCondition, invalidClocks, storeClocks } from './tickets.clocks';
import {
  ticketDepartments,
  ticketEvents,
  ticketFiles,
  ticketPauses,
  ticketSlas,
  ticketSupervisions,
  tickets,
} from './tickets.tables';
import { decide, type Party, TICKET_ACTIONS, type TicketAction, type TicketState } from './workflow';

const ACTION_ZH: Record<string, string> = {
  assign: '交办',
  accept: '签收',
  start: '开始办理',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  reject_extension: '驳回延期',
  request_return: '申请退回',
  approve_return: '同意退回',
  reject_return: '驳回退回',
  pause: '暂停计时',
  resume: '恢复计时',
  answer: '答复',
  submit_review: '提交办结审核',
  approve_close: '审核办结',
  reject_close: '审核退回',
  rate: '评价',
  reopen: '重办',
  archive: '归档',
  escalate: '提级',
  supervise: '督办',
  note: '备注',
};

const DISTRICT_LEN = 6;

/** Data scope on tickets: region subtree, the department's assigned tickets, the enterprise's own, or self. */
export function ticketScope(ctx: AuthedCtx): SQL | undefined {
  const s = ctx.actor.scope;
  switch (s.kind) {
    case 'all':
      return undefined;
    case 'region':
      return s.regionCode ? regionIn(tickets.regionCode, s.regionCode) : sql`false`;
    case 'department':
      return s.departmentId != null
        ? sql`exists (select 1 from ticket_department d where d.ticket_id = "ticket"."id" and d.department_id = ${s.departmentId} and d.active)`
        : sql`false`;
    case 'enterprise':
      return s.enterpriseId != null ? eq(tickets.enterpriseId, s.enterpriseId) : sql`false`;
    case 'self':
      return sql`(${tickets.createdBy} = ${s.userId} or exists (select 1 from pairing p where p.enterprise_id = "ticket"."enterprise_id" and p.cadre_id = ${s.userId} and p.ended_on is null))`;
  }
}

export type TicketRow = typeof tickets.$inferSelect;

async function loadRow(ctx: AuthedCtx, id: number): Promise<TicketRow> {
  const [t] = await ctx.db
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, id), ticketScope(ctx)));
  if (!t) throw notFound();
  return t;
}

/** The parties the actor plays on this ticket. */
async function partiesOf(ctx: AuthedCtx, t: TicketRow): Promise<Party[]> {
  const a = ctx.actor;
  const out: Party[] = [];
  const canEdit = a.permissions.has('ticket:edit');
  if (a.enterpriseId === t.enterpriseId && a.scope.kind === 'enterprise') out.push('enterprise');
  if (canEdit && a.scope.kind === 'all') out.push('dispatcher');
  else if (canEdit && a.scope.kind === 'region' && a.regionCode && regionWithin(t.ownerRegion, a.regionCode))
    out.push('dispatcher');
  if (canEdit && a.departmentId != null) {
    const [lead] = await ctx.db
      .select({ id: ticketDepartments.id })
      .from(ticketDepartments)
      .where(
        and(
          eq(ticketDepartments.ticketId, t.id),
          eq(ticketDepartments.departmentId, a.departmentId),
          eq(ticketDepartments.role, 'lead'),
          eq(ticketDepartments.active, true),
        ),
      );
    if (lead) out.push('handler');
  }
  if (a.permissions.has('ticket:supervise')) out.push('supervisor');
  return out;
}

export type SlaRow = typeof ticketSlas.$inferSelect;

/** The time limits in force for a ticket: the most specific SLA row (category, then level), latest first. */
function limitsFor(rows: SlaRow[], t: Pick<TicketRow, 'category' | 'level' | 'complex'>, on: string): SlaLimits {
  const fit = rows
    .filter(
      (r) =>
        r.effectiveFrom <= on &&
        (!r.effectiveTo || r.effectiveTo >= on) &&
        (r.category === null || r.category === t.category) &&
        (r.level === null || r.level === t.level),
    )
    .sort(
      (a, b) =>
        Number(b.category !== null) - Number(a.category !== null) ||
        Number(b.level !== null) - Number(a.level !== null) ||
        (a.effectiveFrom < b.effectiveFrom ? 1 : -1),
    )[0];
  const r = fit ?? { sign: 1, answer: 3, resolve: 15, complexResolve: 30 };
  return { sign: r.sign, answer: r.answer, resolve: t.complex ? r.complexResolve : r.resolve };
}

/**
 * The clocks of many tickets at once: SLA rows, pauses, 督办 orders and the calendar are read in one query
 * each (per 10,000 tickets), whatever the number of tickets (lists, stats, the cockpit and the daily notices all need this).
 */
export async function clocksForMany(
  db: Db,
  rows: TicketRow[],
  cal?: Awaited<ReturnType<typeof loadCalendar>>,
  /** The SLA rows and the day to use (tickets.clocks.ts passes the ones its revision was computed from). */
  opts?: { slas?: SlaRow[]; today?: string },
): Promise<Map<number, Clock[]>> {
  const out = new Map<number, Clock[]>();
  if (!rows.length) return out;
  const calendar = cal ?? (await loadCalendar(db));
  const slas = opts?.slas ?? (await db.select().from(ticketSlas));
  const pauses = new Map<number, { from: string; to: string | null }[]>();
  const sups = new Map<number, { deadline: string; doneOn: string | null }[]>();
  const push = <T>(m: Map<number, T[]>, k: number, v: T) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  // ids in slices, so a district-wide list stays under PostgreSQL's 65,535 bound parameters
  for (let i = 0; i < rows.length; i += 10_000) {
    const ids = rows.slice(i, i + 10_000).map((t) => t.id);
    for (const p of await db.select().from(ticketPauses).where(inArray(ticketPauses.ticketId, ids)))
      push(pauses, p.ticketId, { from: p.fromDate, to: p.toDate });
    for (const s of await db.select().from(ticketSupervisions).where(inArray(ticketSupervisions.ticketId, ids)))
      push(sups, s.ticketId, { deadline: s.deadline, doneOn: s.doneOn });
  }
  const t0 = opts?.today ?? today();
  for (const t of rows) {
    out.set(
      t.id,
      clocks(
        {
          assignedOn: t.assignedOn,
          acceptedOn: t.acceptedOn,
          answeredOn: t.answeredOn,
          closedOn: t.closedOn,
          extensionDays: t.extensionDays,
          pauses: pauses.get(t.id) ?? [],
          supervisions: sups.get(t.id) ?? [],
        },
        limitsFor(slas, t, t.assignedOn ?? t.registeredOn),
        t0,
        calendar,
      ),
    );
  }
  return out;
}

export async function clocksFor(
  db: Db,
  t: TicketRow,
  cal?: Awaited<ReturnType<typeof loadCalendar>>,
): Promise<Clock[]> {
  return (await clocksForMany(db, [t], cal)).get(t.id)!;
}

const leadName = sql<
  string | null
>`(select d2.name from ticket_department td join department d2 on d2.id = td.department_id where td.ticket_id = "ticket"."id" and td.role = 'lead' and td.active order by td.id desc limit 1)`;
const supervised = sql<boolean>`exists (select 1 from ticket_supervision s where s.ticket_id = "ticket"."id" and s.done_on is null)`;

const summaryCols = {
  id: tickets.id,
  code: tickets.code,
  title: tickets.title,
  enterpriseId: tickets.enterpriseId,
  enterpriseName: enterprises.name,
  regionName: regions.name,
  category: tickets.category,
  source: tickets.source,
  priority: tickets.priority,
  state: tickets.state,
  level: tickets.level,
  leadDepartment: leadName,
  registeredOn: tickets.registeredOn,
  supervised,
  paused: tickets.paused,
  rating: tickets.rating,
  isDemo: tickets.isDemo,
  version: tickets.version,
};

function listWhere(ctx: AuthedCtx, q: Partial<z.infer<typeof ticketListQuery>>) {
  return allOf(
    ticketScope(ctx),
    q.state ? eq(tickets.state, q.state) : undefined,
    q.open === 'true'
      ? sql`${tickets.state} not in ('rating', 'archived')`
      : q.open === 'false'
        ? sql`${tickets.state} in ('rating', 'archived')`
        : undefined,
    q.category ? eq(tickets.category, q.category) : undefined,
    q.enterpriseId != null ? eq(tickets.enterpriseId, q.enterpriseId) : undefined,
    q.departmentId != null
      ? sql`exists (select 1 from ticket_department d where d.ticket_id = "ticket"."id" and d.department_id = ${q.departmentId} and d.active)`
      : undefined,
    q.supervised === 'true' ? supervised : undefined,
    q.level ? eq(tickets.level, q.level) : undefined,
    q.q
      ? sql`(${tickets.title} ilike ${contains(q.q)} or ${tickets.code} = ${q.q} or ${enterprises.name} ilike ${contains(q.q)})`
      : undefined,
  );
}

export async function listTickets(ctx: AuthedCtx, q: z.infer<typeof ticketListQuery>) {
  const filters = listWhere(ctx, q);
  // a card filter is SQL over the stored clock summaries, plus the rows computed live (tickets.clocks.ts)
  const where = q.card
    ? allOf(
        filters,
        await cardCondition(ctx.db, q.card, async (rev) =>
          (
            await ctx.db
              .select({ t: tickets })
              .from(tickets)
              .innerJoin(enterprises, eq(enterprises.id, tickets.enterpriseId))
              .where(allOf(filters, invalidClocks(rev)))
          ).map((r) => r.t),
        ),
      )
    : filters;
  const cal = await loadCalendar(ctx.db);
  const base = () =>
    ctx.db
      .select(summaryCols)
      .from(tickets)
      .innerJoin(enterprises, eq(enterprises.id, tickets.enterpriseId))
      .leftJoin(regions, eq(regions.code, tickets.regionCode));
  const withCards = async (rows: any[]) => {
    const full = rows.length
      ? await ctx.db
          .select()
          .from(tickets)
          .where(
            inArray(
              tickets.id,
              rows.map((r) => r.id),
            ),
          )
      : [];
    const all = await clocksForMany(ctx.db, full, cal);
    const out = [];
    for (const r of rows) {
      const cs = all.get(r.id)!;
      const open = cs.filter((c) => !c.doneOn);
      out.push({
        ...r,
        card: worstCard(cs),
        nextDeadline: open.map((c) => c.deadline).sort()[0] ?? null,
      });
    }
    return out;
  };
  const p = await paginate<any>(
    q,
    () => base().where(where).orderBy(desc(tickets.registeredOn), desc(tickets.id)).$dynamic(),
    () =>
      ctx.db
        .select({ n: countAll })
        .from(tickets)
        .innerJoin(enterprises, eq(enterprises.id, tickets.enterpriseId))
        .where(where),
  );
  return { ...p, items: await withCards(p.items) };
}

export async function getTicket(ctx: AuthedCtx, id: number) {
  const t = await loadRow(ctx, id);
  const [s] = await ctx.db
    .select(summaryCols)
    .from(tickets)
    .innerJoin(enterprises, eq(enterprises.id, tickets.enterpriseId))
    .leftJoin(regions, eq(regions.code, tickets.regionCode))
    .where(eq(tickets.id, id));
  const parties = await partiesOf(ctx, t);
  const isEnterprise = parties.includes('enterprise') && parties.length === 1;
  const cs = await clocksFor(ctx.db, t);
  const deps = await ctx.db
    .select({ departmentId: ticketDepartments.departmentId, name: departments.name, role: ticketDepartments.role })
    .from(ticketDepartments)
    .innerJoin(departments, eq(departments.id, ticketDepartments.departmentId))
    .where(and(eq(ticketDepartments.ticketId, id), eq(ticketDepartments.active, true)))
    .orderBy(asc(ticketDepartments.id));
  const sups = await ctx.db
    .select()
    .from(ticketSupervisions)
    .where(eq(ticketSupervisions.ticketId, id))
    .orderBy(asc(ticketSupervisions.id));
  const files = await ctx.db
    .select({
      id: ticketFiles.id,
      name: ticketFiles.name,
      size: ticketFiles.size,
      mime: ticketFiles.mime,
      uploadedAt: ticketFiles.uploadedAt,
      internal: ticketFiles.internal,
    })
    .from(ticketFiles)
    .where(eq(ticketFiles.ticketId, id))
    .orderBy(asc(ticketFiles.id));
  const events = await ctx.db
    .select()
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, id))
    .orderBy(asc(ticketEvents.id));
  const flags = {
    paused: t.paused,
    extensionRequested: t.extensionRequested,
    returnRequested: t.returnRequested,
    level: t.level,
  };
  const actions = TICKET_ACTIONS.filter(
    (a) =>
      decide(t.state, a, parties, flags).ok &&
      (a !== 'escalate' || ctx.actor.permissions.has('ticket:escalate')) &&
      (a !== 'supervise' || ctx.actor.permissions.has('ticket:supervise')),
  );
  return {
    ...s!,
    card: worstCard(cs),
    nextDeadline:
      cs
        .filter((c) => !c.doneOn)
        .map((c) => c.deadline)
        .sort()[0] ?? null,
    description: t.description,
    complex: t.complex,
    answer: t.answer,
    solvedConfirmed: t.solvedConfirmed,
    extensionRequested: t.extensionRequested,
    requestedExtensionDays: t.requestedExtensionDays,
    extensionDays: t.extensionDays,
    returnRequested: t.returnRequested,
    handedOnTo: t.handedOnTo,
    reopenCount: t.reopenCount,
    departments: deps,
    clocks: cs,
    supervisions: sups.map((x) => ({
      id: x.id,
      deadline: x.deadline,
      content: x.content,
      issuedAt: x.issuedAt.toISOString(),
      doneOn: x.doneOn,
    })),
    files: files
      .filter((f) => !(isEnterprise && f.internal))
      .map((f) => ({ ...f, uploadedAt: new Date(f.uploadedAt).toISOString() })),
    events: events
      .filter((e) => !(isEnterprise && e.internal))
      .map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorName: e.actorName,
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        note: e.note,
        internal: e.internal,
      })),
    actions,
  };
}

async function checkDict(ctx: AuthedCtx, type: string, value: string, path: string) {
  const [d] = await ctx.db
    .select({ v: dictItems.value })
    .from(dictItems)
    .where(and(eq(dictItems.typeCode, type), eq(dictItems.value, value)));
  if (!d)
    throw new AppError('VALIDATION', [
      { path, message: ctx.lang === 'en' ? `Unknown value ${value}` : `“${value}”不在字典中` },
    ]);
}

async function nextCode(db: Db, regionCode: string, on: string): Promise<string> {
  const prefix = `${regionCode.slice(6, 9) === '000' ? 'QX' : 'XZ'}${on.slice(0, 4)}`;
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(sql`${tickets.code} like ${`${prefix}-%`}`);
  return `${prefix}-${String((r?.n ?? 0) + 1).padStart(5, '0')}`;
}

async function recordEvent(
  ctx: AuthedCtx,
  ticketId: number,
  action: string,
  from: string | null,
  to: string | null,
  note: string | null | undefined,
  internal = false,
  data: unknown = null,
) {
  await ctx.db.insert(ticketEvents).values({
    ticketId,
    regionCode: ticketRegion(ticketId),
    actorId: ctx.actor.id,
    actorName: ctx.actor.displayName,
    action,
    fromState: from,
    toState: to,
    note: note ?? null,
    internal,
    data: data as any,
  });
}

/** Users to tell: the dispatchers of a region (ticket:edit, region scope over it). */
async function dispatchersOf(db: Db, ownerRegion: string): Promise<number[]> {
  const rows = await db
    .select({ id: users.id, region: users.regionCode, perms: roles.permissions, scope: roles.dataScope })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(isNull(users.deletedAt), eq(users.status, 'active')));
  return rows
    .filter(
      (r) => r.perms.includes('ticket:edit') && r.scope === 'region' && r.region && regionWithin(ownerRegion, r.region),
    )
    .map((r) => r.id);
}

async function departmentUsers(db: Db, departmentIds: number[]): Promise<number[]> {
  if (!departmentIds.length) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.departmentId, departmentIds), isNull(users.deletedAt), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

async function enterpriseUsers(db: Db, enterpriseId: number): Promise<number[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.enterpriseId, enterpriseId), isNull(users.deletedAt), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

export async function createTicket(ctx: AuthedCtx, body: z.infer<typeof ticketCreate>) {
  const zh = ctx.lang !== 'en';
  await assertEnterpriseInScope(ctx, body.enterpriseId);
  const selfReport = ctx.actor.scope.kind === 'enterprise';
  await checkDict(ctx, 'ticket_category', body.category, 'body.category');
  const source = selfReport ? 'self_report' : body.source;
  await checkDict(ctx, 'ticket_source', source, 'body.source');
  await checkDict(ctx, 'ticket_priority', body.priority, 'body.priority');
  const [e] = await ctx.db
    .select({ regionCode: enterprises.regionCode, name: enterprises.name })
    .from(enterprises)
    .where(eq(enterprises.id, body.enterpriseId));
  // the town of the enterprise owns the ticket; an enterprise outside any town is the district's
  const town = e!.regionCode.slice(0, 9).padEnd(12, '0');
  const ownerRegion = town.slice(6, 9) === '000' ? `${e!.regionCode.slice(0, DISTRICT_LEN)}000000` : town;
  const on = today();
  const [row] = await ctx.db
    .insert(tickets)
    .values({
      code: await nextCode(ctx.db, ownerRegion, on),
      enterpriseId: body.enterpriseId,
      regionCode: e!.regionCode,
      ownerRegion,
      level: ownerRegion.slice(6, 9) === '000' ? 'district' : 'town',
      category: body.category,
      title: body.title,
      description: body.description,
      source,
      priority: body.priority,
      complex: selfReport ? false : body.complex,
      registeredOn: on,
      projectId: body.projectId ?? null,
      visitId: body.visitId ?? null,
      createdBy: ctx.actor.id,
      updatedBy: ctx.actor.id,
    })
    .returning({ id: tickets.id, code: tickets.code });
  await storeClocks(ctx.db, [row!.id]);
  await recordEvent(ctx, row!.id, 'register', null, 'registered', zh ? `${ctx.actor.displayName} 登记` : null);
  await audit(ctx, {
    entity: 'ticket',
    entityId: row!.id,
    after: { enterpriseId: body.enterpriseId, code: row!.code, title: body.title, category: body.category, source },
  });
  await notify(ctx, await dispatchersOf(ctx.db, ownerRegion), {
    kind: 'ticket.registered',
    title: `新诉求 ${row!.code}：${body.title}`,
    body: `${e!.name}`,
    link: `/tickets/${row!.id}`,
  });
  return getTicket(ctx, row!.id);
}

type Body = z.infer<typeof transitionBody>;

/**
 * One transition: checked against the table for the actor's parties, then applied with its event,
 * side data, audit row and notifications in the route's transaction.
 */
export async function transition(ctx: AuthedCtx, id: number, body: Body) {
  const zh = ctx.lang !== 'en';
  const t = await loadRow(ctx, id);
  if (t.version !== body.version) throw stale();
  const parties = await partiesOf(ctx, t);
  const action = body.action as TicketAction;
  const flags = {
    paused: t.paused,
    extensionRequested: t.extensionRequested,
    returnRequested: t.returnRequested,
    level: t.level,
  };
  const d = decide(t.state, action, parties, flags);
  if (!d.ok) {
    if (d.reason === 'party') {
      // the enterprise may only rate; others lacking the role for this step are forbidden
      throw new AppError(
        'FORBIDDEN',
        undefined,
        { state: t.state, action },
        zh ? '您在此诉求中没有执行该操作的身份' : 'You cannot take this step on this ticket',
      );
    }
    throw new AppError(
      'INVALID_TRANSITION',
      undefined,
      { state: t.state, action },
      zh
        ? `诉求当前为“${TICKET_STATE_LABELS[t.state].zh}”，不能执行“${ACTION_ZH[action] ?? action}”`
        : `The ticket is ${TICKET_STATE_LABELS[t.state].en.toLowerCase()}; ${action.replace(/_/g, ' ')} is not allowed now`,
    );
  }
  const on = today();
  const set: Partial<typeof tickets.$inferInsert> = {};
  const notes: string[] = [];
  let internal = body.internal ?? false;
  const need = (cond: boolean, path: string, zhMsg: string, enMsg: string) => {
    if (!cond) throw new AppError('VALIDATION', [{ path, message: zh ? zhMsg : enMsg }]);
  };
  let tell: { users: number[]; title: string; kind: string } | null = null;

  switch (action) {
    case 'assign':
    case 'escalate': {
      if (action === 'escalate' && t.level === 'district') {
        need(
          !!body.handedOnTo,
          'body.handedOnTo',
          '已在区级，请填写提交的上级单位',
          'Name the body above the district',
        );
        set.level = 'above';
        set.handedOnTo = body.handedOnTo!;
        notes.push(`提级至 ${body.handedOnTo}`);
        break;
      }
      need(body.departmentId !== undefined, 'body.departmentId', '请选择主办部门', 'Choose the lead department');
      const ids = [body.departmentId!, ...(body.assistDepartmentIds ?? [])];
      const deps = await ctx.db
        .select({
          id: departments.id,
          name: departments.name,
          kind: departments.kind,
          regionCode: departments.regionCode,
        })
        .from(departments)
        .where(and(inArray(departments.id, ids), isNull(departments.deletedAt), eq(departments.status, 'active')));
      need(
        deps.length === new Set(ids).size,
        'body.departmentId',
        '部门不存在或已停用',
        'Unknown or disabled department',
      );
      const lead = deps.find((x) => x.id === body.departmentId)!;
      if (action === 'escalate') {
        need(
          lead.kind === 'district_dept',
          'body.departmentId',
          '提级须交办给区直部门',
          'Escalation goes to a district department',
        );
        set.level = 'district';
        set.ownerRegion = `${t.regionCode.slice(0, DISTRICT_LEN)}000000`;
      }
      await ctx.db.update(ticketDepartments).set({ active: false }).where(eq(ticketDepartments.ticketId, id));
      await ctx.db.insert(ticketDepartments).values(
        ids.map((departmentId, i) => ({
          ticketId: id,
          regionCode: ticketRegion(id),
          departmentId,
          role: (i === 0 ? 'lead' : 'assist') as 'lead' | 'assist',
        })),
      );
      set.assignedOn = on;
      set.acceptedOn = null;
      set.answeredOn = null;
      set.returnRequested = false;
      set.extensionRequested = false;
      notes.push(
        `${action === 'escalate' ? '提级交办' : '交办'}：主办 ${lead.name}${
          deps.length > 1
            ? `，协办 ${deps
                .filter((x) => x.id !== lead.id)
                .map((x) => x.name)
                .join('、')}`
            : ''
        }`,
      );
      tell = {
        users: await departmentUsers(ctx.db, ids),
        title: `诉求 ${t.code} 已交办给贵单位：${t.title}`,
        kind: 'ticket.assigned',
      };
      break;
    }
    case 'accept':
      set.acceptedOn = on;
      break;
    case 'request_extension':
      need(!!body.extensionDays, 'body.extensionDays', '请填写申请延期的工作日数', 'How many working days?');
      need(!!body.note, 'body.note', '请说明延期理由', 'Give a reason');
      set.extensionRequested = true;
      set.requestedExtensionDays = body.extensionDays!;
      tell = {
        users: await dispatchersOf(ctx.db, t.ownerRegion),
        title: `诉求 ${t.code} 申请延期 ${body.extensionDays} 个工作日`,
        kind: 'ticket.extension',
      };
      break;
    case 'approve_extension':
      set.extensionRequested = false;
      set.extensionDays = t.extensionDays + (t.requestedExtensionDays ?? 0);
      set.requestedExtensionDays = null;
      break;
    case 'reject_extension':
      set.extensionRequested = false;
      set.requestedExtensionDays = null;
      break;
    case 'request_return':
      need(!!body.note, 'body.note', '请说明退回理由（如：不属本单位职责）', 'Give the reason for returning it');
      set.returnRequested = true;
      tell = {
        users: await dispatchersOf(ctx.db, t.ownerRegion),
        title: `诉求 ${t.code} 申请退回`,
        kind: 'ticket.return',
      };
      break;
    case 'approve_return':
      set.returnRequested = false;
      set.assignedOn = null;
      set.acceptedOn = null;
      await ctx.db.update(ticketDepartments).set({ active: false }).where(eq(ticketDepartments.ticketId, id));
      break;
    case 'reject_return':
      set.returnRequested = false;
      break;
    case 'pause':
      set.paused = true;
      await ctx.db.insert(ticketPauses).values({ ticketId: id, fromDate: on, reason: body.note ?? null });
      notes.push('等待企业补充材料，计时暂停');
      break;
    case 'resume':
      set.paused = false;
      await ctx.db
        .update(ticketPauses)
        .set({ toDate: on })
        .where(and(eq(ticketPauses.ticketId, id), isNull(ticketPauses.toDate)));
      break;
    case 'answer':
      need(!!(body.answer || body.note), 'body.answer', '请填写答复内容', 'Write the answer');
      set.answer = body.answer ?? body.note!;
      set.answeredOn = on;
      internal = false;
      tell = {
        users: await enterpriseUsers(ctx.db, t.enterpriseId),
        title: `您的诉求 ${t.code} 已答复`,
        kind: 'ticket.answered',
      };
      break;
    case 'approve_close':
      set.closedOn = on;
      await ctx.db
        .update(ticketSupervisions)
        .set({ doneOn: on })
        .where(and(eq(ticketSupervisions.ticketId, id), isNull(ticketSupervisions.doneOn)));
      tell = {
        users: await enterpriseUsers(ctx.db, t.enterpriseId),
        title: `诉求 ${t.code} 已办结，请评价`,
        kind: 'ticket.rate',
      };
      break;
    case 'reject_close':
      set.answeredOn = null;
      break;
    case 'rate': {
      need(!!body.rating, 'body.rating', '请选择满意、基本满意或不满意', 'Choose a rating');
      set.rating = body.rating!;
      set.ratedAt = new Date();
      set.solvedConfirmed = body.solved ?? body.rating !== 'unsatisfied';
      if (body.rating === 'unsatisfied') {
        // 不满意 → 重办: back to handling, the clock restarts from today
        d.to = 'in_progress';
        set.reopenCount = t.reopenCount + 1;
        set.assignedOn = on;
        set.answeredOn = null;
        set.closedOn = null;
        notes.push('企业不满意，重办');
        tell = {
          users: [...(await dispatchersOf(ctx.db, t.ownerRegion)), ...(await leadUsers(ctx.db, id))],
          title: `诉求 ${t.code} 企业不满意，已重办`,
          kind: 'ticket.reopened',
        };
      } else {
        set.archivedOn = on;
        tell = {
          users: await dispatchersOf(ctx.db, t.ownerRegion),
          title: `诉求 ${t.code} 已评价：${body.rating === 'satisfied' ? '满意' : '基本满意'}`,
          kind: 'ticket.rated',
        };
      }
      break;
    }
    case 'reopen':
      set.reopenCount = t.reopenCount + 1;
      set.assignedOn = on;
      set.answeredOn = null;
      set.closedOn = null;
      set.archivedOn = null;
      set.rating = null;
      break;
    case 'archive':
      set.archivedOn = on;
      break;
    case 'supervise': {
      const yearAhead = new Date(Date.parse(`${on}T00:00:00Z`) + 366 * 86_400_000).toISOString().slice(0, 10);
      need(
        !!body.deadline && body.deadline >= on && body.deadline <= yearAhead,
        'body.deadline',
        '督办期限须在今天到一年之内',
        'The deadline must be between today and one year ahead',
      );
      need(!!body.note, 'body.note', '请填写督办要求', 'Write the order');
      await ctx.db
        .insert(ticketSupervisions)
        .values({ ticketId: id, issuedBy: ctx.actor.id, deadline: body.deadline!, content: body.note! });
      notes.push(`督办，期限 ${body.deadline}`);
      tell = {
        users: [...(await dispatchersOf(ctx.db, t.ownerRegion)), ...(await leadUsers(ctx.db, id))],
        title: `督办：诉求 ${t.code} 须于 ${body.deadline} 前办结`,
        kind: 'ticket.supervised',
      };
      break;
    }
    case 'note':
      need(!!body.note, 'body.note', '请填写备注', 'Write the note');
      break;
    default:
      break;
  }
  const res = await ctx.db
    .update(tickets)
    .set({ ...set, state: d.to, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${tickets.version} + 1` })
    .where(and(eq(tickets.id, id), eq(tickets.version, body.version)))
    .returning({ id: tickets.id });
  if (!res.length) throw stale();
  // dates, pauses, 督办 orders, extensions and the level feed the clocks: store their summary with the change
  await storeClocks(ctx.db, [id]);
  const note = [notes.join('；'), body.note].filter(Boolean).join('；') || null;
  await recordEvent(ctx, id, action, t.state, d.to, note, internal && action === 'note', {
    ...(body.rating ? { rating: body.rating } : {}),
    ...(body.extensionDays ? { extensionDays: body.extensionDays } : {}),
  });
  await audit(ctx, {
    entity: 'ticket',
    entityId: id,
    action: `transition.${action}`,
    before: { state: t.state },
    after: { enterpriseId: t.enterpriseId, state: d.to, action, title: `${t.code} ${action}` },
  });
  if (tell)
    await notify(
      ctx,
      tell.users.filter((u) => u !== ctx.actor.id),
      { kind: tell.kind, title: tell.title, link: `/tickets/${id}` },
    );
  return getTicket(ctx, id);
}

async function leadUsers(db: Db, ticketId: number): Promise<number[]> {
  const deps = await db
    .select({ d: ticketDepartments.departmentId })
    .from(ticketDepartments)
    .where(and(eq(ticketDepartments.ticketId, ticketId), eq(ticketDepartments.active, true)));
  return departmentUsers(
    db,
    deps.map((x) => x.d),
  );
}

export { MAX_FILE_BYTES } from '../../core/files';
// stored clock summaries and the exact counts over them (the cockpit imports these from here)
export {
  currentClockRev,
  onTimeByRegion,
  onTimeTotal,
  openAndOverdue,
  refreshStaleClocks,
  storeClocks,
} from './tickets.clocks';

export async function addFile(ctx: AuthedCtx, id: number, file: { filename: string; data: Buffer; internal: boolean }) {
  const t = await loadRow(ctx, id);
  const parties = await partiesOf(ctx, t);
  if (!parties.length) throw new AppError('FORBIDDEN');
  const mime = acceptFile(file.filename, file.data);
  const zh = ctx.lang !== 'en';
  if (!mime)
    throw new AppError('VALIDATION', [
      {
        path: 'file',
        message: zh
          ? '只能上传 PDF、JPG、PNG、DOCX、XLSX 文件（内容须与扩展名一致）'
          : 'Only PDF, JPG, PNG, DOCX or XLSX files',
      },
    ]);
  if (file.data.length > MAX_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  const internal = file.internal && !(parties.length === 1 && parties[0] === 'enterprise');
  const [row] = await ctx.db
    .insert(ticketFiles)
    .values({
      ticketId: id,
      regionCode: ticketRegion(id),
      name: file.filename.slice(0, 200),
      mime,
      size: file.data.length,
      data: file.data,
      internal,
      uploadedBy: ctx.actor.id,
    })
    .returning({ id: ticketFiles.id });
  await recordEvent(ctx, id, 'file', t.state, t.state, file.filename.slice(0, 200), internal);
  await audit(ctx, {
    entity: 'ticket',
    entityId: id,
    action: 'file',
    after: { enterpriseId: t.enterpriseId, fileId: row!.id, name: file.filename },
  });
  return { id: row!.id };
}

export async function getFile(ctx: AuthedCtx, id: number, fileId: number) {
  const t = await loadRow(ctx, id);
  const parties = await partiesOf(ctx, t);
  const [f] = await ctx.db
    .select()
    .from(ticketFiles)
    .where(and(eq(ticketFiles.id, fileId), eq(ticketFiles.ticketId, id)));
  if (!f) throw notFound();
  const enterpriseOnly = parties.length === 1 && parties[0] === 'enterprise';
  if (f.internal && (enterpriseOnly || ctx.actor.scope.kind === 'enterprise')) throw notFound();
  return f;
}

export type { TicketState };
