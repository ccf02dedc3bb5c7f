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
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'name', ${alias}.name) END`;

/**
 * `INSERT INTO table (columns…)` of every element of a jsonb array parameter (`param`, e.g. `$2`), in array
 * order: many rows in one statement, one round trip. `columns` pairs each column with its SQL type; `when`,
 * a condition, writes the rows only if it holds (a write guarded by another part of the statement).
 */
export function insertFromJson(
  table: string,
  columns: readonly (readonly [name: string, type: string])[],
  param: string,
  when: string | null = null,
): string {
  const names = columns.map(([n]) => n).join(', ');
  const defs = columns.map(([n, t]) => `${n} ${t}`).join(', ');
  return `INSERT INTO ${table} (${names}) SELECT ${names}
    FROM ROWS FROM (jsonb_to_recordset(${param}::jsonb) AS (${defs})) WITH ORDINALITY AS r(${names}, ord)${when ? ` WHERE ${when}` : ''} ORDER BY ord`;
}

/** Numbered parameters for a statement composed from parts: `add` appends a value and answers its `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
