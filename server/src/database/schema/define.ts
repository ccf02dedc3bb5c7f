import { DefaultNamingStrategy, EntitySchema, type EntitySchemaColumnOptions, type EntitySchemaOptions, type Table } from 'typeorm';

/** `customerName` → `customer_name`, at the type level (the names queries use are checked by tsc). */
export type Snake<S extends string> = S extends `${infer H}${infer R}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<R>}`
  : S;

export function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

type Column = EntitySchemaColumnOptions;

/** The TypeScript value pg hands back for a column type (pg's defaults: bigint and numeric as strings). */
type ValueOf<O extends Column> = O['type'] extends 'uuid' | 'text' | 'bigint' | 'numeric' | 'date'
  ? string
  : O['type'] extends 'integer' | 'smallint' | 'double precision'
    ? number
    : O['type'] extends 'boolean'
      ? boolean
      : O['type'] extends 'timestamptz'
        ? Date
        : O['type'] extends 'bytea'
          ? Buffer
          : unknown;

/** A row of the table as TypeORM's Repository returns it (property names, not column names). */
export type RowOf<C extends Record<string, Column>> = {
  -readonly [K in keyof C]: ValueOf<C[K]> | (C[K] extends { nullable: true } ? null : never);
};

type ColumnName<K extends string, O> = O extends { name: infer N extends string } ? N : Snake<K>;

/** One table: its name, its columns' SQL names by property (`T.cards.c.customerName` → 'customer_name'), its entity. */
export interface TableDef<N extends string, C extends Record<string, Column>> {
  table: N;
  c: { readonly [K in keyof C & string]: ColumnName<K, C[K]> };
  /** Every column's SQL name, in declaration order. */
  columns: readonly string[];
  entity: EntitySchema<RowOf<C>>;
  /** Index key lists TypeORM cannot express (see Extra.indexKeys). */
  indexKeys: Readonly<Record<string, string>>;
  /** Index access methods other than btree, by index name (see Extra.indexMethods). */
  indexMethods: Readonly<Record<string, string>>;
}

type Extra = Pick<EntitySchemaOptions<unknown>, 'indices' | 'uniques' | 'checks'> & {
  /**
   * What TypeORM cannot say about an index (an expression, a DESC order): its key list as PostgreSQL prints it,
   * by index name. The drift test compares the live index with the declared one built with this key list.
   */
  indexKeys?: Record<string, string>;
  /** An index's access method when it is not btree (`gin`), by index name; the drift test builds it so. */
  indexMethods?: Record<string, string>;
};

/**
 * Declares a table: column names are the snake_case of the property names (or `name` where given), and
 * constraints are named as PostgreSQL names them itself (see PostgresNaming), so the migrations' tables and
 * these declarations compare equal (test/integration/schema-drift.spec.ts).
 */
export function defineTable<const N extends string, const C extends Record<string, Column>>(
  table: N,
  columns: C,
  { indexKeys = {}, indexMethods = {}, ...extra }: Extra = {},
): TableDef<N, C> {
  const named = Object.fromEntries(Object.entries(columns).map(([k, o]) => [k, { ...o, name: o.name ?? snake(k) }]));
  const c = Object.fromEntries(Object.entries(named).map(([k, o]) => [k, o.name])) as TableDef<N, C>['c'];
  return {
    table,
    c,
    columns: Object.values(named).map((o) => o.name),
    indexKeys,
    indexMethods,
    entity: new EntitySchema<RowOf<C>>({ name: table, tableName: table, columns: named as never, ...extra } as never),
  };
}

/** A CHECK constraint on one column, named as PostgreSQL names a column's CHECK (`<table>_<column>_check`). */
export function check(table: string, column: string, expression: string) {
  return { name: `${table}_${column}_check`, expression };
}

/** `role IN (...)`: the roles a person or a lane may have. */
export const ROLE_CHECK = "role IN ('sales','staff','supervisor','manager','admin')";

const tableName = (t: Table | string) => (typeof t === 'string' ? t : t.name).split('.').pop()!;

/** Constraint names as PostgreSQL gives them to unnamed constraints, which the migrations rely on. */
export class PostgresNaming extends DefaultNamingStrategy {
  override primaryKeyName(t: Table | string): string {
    return `${tableName(t)}_pkey`;
  }
  override foreignKeyName(t: Table | string, columns: string[]): string {
    return `${tableName(t)}_${columns.join('_')}_fkey`;
  }
  override uniqueConstraintName(t: Table | string, columns: string[]): string {
    return `${tableName(t)}_${columns.join('_')}_key`;
  }
  override relationConstraintName(t: Table | string, columns: string[]): string {
    return `${tableName(t)}_${columns.join('_')}_key`;
  }
}
