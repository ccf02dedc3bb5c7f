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
