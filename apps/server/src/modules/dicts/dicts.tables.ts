import { boolean, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { tracked } from '../../core/columns';

/** Admin-editable lists (industry chains, ticket categories, lead sources …). */
export const dictTypes = pgTable('dict_type', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  description: text('description'),
  builtin: boolean('builtin').notNull().default(false),
});

export const dictItems = pgTable(
  'dict_item',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    typeCode: text('type_code')
      .notNull()
      .references(() => dictTypes.code, { onDelete: 'cascade' }),
    value: text('value').notNull(),
    label: text('label').notNull(),
    labelEn: text('label_en').notNull(),
    color: text('color'),
    sort: integer('sort').notNull().default(0),
    status: text('status').notNull().default('active').$type<'active' | 'disabled'>(),
    ...tracked,
  },
  (t) => [unique('dict_item_type_value').on(t.typeCode, t.value)],
);
