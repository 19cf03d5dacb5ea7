import type { dictItemCreate, dictItemUpdate, dictTypeCreate } from '@beizeng/contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { AppError, notFound, stale } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { dictItems, dictTypes } from './dicts.tables';

const itemCols = {
  id: dictItems.id,
  typeCode: dictItems.typeCode,
  value: dictItems.value,
  label: dictItems.label,
  labelEn: dictItems.labelEn,
  color: dictItems.color,
  sort: dictItems.sort,
  status: dictItems.status,
  version: dictItems.version,
};

export async function listTypes(ctx: AuthedCtx) {
  const items = await ctx.db
    .select({
      code: dictTypes.code,
      name: dictTypes.name,
      nameEn: dictTypes.nameEn,
      description: dictTypes.description,
      builtin: dictTypes.builtin,
      itemCount: sql<number>`(select count(*)::int from dict_item i where i.type_code = "dict_type"."code")`,
    })
    .from(dictTypes)
    .orderBy(asc(dictTypes.code));
  return { items };
}

/** Every active item of every type, for tags and selects in the UI. */
export async function allItems(ctx: AuthedCtx) {
  const rows = await ctx.db
    .select(itemCols)
    .from(dictItems)
    .where(eq(dictItems.status, 'active'))
    .orderBy(asc(dictItems.typeCode), asc(dictItems.sort), asc(dictItems.id));
  const out: Record<string, typeof rows> = {};
  for (const r of rows) {
    out[r.typeCode] ??= [];
    out[r.typeCode]!.push(r);
  }
  return out;
}

async function typeExists(ctx: AuthedCtx, code: string) {
  const [t] = await ctx.db.select({ code: dictTypes.code }).from(dictTypes).where(eq(dictTypes.code, code));
  if (!t) throw notFound();
}

export async function listItems(ctx: AuthedCtx, code: string) {
  await typeExists(ctx, code);
  return {
    items: await ctx.db
      .select(itemCols)
      .from(dictItems)
      .where(eq(dictItems.typeCode, code))
      .orderBy(asc(dictItems.sort), asc(dictItems.id)),
  };
}

export async function createType(ctx: AuthedCtx, body: z.infer<typeof dictTypeCreate>) {
  const [dup] = await ctx.db.select({ c: dictTypes.code }).from(dictTypes).where(eq(dictTypes.code, body.code));
  if (dup)
    throw new AppError('DUPLICATE', [
      { path: 'body.code', message: ctx.lang === 'en' ? 'Code is taken' : '字典编码已存在' },
    ]);
  const [t] = await ctx.db
    .insert(dictTypes)
    .values({ ...body, description: body.description ?? null })
    .returning();
  await audit(ctx, { entity: 'dict_type', entityId: body.code, after: t });
  return { ...t!, itemCount: 0 };
}

export async function createItem(ctx: AuthedCtx, code: string, body: z.infer<typeof dictItemCreate>) {
  await typeExists(ctx, code);
  const [dup] = await ctx.db
    .select({ id: dictItems.id })
    .from(dictItems)
    .where(and(eq(dictItems.typeCode, code), eq(dictItems.value, body.value)));
  if (dup)
    throw new AppError('DUPLICATE', [
      { path: 'body.value', message: ctx.lang === 'en' ? 'Value is taken' : '字典值已存在' },
    ]);
  const [i] = await ctx.db
    .insert(dictItems)
    .values({ ...body, color: body.color ?? null, typeCode: code, createdBy: ctx.actor.id, updatedBy: ctx.actor.id })
    .returning(itemCols);
  await audit(ctx, { entity: 'dict_item', entityId: i!.id, after: i });
  return i!;
}

export async function updateItem(ctx: AuthedCtx, id: number, body: z.infer<typeof dictItemUpdate>) {
  const [before] = await ctx.db.select(itemCols).from(dictItems).where(eq(dictItems.id, id));
  if (!before) throw notFound();
  if (before.version !== body.version) throw stale(before);
  if (body.value && body.value !== before.value) {
    // Stored rows refer to the value; renaming it would orphan them.
    throw new AppError('VALIDATION', [
      {
        path: 'body.value',
        message:
          ctx.lang === 'en' ? 'The value of an item cannot change; edit its label' : '字典值不可修改，请修改名称',
      },
    ]);
  }
  const { version, ...fields } = body;
  const [after] = await ctx.db
    .update(dictItems)
    .set({ ...fields, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${dictItems.version} + 1` })
    .where(eq(dictItems.id, id))
    .returning(itemCols);
  await audit(ctx, { entity: 'dict_item', entityId: id, before, after });
  return after!;
}
