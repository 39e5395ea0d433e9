import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TLocale, TRole } from '@opsdesk/contract';

const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
};

/** ALL-1: departments form a tree; each has a head and a division leader (分管领导). */
export const departments = pgTable(
  'departments',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    code: text('code'),
    parentId: integer('parent_id').references((): AnyPgColumn => departments.id),
    headId: integer('head_id').references((): AnyPgColumn => people.id),
    divisionLeaderId: integer('division_leader_id').references((): AnyPgColumn => people.id),
    sortOrder: integer('sort_order').notNull().default(0),
    ...stamps,
  },
  (t) => [
    uniqueIndex('departments_code').on(t.code),
    uniqueIndex('departments_sibling_name').on(sql`coalesce(${t.parentId}, 0)`, t.name),
    index('departments_parent').on(t.parentId),
  ],
);

/** People are also the accounts: one row per employee, login fields included. */
export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    name: text('name').notNull(),
    employeeNo: text('employee_no'),
    phone: text('phone'),
    email: text('email'),
    departmentId: integer('department_id').references((): AnyPgColumn => departments.id),
    title: text('title'),
    roles: text('roles').array().$type<TRole[]>().notNull().default(sql`'{employee}'::text[]`),
    active: boolean('active').notNull().default(true),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    locale: text('locale').$type<TLocale>().notNull().default('zh-CN'),
    version: integer('version').notNull().default(1),
    ...stamps,
  },
  (t) => [
    uniqueIndex('people_username').on(sql`lower(${t.username})`),
    uniqueIndex('people_employee_no').on(t.employeeNo),
    index('people_department').on(t.departmentId),
  ],
);
