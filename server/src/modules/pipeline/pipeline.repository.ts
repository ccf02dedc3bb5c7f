import { Injectable } from '@nestjs/common';
import type { ChecklistTemplateItem, Lane, Pipeline } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../../common/domain-error.js';

export interface PipelineConfig {
  pipeline: Pipeline;
  lanes: Lane[];
  laneById: Map<string, Lane>;
  laneByKey: Map<string, Lane>;
  itemById: Map<string, ChecklistTemplateItem & { lane: Lane }>;
}

const ITEM_JSON = `json_build_object('id', i.id, 'laneId', i.lane_id, 'label', i.label, 'help', i.help, 'kind', i.kind,
  'required', i.required, 'role', i.role, 'options', i.options, 'rules', i.rules, 'position', i.position, 'retired', i.retired_at IS NOT NULL)`;

/** Lanes and checklist templates: read in one query, small enough to read per request. */
@Injectable()
export class PipelineRepository {
  private defaultId: string | null = null;

  constructor(private readonly db: DataSource) {}

  async defaultPipelineId(): Promise<string> {
    if (this.defaultId) return this.defaultId;
    const [row] = await this.db.query('SELECT id FROM pipelines ORDER BY created_at, id LIMIT 1');
    if (!row) throw notFound('pipeline');
    this.defaultId = row.id as string;
    return this.defaultId;
  }

  async load(m: EntityManager = this.db.manager, pipelineId?: string): Promise<PipelineConfig> {
    const id = pipelineId ?? (await this.defaultPipelineId());
    const rows: (Lane & { pipelineName: string })[] = await m.query(
      `SELECT l.id, l.key, l.name, l.position, l.department_key AS department, l.role,
              l.time_limit_hours::float AS "timeLimitHours", l.terminal, p.name AS "pipelineName",
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
    };
  }
}
