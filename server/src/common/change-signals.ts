import { randomInt } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

/** The first key of the advisory lock each instance holds while it lives: `pg_advisory_lock(INSTANCE_LOCK_CLASS, its key)`. */
export const INSTANCE_LOCK_CLASS = 727100;

/** Committed changes to the pipeline's shape: lanes, checklist items, its name (migration PipelineChangeNotify). */
export const PIPELINE_CHANGED_CHANNEL = 'relay_pipeline_changed';
/** Committed changes to who someone is: people, their departments, ended sessions (migration PeopleChangeNotify). */
export const PEOPLE_CHANGED_CHANNEL = 'relay_people_changed';
/** Committed changes to the settings row (SettingsRepository.update sends it in the same transaction). */
export const SETTINGS_CHANGED_CHANNEL = 'relay_settings_changed';
const CHANNELS = [PIPELINE_CHANGED_CHANNEL, PEOPLE_CHANGED_CHANNEL, SETTINGS_CHANGED_CHANNEL];

/**
 * One LISTEN connection per instance for the NOTIFY signals PostgreSQL triggers send when something that
 * instances cache changes, whoever changed it. A cache may serve from memory only while `listening`: a
 * signal can be missed while the connection is down, so every handler also runs when it is lost and when
 * it is back (the caches start over).
 *
 * The same connection holds the instance's lease: a session advisory lock (INSTANCE_LOCK_CLASS,
 * `instanceKey`) that PostgreSQL releases when the process dies. Board events claimed under a key whose lock
 * nobody holds are emitted by the other instances (migration PublishedAfterEmit).
 */
@Injectable()
export class ChangeSignals implements OnModuleInit, OnModuleDestroy {
  private readonly handlers = new Map<string, (() => void)[]>(CHANNELS.map((c) => [c, []]));
  private listener: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  /** Failed attempts since the listener was last up: the loss is logged once, and retries slow down to every 5 s. */
  private failures = 0;
  private key: number | null = null;
  private readonly logger = new Logger('ChangeSignals');

  constructor(private readonly db: DataSource) {}

  get listening(): boolean {
    return this.listener !== null;
  }

  /** This instance's lease key while its lock is held, else null. */
  get instanceKey(): number | null {
    return this.listener ? this.key : null;
  }

  on(channel: (typeof CHANNELS)[number], handler: () => void): void {
    this.handlers.get(channel)!.push(handler);
  }

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private signalAll(): void {
    for (const handlers of this.handlers.values()) for (const h of handlers) h();
  }

  private async listen(): Promise<void> {
    const url = (this.db.options as { url?: string }).url;
    if (this.closed || !url) return;
    const client = new pg.Client({ connectionString: url, application_name: 'relay-change-listener', connectionTimeoutMillis: 5_000 });
    let lost = false;
    const onLost = (why: unknown) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = null;
      this.signalAll();
      void client.end().catch(() => undefined);
      if (this.closed) return;
      if (this.failures++ === 0) this.logger.warn(`change listener lost (${String(why)}); caches read the database until it is back`);
      this.retry = setTimeout(() => void this.listen(), Math.min(5_000, 1_000 * this.failures));
      this.retry.unref();
    };
    client.on('notification', (n) => {
      for (const h of this.handlers.get(n.channel) ?? []) h();
    });
    client.on('error', onLost);
    client.on('end', () => onLost('connection ended'));
    try {
      await client.connect();
      await client.query(CHANNELS.map((c) => `LISTEN ${c}`).join('; '));
      for (let tries = 0; tries < 5; tries++) {
        const key = this.key ?? randomInt(1, 2 ** 31 - 1);
        const [{ locked }] = (await client.query('SELECT pg_try_advisory_lock($1, $2) AS locked', [INSTANCE_LOCK_CLASS, key])).rows;
        if (locked) {
          this.key = key;
          break;
        }
        this.key = null; // taken (by a session of a process that is not gone yet, or another instance): another key
      }
      if (lost || this.closed) return void client.end().catch(() => undefined);
      this.signalAll();
      this.listener = client;
      if (this.failures > 0) this.logger.warn('change listener is back: caches serve from memory again');
      this.failures = 0;
    } catch (err) {
      onLost(err);
    }
  }
}

/**
 * A per-instance cache kept honest by ChangeSignals: it serves only while the listener is up, is dropped
 * whenever `channel` signals, and never keeps a value read while a signal came (it may predate the change).
 * `max` bounds its size (the oldest entry goes first).
 */
export class SignalledCache<K, V> {
  private readonly entries = new Map<K, V>();
  private generation = 0;

  constructor(
    private readonly signals: ChangeSignals,
    channel: Parameters<ChangeSignals['on']>[0],
    private readonly max = Infinity,
  ) {
    signals.on(channel, () => this.invalidate());
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  get(key: K): V | undefined {
    return this.signals.listening ? this.entries.get(key) : undefined;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Reads the value for `key` and keeps it, unless it is null or something was signalled meanwhile. */
  async fill<R extends V | null>(key: K, read: () => Promise<R>): Promise<R> {
    const generation = this.generation;
    const value = await read();
    if (value !== null && this.signals.listening && generation === this.generation) {
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, value as V);
    }
    return value;
  }
}
