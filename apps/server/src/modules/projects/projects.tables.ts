import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  varchar,
} from 'drizzle-orm/pg-core';
import { softDelete, tracked } from '../../core/columns';
import { enterprises } from '../enterprises/enterprises.tables';

/** A project that adds output, from 谋划 to 达产 (七个一批). Money in 元. */
export const projects = pgTable(
  'project',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** 投资项目代码 (GB/T 40058-2021). */
    code: varchar('code', { length: 24 }).unique(),
    name: text('name').notNull(),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    leadId: integer('lead_id'),
    regionCode: char('region_code', { length: 12 }).notNull(),
    industryCode: varchar('industry_code', { length: 4 }),
    chain: text('chain'),
    chainRole: text('chain_role'),
    nature: text('nature'),
    approvalType: text('approval_type'),
    totalInvestment: numeric('total_investment', { precision: 18, scale: 2 }).notNull(),
    constructionContent: text('construction_content'),
    expectedOutput: numeric('expected_output', { precision: 18, scale: 2 }),
    expectedTax: numeric('expected_tax', { precision: 18, scale: 2 }),
    expectedJobs: integer('expected_jobs'),
    plannedStart: date('planned_start', { mode: 'string' }),
    plannedProduction: date('planned_production', { mode: 'string' }),
    actualStart: date('actual_start', { mode: 'string' }),
    actualProduction: date('actual_production', { mode: 'string' }),
    stage: text('stage').notNull().default('planning'),
    suspended: boolean('suspended').notNull().default(false),
    suspendReason: text('suspend_reason'),
    leaderId: integer('leader_id'),
    responsibleDeptId: integer('responsible_dept_id'),
    responsibleUserId: integer('responsible_user_id'),
    reportCycle: text('report_cycle').$type<'weekly' | 'monthly'>().notNull().default('monthly'),
    isDemo: boolean('is_demo').notNull().default(false),
    /**
     * The stored red/amber/green light (projects.service.ts storeLights), valid only while `lightOn` is today
     * (CST) and `lightRev` is the current hash of the calendar and light rules; else it is computed live.
     */
    light: text('light').$type<'green' | 'amber' | 'red'>(),
    lightOn: date('light_on', { mode: 'string' }),
    lightRev: text('light_rev'),
    ...tracked,
    ...softDelete,
  },
  (t) => [
    index('project_region_idx').on(t.regionCode),
    index('project_enterprise_idx').on(t.enterpriseId),
    index('project_light_idx').on(t.lightOn, t.light),
    index('project_light_rev_idx').on(t.lightRev),
    index('project_light_null_idx').on(t.id).where(sql`${t.light} is null`),
  ],
);

/** Each stage change (and 停缓建 / 复工) with its date. */
export const projectStageHistory = pgTable('project_stage_history', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  projectId: integer('project_id')
    .notNull()
    .references(() => projects.id),
  stage: text('stage').notNull(),
  on: date('on', { mode: 'string' }).notNull(),
  note: text('note'),
  byName: text('by_name'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/** 年度计划投资 by year. */
export const projectPlans = pgTable(
  'project_plan',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    year: integer('year').notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
  },
  (t) => [unique('project_plan_year').on(t.projectId, t.year)],
);

/** 完成投资 by month. */
export const projectInvestments = pgTable(
  'project_investment',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    /** The parent's region code, copied for data locality (a distributed database shards by it). */
    regionCode: char('region_code', { length: 12 }),
    month: date('month', { mode: 'string' }).notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
  },
  (t) => [unique('project_investment_month').on(t.projectId, t.month)],
);

export interface TemplateNode {
  key: string;
  name: string;
  department: string | null;
  days: number;
  after: string[];
  /** A stage that may not be entered before this node is done (e.g. 'started'). */
  gate: string | null;
}

/** Approval node templates (企业投资核准类, 备案类, 政府投资审批类, 抽水蓄能). */
export const nodeTemplates = pgTable('node_template', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nodes: jsonb('nodes').$type<TemplateNode[]>().notNull(),
  source: text('source'),
});

export const projectNodes = pgTable(
  'project_node',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    /** The parent's region code, copied for data locality (a distributed database shards by it). */
    regionCode: char('region_code', { length: 12 }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    departmentId: integer('department_id'),
    departmentName: text('department_name'),
    days: integer('days').notNull(),
    after: text('after').array().notNull(),
    gate: text('gate'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    actualStart: date('actual_start', { mode: 'string' }),
    actualDone: date('actual_done', { mode: 'string' }),
    note: text('note'),
  },
  (t) => [unique('project_node_key').on(t.projectId, t.key)],
);

/** 调度: the periodic progress report of the responsible person. */
export const projectReports = pgTable(
  'project_report',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    /** The parent's region code, copied for data locality (a distributed database shards by it). */
    regionCode: char('region_code', { length: 12 }),
    period: text('period').notNull(),
    progress: text('progress').notNull(),
    investment: numeric('investment', { precision: 18, scale: 2 }).notNull(),
    problems: text('problems'),
    nextSteps: text('next_steps'),
    ticketId: integer('ticket_id'),
    reportedBy: integer('reported_by'),
    reportedByName: text('reported_by_name'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [unique('project_report_period').on(t.projectId, t.period)],
);
