import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '../../src/database/data-source.js';
import { freshDatabase } from './test-app.js';

/** A fresh database with every migration run, and a small data source on it (no app). */
export async function migratedDatabase(): Promise<DataSource> {
  const url = await freshDatabase();
  await migrate(url);
  return new DataSource(dataSourceOptions(url, 2)).initialize();
}
