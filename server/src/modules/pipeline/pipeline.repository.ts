import { Injectable } from '@nestjs/common';
import type { ChecklistTemplateItem, Lane, Pipeline } from '@relay/shared';
import { gateItems } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeSignals, PIPELINE_CHANGED_CHANNEL, SignalledCache } from '../../common/change-signals.js';
import { notFound } from '../../common/domain-error.js';
import { T } from '../../database/schema/index.js';

const { pipelines: P, lanes: L, checklistItems: I, departments: D } = T;

export interface PipelineConfig {
  pipeline: Pipeline;
  lanes: Lane[];
  laneById: Map<string, Lane>;
  laneByKey: Map<string, Lane>;
  itemById: Map<string, ChecklistTemplateItem & { lane: Lane }>;
  /** How many items each lane's gate counts (shared gateItems), by lane id. */
  gateSizeByLane: Map<string, number>;
}

const ITEM_JSON = `json_build_object('id', i.${I.c.id}, 'laneId', i.${I.c.laneId}, 'label', i.${I.c.label}, 'help', i.${I.c.help},
  'kind', i.${I.c.kind}, 'required', i.${I.c.required}, 'role', i.${I.c.role}, 'options', i.${I.c.options}, 'rules', i.${I.c.rules},
  'position', i.${I.c.position}, 'retired', i.${I.c.retiredAt} IS NOT NULL, 'audience', i.${I.c.audience})`;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of value instanceof Map ? value.values() : Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Lanes and checklist templates, read in one query and cached per instance. The cache is used only while
 * this instance listens for change signals (ChangeSignals): triggers on the pipeline tables signal every
 * committed change to them (database/functions/relay_pipeline_changed.sql); without the listener every call reads the
 * database. Cached configurations are frozen: they are shared by every request.
 */
@Injectable()
export class PipelineRepository {
  private defaultId: string | null = null;
  private readonly cache: SignalledCache<string, PipelineConfig>;

  constructor(
    private readonly db: DataSource,
    signals: ChangeSignals,
  ) {
    this.cache = new SignalledCache(signals, PIPELINE_CHANGED_CHANNEL);
  }

  /** Drops cached configurations (a change committed here or, through NOTIFY, anywhere). */
  invalidate(): void {
    this.cache.invalidate();
  }

  /** What the board answers beside its lanes and cards: the last board event's seq and the departments by name. */
  async boardHeader(m: EntityManager, pipelineId: string): Promise<{ lastSeq: number; departments: { key: string; name: string }[] }> {
    const [{ last_seq, departments }] = await m.query(
      `SELECT ${P.c.lastSeq} AS last_seq,
              COALESCE((SELECT json_agg(json_build_object('key', ${D.c.key}, 'name', ${D.c.name}) ORDER BY ${D.c.name}) FROM ${D.table}), '[]')
                AS departments
         FROM ${P.table} WHERE ${P.c.id} = $1`,
      [pipelineId],
    );
    return { lastSeq: Number(last_seq), departments };
  }

  async defaultPipelineId(): Promise<string> {
    if (this.defaultId) return this.defaultId;
    const [row] = await this.db.manager.find(P.entity, { select: { id: true }, order: { createdAt: 'ASC', id: 'ASC' }, take: 1 });
    if (!row) throw notFound('pipeline');
    this.defaultId = row.id;
    return this.defaultId;
  }

  async load(m: EntityManager = this.db.manager, pipelineId?: string): Promise<PipelineConfig> {
    const id = pipelineId ?? (await this.defaultPipelineId());
    return this.cache.get(id) ?? this.cache.fill(id, async () => deepFreeze(await this.read(m, id)));
  }

  private async read(m: EntityManager, id: string): Promise<PipelineConfig> {
    const rows: (Lane & { pipelineName: string })[] = await m.query(
      `SELECT l.${L.c.id}, l.${L.c.key}, l.${L.c.name}, l.${L.c.position}, l.${L.c.departmentKey} AS department, l.${L.c.role},
              l.${L.c.timeLimitHours}::float AS "timeLimitHours", l.${L.c.terminal},
              l.${L.c.customerName} AS "customerName", l.${L.c.customerDescription} AS "customerDescription", p.${P.c.name} AS "pipelineName",
              COALESCE((SELECT json_agg(${ITEM_JSON} ORDER BY i.${I.c.position}, i.${I.c.createdAt}) FROM ${I.table} i
                         WHERE i.${I.c.laneId} = l.${L.c.id}), '[]') AS checklist
         FROM ${L.table} l JOIN ${P.table} p ON p.${P.c.id} = l.${L.c.pipelineId}
        WHERE l.${L.c.pipelineId} = $1 ORDER BY l.${L.c.position}`,
      [id],
    );
    if (rows.length === 0) throw notFound('pipeline');
    const lanes: Lane[] = rows.map(({ pipelineName: _p, ...lane }) => lane);
    const itemById = new Map<string, ChecklistTemplateItem & { lane: Lane }>();
    for (const lane of lanes) for (const item of lane.checklist) itemById.set(item.id, { ...item, lane });
    return {
      pipeline: { id, name: rows[0].pipelineName },
      lanes,
      laneById: new Map(lanes.map((l) => [l.id, l])),
      laneByKey: new Map(lanes.map((l) => [l.key, l])),
      itemById,
      gateSizeByLane: new Map(lanes.map((l) => [l.id, gateItems(l).length])),
    };
  }
}
