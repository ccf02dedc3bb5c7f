import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` (reads only) with two REPEATABLE READ transactions on two connections that see one and the
 * same snapshot (pg_export_snapshot), so two big reads can run at the same time and still agree exactly.
 */
export async function withSharedSnapshot<T>(db: DataSource, work: (main: EntityManager, side: EntityManager) => Promise<T>): Promise<T> {
  const main = db.createQueryRunner();
  const side = db.createQueryRunner();
  try {
    await Promise.all([main.connect(), side.connect()]);
    const sideStarted = side.startTransaction('REPEATABLE READ');
    await main.startTransaction('REPEATABLE READ');
    const [{ snapshot }] = await main.query('SELECT pg_export_snapshot() AS snapshot');
    await sideStarted;
    // Must come before the side transaction's first query; the id is PostgreSQL's own, never user input.
    await side.query(`SET TRANSACTION SNAPSHOT '${String(snapshot).replace(/'/g, "''")}'`);
    const result = await work(main.manager, side.manager);
    await Promise.all([main.commitTransaction(), side.commitTransaction()]);
    return result;
  } catch (err) {
    await Promise.all([main, side].map((r) => (r.isTransactionActive ? r.rollbackTransaction().catch(() => undefined) : undefined)));
    throw err;
  } finally {
    await Promise.all([main.release(), side.release()]);
  }
}
