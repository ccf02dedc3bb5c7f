import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * How many prepared statements one connection keeps: the least recently used one beyond this is deallocated.
 * Relay's fixed query texts number well under a hundred; the PATCH statement, built from the fields a request
 * changes, adds one text per combination of fields, without bound.
 */
export const PREPARED_STATEMENTS_PER_CONNECTION = 256;

/** Query text → statement name, remembered for as many texts as all connections may keep. */
const NAMES_KEPT = PREPARED_STATEMENTS_PER_CONNECTION * 4;
const names = new Map<string, string>();

/** A stable statement name for a query text. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `relay_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size >= NAMES_KEPT) names.delete(names.keys().next().value!);
    names.set(text, name);
  }
  return name;
}

/** pg's record of the statements parsed on a connection (pg/lib/connection.js). */
type Connection = { parsedStatements: Record<string, string>; submittedNamedStatements: Record<string, string> };

/**
 * A pg client that runs every parameterised query as a named prepared statement, so PostgreSQL parses and
 * plans each distinct query once per connection instead of on every call (measured on the move transaction:
 * about half again as many per second, the same SQL). TypeORM hands the pool this class through `extra.Client`.
 * At most PREPARED_STATEMENTS_PER_CONNECTION stay prepared per connection, least recently used evicted first.
 * Queries without parameters (transaction control, SET …) go through unchanged.
 */
export class PreparingClient extends pg.Client {
  /** Statement names prepared on this connection, least recently used first. */
  private readonly prepared = new Set<string>();

  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      const name = statementName(text);
      this.use(name);
      return super.query({ name, text, values }) as never;
    }
    return (super.query as (...a: unknown[]) => unknown)(...args) as never;
  }

  private use(name: string): void {
    if (this.prepared.delete(name)) {
      this.prepared.add(name);
      return;
    }
    this.prepared.add(name);
    if (this.prepared.size > PREPARED_STATEMENTS_PER_CONNECTION) this.deallocate(this.prepared.values().next().value!);
  }

  /**
   * Queued before the query that made room (a client runs its queries in order). Only a statement the server
   * has parsed is deallocated (a failed Parse left nothing there; one still being parsed is evicted later), so
   * the DEALLOCATE cannot fail inside a healthy transaction. pg forgets the statement once the server has dropped
   * it: the callback runs before the next query is sent, so a statement used again is parsed again. Refused
   * inside a failed transaction, the statement stays prepared and is tracked again, to be evicted later.
   */
  private deallocate(name: string): void {
    this.prepared.delete(name);
    const connection = (this as unknown as { connection: Connection }).connection;
    if (connection.parsedStatements[name] === undefined) {
      if (connection.submittedNamedStatements[name] !== undefined) this.prepared.add(name);
      return;
    }
    (super.query as (text: string, cb: (err: Error | null) => void) => void)(`DEALLOCATE ${name}`, (err) => {
      if (err) this.prepared.add(name);
      else delete connection.parsedStatements[name];
    });
  }
}
