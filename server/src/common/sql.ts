import type { EntityManager } from 'typeorm';
import { T } from '../database/schema/index.js';

const { users: U, lanes: L } = T;

/** TypeORM answers an UPDATE/DELETE … RETURNING with `[rows, count]` and a SELECT or INSERT with the rows. */
export function updatedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/**
 * A timestamptz as the API's ISO 8601 text in UTC with milliseconds (what Date#toISOString gives), formatted
 * by PostgreSQL: for thousands of rows that is far cheaper than parsing Dates in Node to format them again.
 */
export const isoTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** `{id, name}` of a joined user, or null. */
export const userRef = (alias: string) =>
  `CASE WHEN ${alias}.${U.c.id} IS NULL THEN NULL ELSE json_build_object('id', ${alias}.${U.c.id}, 'name', ${alias}.${U.c.name}) END`;

/** Numbered parameters for a statement composed from parts: `add` appends a value and answers its `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * A condition one part of a composed statement answers for the others to be guarded by (e.g. "the guarded
 * update applied"). Only the part that owns the condition writes its text; the others embed it as given.
 */
export class SqlCondition {
  constructor(readonly sql: string) {}
}

/** A select-list expression of a composed statement whose value, once run, is a `T`. */
export class SqlAnswer<T> {
  declare readonly type?: T;
  constructor(readonly sql: string) {}
}

/**
 * One statement composed from parts, each built by the repository that owns its table: data-modifying CTEs
 * over one set of numbered parameters, and the select list that answers what they did. One round trip.
 */
export class ComposedStatement {
  readonly params = new SqlParams();
  private readonly ctes: string[] = [];

  /** Adds the CTE `name AS (body)`; `body` numbers its parameters with `params`. */
  with(name: string, body: string): void {
    this.ctes.push(`${name} AS (${body})`);
  }

  get empty(): boolean {
    return this.ctes.length === 0;
  }

  /** The statement's text: its CTEs, then `select` (which may refer to them). */
  text(select: string): string {
    return this.ctes.length ? `WITH ${this.ctes.join(',\n')} ${select}` : select;
  }

  /** Runs the statement answering `answers` (name → expression), on `m` (outside a transaction: it commits by itself). */
  async run<A extends Record<string, SqlAnswer<unknown>>>(
    m: Pick<EntityManager, 'query'>,
    answers: A,
  ): Promise<{ [K in keyof A]: A[K] extends SqlAnswer<infer T> ? T : never }> {
    const list = Object.entries(answers).map(([name, a]) => `${a.sql} AS "${name}"`);
    const [row] = await m.query(this.text(`SELECT ${list.join(', ') || 'NULL'}`), this.params.values);
    return row;
  }
}

/** Some of a table's columns, each with its SQL type as the schema declares it: what `insertFromJson` takes. */
export function typedColumns<C extends Record<string, string>, K extends keyof C & string>(
  t: { c: C; entity: { options: { columns: object } } },
  props: readonly K[],
): (readonly [name: C[K], type: string])[] {
  const declared = t.entity.options.columns as Record<string, { type?: unknown } | undefined>;
  return props.map((k) => [t.c[k], String(declared[k]!.type)] as const);
}

/**
 * `INSERT INTO table (columns…)` of `rows` (one jsonb array parameter of `s`), in array order: many rows in one
 * statement. `columns` pairs each column with its SQL type; `when` writes the rows only if it holds.
 */
export function insertFromJson(
  s: ComposedStatement,
  table: string,
  columns: readonly (readonly [name: string, type: string])[],
  rows: Record<string, unknown>[],
  when: SqlCondition | null,
): string {
  const names = columns.map(([n]) => n).join(', ');
  const defs = columns.map(([n, t]) => `${n} ${t}`).join(', ');
  return `INSERT INTO ${table} (${names}) SELECT ${names}
    FROM ROWS FROM (jsonb_to_recordset(${s.params.add(JSON.stringify(rows))}::jsonb) AS (${defs})) WITH ORDINALITY AS r(${names}, ord)${when ? ` WHERE ${when.sql}` : ''} ORDER BY ord`;
}

/**
 * The moment a lane's time limit (hours, `lane.time_limit_hours`) times `factor` ends for a card that entered
 * it at `entered`, before `now` (a timestamptz expression): `entered < laneLimitPassed(...)` is "past it".
 * The one writing of the lane-limit threshold; shared's `health` and `nudgeLevel` are the same rule in TypeScript.
 */
export const laneLimitStart = (now: string, lane = 'l', factor: string | null = null) =>
  `${now}::timestamptz - make_interval(secs => ${lane}.${L.c.timeLimitHours}::float * 3600${factor ? ` * ${factor}` : ''})`;
