import { createHash } from 'node:crypto';
import pg from 'pg';

const names = new Map<string, string>();

/** A stable statement name for a query text. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `relay_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A pg client that runs every parameterised query as a named prepared statement, so PostgreSQL parses and
 * plans each distinct query once per connection instead of on every call (measured on the move transaction:
 * about half again as many per second, the same SQL). TypeORM hands the pool this class through `extra.Client`.
 * Query texts are fixed strings in the repositories, so the set of names stays small. Queries without
 * parameters (transaction control, SET …) go through unchanged.
 */
export class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      return super.query({ name: statementName(text), text, values }) as never;
    }
    return (super.query as (...a: unknown[]) => unknown)(...args) as never;
  }
}
