import fs from 'node:fs';
import path from 'node:path';
import { ALL_PERMISSIONS, ROLE_LABELS } from '@beizeng/contract';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../core/db';
import { holidays } from '../modules/calendar/calendar.tables';
import { dictItems, dictTypes } from '../modules/dicts/dicts.tables';
import { industries } from '../modules/industries/industries.tables';
import { regions } from '../modules/regions/regions.tables';
import { roles } from '../modules/roles/roles.tables';
import { settings } from '../modules/settings/settings.tables';
import { ROLE_SEED } from './roles';
import { seedRules } from './rules';

/** Reference data shipped with the product (apps/server/seed/). */
export const SEED_DIR = path.resolve(import.meta.dirname, '../../seed');
const BATCH = 500;

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. Returns rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // BOM
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** Reads a CSV with a header row into objects keyed by the header. */
export function readCsv(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(SEED_DIR, file), 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

// ---------- dictionaries ----------
export interface DictItemSeed {
  value: string;
  label: string;
  labelEn: string;
  color: string;
}
export interface DictTypeSeed {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  items: DictItemSeed[];
}

const item = (value: string, label: string, labelEn: string, color: string): DictItemSeed => ({
  value,
  label,
  labelEn,
  color,
});

/** Built-in dictionaries the modules read; admins may add items, relabel and recolour them. */
export const DICT_SEED: DictTypeSeed[] = [
  {
    code: 'industry_chain',
    name: '产业链',
    nameEn: 'Industry chain',
    description: '工业倍增的重点产业链：三大优势产业及其他',
    items: [
      item('building_materials', '新型建材', 'New building materials', 'blue'),
      item('health_food', '大健康食品', 'Health food', 'green'),
      item('new_energy', '新能源', 'New energy', 'gold'),
      item('high_end_equipment', '高端装备', 'High-end equipment', 'geekblue'),
      item('e_commerce', '电子商务', 'E-commerce', 'magenta'),
      item('modern_logistics', '现代物流', 'Modern logistics', 'cyan'),
      item('other', '其他', 'Other', '#8c8c8c'),
    ],
  },
  {
    code: 'chain_role',
    name: '链条作用',
    nameEn: 'Role in the chain',
    description: '项目对产业链的作用：延链、串链、补链',
    items: [
      item('extend', '延链', 'Extends the chain', 'blue'),
      item('link', '串链', 'Links the chain', 'purple'),
      item('complete', '补链', 'Fills a gap in the chain', 'orange'),
    ],
  },
  {
    code: 'project_nature',
    name: '建设性质',
    nameEn: 'Project type',
    description: '新建、扩建、技术改造',
    items: [
      item('new', '新建', 'New build', 'green'),
      item('expansion', '扩建', 'Expansion', 'blue'),
      item('upgrade', '技改', 'Technical upgrade', 'purple'),
    ],
  },
  {
    code: 'lead_source',
    name: '线索来源',
    nameEn: 'Lead source',
    description: '招商线索的来源渠道',
    items: [
      item('via_investor', '以商招商', 'Through existing investors', 'gold'),
      item('resident_office', '驻外招商', 'Resident investment office', 'blue'),
      item('expo', '展会', 'Trade fair', 'cyan'),
      item('platform', '平台', 'Online platform', 'geekblue'),
      item('referral', '上级推介', 'Referred by higher authorities', 'purple'),
      item('other', '其他', 'Other', '#8c8c8c'),
    ],
  },
  {
    code: 'ticket_category',
    name: '诉求类别',
    nameEn: 'Request category',
    description: '企业诉求（困难和需求）的类别',
    items: [
      item('land', '用地', 'Land', 'orange'),
      item('power', '用电', 'Electricity', 'gold'),
      item('water', '用水', 'Water', 'cyan'),
      item('finance', '融资', 'Financing', 'green'),
      item('labour', '用工', 'Labour', 'blue'),
      item('approval', '审批', 'Approvals and permits', 'purple'),
      item('policy', '政策', 'Policy', 'geekblue'),
      item('infrastructure', '基础设施', 'Infrastructure', 'lime'),
      item('environment', '环保', 'Environmental protection', 'magenta'),
      item('other', '其他', 'Other', '#8c8c8c'),
    ],
  },
  {
    code: 'ticket_source',
    name: '诉求来源',
    nameEn: 'Request source',
    description: '诉求是如何收到的',
    items: [
      item('visit', '走访', 'Visit', 'blue'),
      item('self_report', '企业自报', 'Reported by the enterprise', 'green'),
      item('hotline_12345', '12345', '12345 hotline', 'orange'),
      item('other', '其他', 'Other', '#8c8c8c'),
    ],
  },
  {
    code: 'ticket_priority',
    name: '紧急程度',
    nameEn: 'Priority',
    description: '诉求的紧急程度',
    items: [
      item('normal', '一般', 'Normal', 'blue'),
      item('urgent', '紧急', 'Urgent', 'orange'),
      item('critical', '特急', 'Critical', 'red'),
    ],
  },
  {
    code: 'stat_category',
    name: '统计类别',
    nameEn: 'Statistical register',
    description: '升规纳统的统计类别（规模以上 / 限额以上）',
    items: [
      item('industry_above', '规上工业', 'Industry above designated size', 'blue'),
      item('wholesale_above', '限上批发', 'Wholesale above quota', 'cyan'),
      item('retail_above', '限上零售', 'Retail above quota', 'green'),
      item('lodging_above', '限上住宿', 'Accommodation above quota', 'purple'),
      item('catering_above', '限上餐饮', 'Catering above quota', 'orange'),
      item('services_above', '规上服务业', 'Services above designated size', 'geekblue'),
    ],
  },
  {
    code: 'honour_level',
    name: '荣誉梯度',
    nameEn: 'Honour level',
    description: '优质中小企业梯度培育与“521”强企计划的荣誉',
    items: [
      item('innovative_sme', '创新型（科技和创新型）中小企业', 'Innovative SME', 'cyan'),
      item('provincial_srdi', '专精特新中小企业', 'Specialised & sophisticated SME (SRDI)', 'blue'),
      item('little_giant', '专精特新“小巨人”', 'SRDI "little giant"', 'purple'),
      item('single_champion', '制造业单项冠军', 'Manufacturing single champion', 'red'),
      item('gazelle', '瞪羚企业', 'Gazelle enterprise', 'orange'),
      item('high_tech', '高新技术企业', 'High-tech enterprise', 'geekblue'),
    ],
  },
  {
    code: 'enterprise_tag',
    name: '企业标签',
    nameEn: 'Enterprise tag',
    description: '企业的资质与属性标签',
    items: [
      item('foreign_funded', '外资', 'Foreign-funded', 'geekblue'),
      item('high_tech', '高新技术企业', 'High-tech enterprise', 'blue'),
      item('tech_sme', '科技型中小企业', 'Tech-based SME', 'cyan'),
      item('ipo_reserve', '上市后备', 'IPO reserve', 'gold'),
    ],
  },
  {
    code: 'visit_mode',
    name: '走访方式',
    nameEn: 'Visit mode',
    description: '帮包干部联系企业的方式',
    items: [
      item('on_site', '实地走访', 'On-site visit', 'green'),
      item('phone', '电话', 'Phone call', 'blue'),
      item('video', '视频', 'Video call', 'purple'),
      item('forum', '座谈', 'Round-table meeting', 'orange'),
    ],
  },
];

/** Settings with their defaults; an existing value is never overwritten. */
export const SETTING_SEED: Record<string, unknown> = {
  auditRetentionDays: 190,
};

// ---------- loaders ----------
interface RegionFile {
  source: string;
  vintage: string;
  columns: string[];
  rows: [string, string, number, string | null][];
}

export function readRegions(): RegionFile {
  return JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'regions-3704.json'), 'utf8'));
}

/** GB/T 4754-2017 rows with isIndustrial computed (门类 B, C, D and everything below them). */
export function readIndustries() {
  const rows = readCsv('gbt4754-2017.csv');
  const parent = new Map(rows.map((r) => [r.code, r.parent || null]));
  const root = (code: string): string => {
    let c = code;
    for (let p = parent.get(c); p; p = parent.get(c)) c = p;
    return c;
  };
  return rows.map((r) => ({
    code: r.code,
    level: r.level,
    name: r.name,
    parentCode: r.parent || null,
    isIndustrial: ['B', 'C', 'D'].includes(root(r.code)),
  }));
}

export function readHolidays() {
  return readCsv('cn-holidays-2024-2026.csv').map((r) => {
    if (r.kind !== 'off' && r.kind !== 'workday') throw new Error(`holiday ${r.date}: bad kind ${r.kind}`);
    return { date: r.date, kind: r.kind as 'off' | 'workday', name: r.holiday, note: r.note || null };
  });
}

/** Idempotent: inserts what is missing and never changes existing rows (admins may have edited them). */
export async function seedReference(db: Db): Promise<void> {
  const regionFile = readRegions();
  const regionRows = regionFile.rows.map(([code, name, level, parentCode]) => ({
    code,
    name,
    level,
    parentCode,
    vintage: regionFile.vintage,
  }));
  await insertBatches(regionRows, (b) => db.insert(regions).values(b).onConflictDoNothing());

  await insertBatches(readIndustries(), (b) => db.insert(industries).values(b).onConflictDoNothing());
  await insertBatches(readHolidays(), (b) => db.insert(holidays).values(b).onConflictDoNothing());

  await db
    .insert(dictTypes)
    .values(
      DICT_SEED.map(({ code, name, nameEn, description }) => ({ code, name, nameEn, description, builtin: true })),
    )
    .onConflictDoNothing();
  const itemRows = DICT_SEED.flatMap((t) => t.items.map((it, i) => ({ typeCode: t.code, ...it, sort: (i + 1) * 10 })));
  await insertBatches(itemRows, (b) => db.insert(dictItems).values(b).onConflictDoNothing());

  await db
    .insert(settings)
    .values(Object.entries(SETTING_SEED).map(([key, value]) => ({ key, value })))
    .onConflictDoNothing();

  const [adminBefore] = await db.select({ permissions: roles.permissions }).from(roles).where(eq(roles.code, 'admin'));
  await db
    .insert(roles)
    .values(
      ROLE_SEED.map((r) => ({
        code: r.code,
        name: ROLE_LABELS[r.code].zh,
        nameEn: ROLE_LABELS[r.code].en,
        dataScope: r.dataScope,
        permissions: r.permissions,
        builtin: true,
      })),
    )
    .onConflictDoNothing({ target: roles.code });
  await grantNewPermissions(db, adminBefore?.permissions ?? null);

  await seedRules(db);
}

/** Internal setting (not listed by the settings API): every permission code this install has known. */
export const KNOWN_PERMISSIONS_KEY = 'system.knownPermissions';

/**
 * Permission codes added by a later release reach the built-in roles of an earlier install: a code the install
 * has never known is granted to each built-in role whose default includes it. Codes an admin removed from a role
 * were known, so they stay removed. Installs from before this record existed count what their admin role held
 * (the admin role has every permission at install time) as known.
 */
export async function grantNewPermissions(db: Db, adminBefore: string[] | null): Promise<string[]> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, KNOWN_PERMISSIONS_KEY));
  const known = new Set<string>(
    row ? (row.value as string[]) : adminBefore ? adminBefore : ALL_PERMISSIONS, // a fresh install knows them all
  );
  const fresh = ALL_PERMISSIONS.filter((c) => !known.has(c));
  for (const r of ROLE_SEED) {
    const add = r.permissions.filter((c) => fresh.includes(c));
    if (!add.length) continue;
    await db
      .update(roles)
      .set({
        permissions: sql`(select jsonb_agg(distinct c order by c) from jsonb_array_elements_text(${roles.permissions} || ${JSON.stringify(add)}::jsonb) as t(c))`,
      })
      .where(and(eq(roles.code, r.code), eq(roles.builtin, true)));
  }
  await db
    .insert(settings)
    .values({ key: KNOWN_PERMISSIONS_KEY, value: [...ALL_PERMISSIONS] })
    .onConflictDoUpdate({ target: settings.key, set: { value: [...ALL_PERMISSIONS], updatedAt: new Date() } });
  return fresh;
}
