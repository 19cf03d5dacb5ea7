import { date, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tracked } from '../../core/columns';

/** 学经验·谈体会·抓落实: a study tour, what was seen, the lessons and the measures decided. */
export const studyTours = pgTable('study_tour', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  title: text('title').notNull(),
  startedOn: date('started_on', { mode: 'string' }).notNull(),
  endedOn: date('ended_on', { mode: 'string' }).notNull(),
  participants: text('participants'),
  observations: jsonb('observations').$type<{ place: string; content: string }[]>().notNull().default([]),
  lessons: jsonb('lessons').$type<string[]>().notNull().default([]),
  ...tracked,
});

export const tourMeasures = pgTable('tour_measure', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  tourId: integer('tour_id')
    .notNull()
    .references(() => studyTours.id),
  title: text('title').notNull(),
  content: text('content'),
  ...tracked,
});

/** A measure turned into tracked work: owner, deadline, status, and what it concerns. */
export const tourTasks = pgTable('tour_task', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  measureId: integer('measure_id')
    .notNull()
    .references(() => tourMeasures.id),
  title: text('title').notNull(),
  ownerId: integer('owner_id'),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  status: text('status').$type<'todo' | 'doing' | 'done'>().notNull().default('todo'),
  linkType: text('link_type').$type<'project' | 'lead' | 'enterprise'>(),
  linkId: integer('link_id'),
  ...tracked,
});
