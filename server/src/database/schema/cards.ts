import { check, defineTable } from './define.js';

/**
 * Onboarding cards. `checklist_done` is maintained by triggers (relay_card_lane_changed and relay_recount in
 * functions/), never written by Relay's code; TypeORM declares it as a plain column. So is `search_words`
 * (relay_card_search_words).
 */
export const cards = defineTable(
  'cards',
  {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    pipelineId: { type: 'uuid', foreignKey: { target: 'pipelines' } },
    laneId: { type: 'uuid', foreignKey: { target: 'lanes' } },
    position: { type: 'double precision' },
    customerName: { type: 'text' },
    contactName: { type: 'text' },
    contactEmail: { type: 'text' },
    contactPhone: { type: 'text', nullable: true },
    serviceAddress: { type: 'text' },
    contractStartDate: { type: 'date' },
    contractValue: { type: 'numeric', precision: 14, scale: 2, nullable: true },
    services: { type: 'jsonb', default: '[]' },
    specialConditions: { type: 'text', nullable: true },
    notes: { type: 'text', nullable: true },
    assigneeId: { type: 'uuid', nullable: true, foreignKey: { target: 'users' } },
    createdBy: { type: 'uuid', nullable: true, foreignKey: { target: 'users' } },
    createdAt: { type: 'timestamptz' },
    updatedAt: { type: 'timestamptz' },
    enteredLaneAt: { type: 'timestamptz' },
    laneVisit: { type: 'integer', default: 1 },
    version: { type: 'integer', default: 1 },
    doneAt: { type: 'timestamptz', nullable: true },
    goLiveDate: { type: 'date', nullable: true },
    riskFlag: { type: 'text', default: 'green' },
    riskReason: { type: 'text', nullable: true },
    nextAction: { type: 'jsonb', nullable: true },
    lastTouch: { type: 'jsonb', nullable: true },
    pickedUpBy: { type: 'uuid', nullable: true, foreignKey: { target: 'users' } },
    pickedUpAt: { type: 'timestamptz', nullable: true },
    healthState: { type: 'text', default: 'ok' },
    nudgeLevel: { type: 'smallint', default: 0 },
    checklistDone: { type: 'integer', default: 0 },
    /** The words search finds the card by (functions/relay_card_search.sql), kept by the trigger cards_search_words. */
    searchWords: { type: 'tsvector', nullable: true, select: false },
    /** The send-back that brought the card into its lane ({fromKey, fromName, reason, at}), cleared when it moves on. */
    returned: { type: 'jsonb', nullable: true },
  },
  {
    indices: [
      // The board lists cards by lane and position; the stuck scan walks each lane by entered time.
      { name: 'cards_lane_position_idx', columns: ['laneId', 'position'] },
      { name: 'cards_lane_entered_idx', columns: ['laneId', 'enteredLaneAt'] },
      { name: 'cards_assignee_idx', columns: ['assigneeId'], where: 'assignee_id IS NOT NULL' },
      { name: 'cards_done_idx', columns: ['doneAt'], where: 'done_at IS NOT NULL' },
      // The board reads the open cards (and the recently closed ones by cards_done_idx), never the whole history.
      { name: 'cards_open_idx', columns: ['pipelineId'], where: 'done_at IS NULL' },
      // Search (GET /api/cards?q=): a GIN index on the cards' words; the list's default order, newest first.
      { name: 'cards_search_idx', columns: ['searchWords'], synchronize: false },
      { name: 'cards_created_idx', columns: ['createdAt'] },
    ],
    indexMethods: { cards_search_idx: 'gin' },
    checks: [
      check('cards', 'risk_flag', "risk_flag IN ('green','amber','red')"),
      check('cards', 'health_state', "health_state IN ('ok','at_risk','stuck')"),
    ],
  },
);
