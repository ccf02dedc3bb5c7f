import { Injectable } from '@nestjs/common';
import type { ChecklistTemplateItem, Lane, Pipeline } from '@relay/shared';
import { gateItems } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeSignals, PIPELINE_CHANGED_CHANNEL, SignalledCache } from '../../common/change-signals.js';
import { notFound } from '../../common/domain-error.js';

export interface PipelineConfig {
  pipeline: Pipeline;
  lanes: Lane[];
  laneById: Map<string, Lane>;
  laneByKey: Map<string, Lane>;
  itemById: Map<string, ChecklistTemplateItem & { lane: Lane }>;
  /** How many items each lane's gate counts (shared gateItems), by lane id. */
  gateSizeByLane: Map<string, number>;
}

const ITEM_JSON = `json_build_object('id', i.id, 'laneId', i.lane_id, 'label', i.label, 'help', i.help, 'kind', i.kind,
  'required', i.required, 'role', i.role, 'options', i.options, 'rules', i.rules, 'position', i.position, 'retired', i.retired_at IS NOT NULL, 'audience', i.audience)`;

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
 * committed change to them (migration PipelineChangeNotify); without the listener every call reads the
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
      `SELECT last_seq, COALESCE((SELECT json_agg(json_build_object('key', key, 'name', name) ORDER BY name) FROM departments), '[]') AS departments
         FROM pipelines WHERE id = $1`,
      [pipelineId],
    );
    return { lastSeq: Number(last_seq), departments };
  }

  async defaultPipelineId(): Promise<string> {
    if (this.defaultId) return this.defaultId;
    const [row] = await this.db.query('SELECT id FROM pipelines ORDER BY created_at, id LIMIT 1');
    if (!row) throw notFound('pipeline');
    this.defaultId = row.id as string;
    return this.defaultId;
  }

  async load(m: EntityManager = this.db.manager, pipelineId?: string): Promise<PipelineConfig> {
    const id = pipelineId ?? (await this.defaultPipelineId());
    return this.cache.get(id) ?? this.cache.fill(id, async () => deepFreeze(await this.read(m, id)));
  }

  private async read(m: EntityManager, id: string): Promise<PipelineConfig> {
    const rows: (Lane & { pipelineName: string })[] = await m.query(
      `SELECT l.id, l.key, l.name, l.position, l.department_key AS department, l.role,
              l.time_limit_hours::float AS "timeLimitHours", l.terminal,
              l.customer_name AS "customerName", l.customer_description AS "customerDescription", p.name AS "pipelineName",
              COALESCE((SELECT json_agg(${ITEM_JSON} ORDER BY i.position, i.created_at) FROM checklist_items i WHERE i.lane_id = l.id), '[]') AS checklist
         FROM lanes l JOIN pipelines p ON p.id = l.pipeline_id
        WHERE l.pipeline_id = $1 ORDER BY l.position`,
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
