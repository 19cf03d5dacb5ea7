import { eq } from 'drizzle-orm';
import type { Db } from '../../core/db';
import { industries } from '../industries/industries.tables';
import { normaliseName, pinyinInitials, pinyinKey, searchTokens } from './search';

/** Columns computed from the name (search, duplicate check, sort key). */
export function nameFields(name: string, shortName?: string | null) {
  return {
    nameNorm: normaliseName(name),
    searchTokens: searchTokens(name, shortName),
    pinyinInitials: pinyinInitials(name),
    pinyinKey: pinyinKey(name),
  };
}

/** 门类 letter and 大类 of an industry code, or null when the code is unknown. */
export async function industryPath(
  db: Db,
  code: string,
): Promise<{ industrySection: string; industryDivision: string | null } | null> {
  if (/^[A-T]$/.test(code)) {
    const [s] = await db.select({ code: industries.code }).from(industries).where(eq(industries.code, code));
    return s ? { industrySection: code, industryDivision: null } : null;
  }
  const [row] = await db.select({ code: industries.code }).from(industries).where(eq(industries.code, code));
  if (!row) return null;
  const division = code.slice(0, 2);
  const [d] = await db.select({ parent: industries.parentCode }).from(industries).where(eq(industries.code, division));
  return d?.parent ? { industrySection: d.parent, industryDivision: division } : null;
}
