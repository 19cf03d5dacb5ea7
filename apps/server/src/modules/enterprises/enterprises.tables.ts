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

export type RegisterStatus = 'below' | 'in' | 'out';

/** The enterprise registry (企业). One row per legal person, shared by projects, leads and service. */
export const enterprises = pgTable(
  'enterprise',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** NFKC, no spaces, unified brackets, lower case: duplicate names are refused on this. */
    nameNorm: text('name_norm').notNull().default(''),
    shortName: text('short_name'),
    uscc: varchar('uscc', { length: 18 }),
    /** Why an admin accepted a USCC that fails its checksum (kept with the record and in the audit log). */
    usccOverride: text('uscc_override'),
    /** Address region (12-digit), separate from the USCC's registering region. */
    regionCode: char('region_code', { length: 12 }).notNull(),
    address: text('address'),
    industryCode: varchar('industry_code', { length: 4 }),
    /** 门类 letter and 大类 digits of industryCode, kept for filters and threshold rules. */
    industrySection: char('industry_section', { length: 1 }),
    industryDivision: char('industry_division', { length: 2 }),
    chain: text('chain'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    statCategory: text('stat_category'),
    registerStatus: text('register_status').$type<RegisterStatus>().notNull().default('below'),
    registerDate: date('register_date', { mode: 'string' }),
    exitDate: date('exit_date', { mode: 'string' }),
    targetRegister: text('target_register'),
    legalPerson: text('legal_person'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    establishedOn: date('established_on', { mode: 'string' }),
    registeredCapital: numeric('registered_capital', { precision: 18, scale: 2 }),
    /** Facts for honour criteria that the registry does not otherwise hold (R&D, IP, debt ratio, niche years …). */
    facts: jsonb('facts').$type<Record<string, number | string | boolean | null>>().notNull().default({}),
    note: text('note'),
    /** Search: character unigrams and bigrams of the name, `p:` pinyin-initial bigrams (GIN-indexed). */
    searchTokens: text('search_tokens').array().notNull().default(sql`'{}'::text[]`),
    pinyinInitials: text('pinyin_initials').notNull().default(''),
    /** Full pinyin, for sorting Chinese names as people expect. */
    pinyinKey: text('pinyin_key').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    ...tracked,
    ...softDelete,
  },
  (t) => [
    index('enterprise_region_idx').on(t.regionCode),
    index('enterprise_tokens_idx').using('gin', t.searchTokens),
    index('enterprise_uscc_idx').on(t.uscc),
    index('enterprise_name_norm_idx').on(t.nameNorm),
  ],
);

/**
 * Monthly indicators (统计口径). Money in 元. Entered by a cadre (confirmed at once), by the enterprise's
 * own user (pending until a cadre confirms), or imported.
 */
export const enterpriseIndicators = pgTable(
  'enterprise_indicator',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The parent's region code, copied for data locality (a distributed database shards by it). */
    regionCode: char('region_code', { length: 12 }),
    /** First day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    /** 营业收入 / 主营业务收入 of the month. */
    revenue: numeric('revenue', { precision: 18, scale: 2 }),
    output: numeric('output', { precision: 18, scale: 2 }),
    profit: numeric('profit', { precision: 18, scale: 2 }),
    employees: integer('employees'),
    /** kWh */
    electricity: numeric('electricity', { precision: 18, scale: 2 }),
    status: text('status').$type<'pending' | 'confirmed'>().notNull().default('confirmed'),
    source: text('source').$type<'cadre' | 'enterprise' | 'import'>().notNull(),
    confirmedBy: integer('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    ...tracked,
  },
  (t) => [unique('enterprise_indicator_month').on(t.enterpriseId, t.month)],
);

/** 税收 from the tax authority (税务口径), kept apart from the statistical figures. */
export const enterpriseTaxes = pgTable(
  'enterprise_tax',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The parent's region code, copied for data locality (a distributed database shards by it). */
    regionCode: char('region_code', { length: 12 }),
    month: date('month', { mode: 'string' }).notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    source: text('source').notNull().default('税务口径'),
    isDemo: boolean('is_demo').notNull().default(false),
    ...tracked,
  },
  (t) => [unique('enterprise_tax_month').on(t.enterpriseId, t.month)],
);
