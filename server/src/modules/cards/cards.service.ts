import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Card, CardEvent, CardSummary, Comment, SalesForm, User } from '@relay/shared';
import {
  mentionHandles,
  canAssign,
  canCreateCard,
  canEditDetails,
  canPickUp,
  canWorkLane,
  isManager,
  SALES_FORM_FIELDS,
  validateSalesForm,
  validateTracker,
} from '@relay/shared';
import { Clock } from '../../common/clock.js';
import { DomainError, assertNoFieldErrors, forbidden, invalid, notFound } from '../../common/domain-error.js';
import { ChangeWriter } from '../changes/change-writer.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { UsersService } from '../users/users.service.js';
import { arrivalPosition, summaryFromRow } from './card-mapper.js';
import { CardsRepository, type CardSet, type CardState, type FullCard } from './cards.repository.js';
import type { PipelineConfig } from '../pipeline/pipeline.repository.js';
import type { EntityManager } from 'typeorm';
import type { NewCardDto, UpdateCardDto } from './dto/cards.dto.js';

const TRACKER_FIELDS = ['riskFlag', 'riskReason', 'nextAction', 'lastTouch'] as const;

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

/** Cards: the sales form, reading, details and tracker edits, comments and pickup. */
@Injectable()
export class CardsService {
  constructor(
    private readonly cards: CardsRepository,
    private readonly pipelines: PipelineService,
    private readonly users: UsersService,
    private readonly writer: ChangeWriter,
    private readonly clock: Clock,
  ) {}

  /** Cards past their lane's time limit (the stuck list). */
  async stuckSummaries(config: PipelineConfig, now: Date): Promise<CardSummary[]> {
    return (await this.cards.stuckSummaries(config.pipeline.id, now)).map((r) => summaryFromRow(r, config, now));
  }

  /** The card's lane, version and values as a change's transaction sees them (null when there is none). */
  state(m: EntityManager, id: string): Promise<CardState | null> {
    return this.cards.state(m, id);
  }

  /** The board's cards as summaries (open ones, and those closed since `closedSince`), with when each closed. */
  async boardSummaries(
    config: PipelineConfig,
    now: Date,
    closedSince: Date,
    m: EntityManager,
  ): Promise<{ summary: CardSummary; closedAt: string | null }[]> {
    return (await this.cards.boardSummaries(config.pipeline.id, closedSince, m)).map((r) => ({
      summary: summaryFromRow(r, config, now),
      closedAt: r.closedAt,
    }));
  }

  /** The card as stored (its row), or null. */
  find(id: string, m?: EntityManager) {
    return this.cards.find(id, m);
  }

  /** The whole card as stored with its values and attachments, or null. */
  async withValues(id: string): Promise<FullCard | null> {
    return (await this.cards.full(id)).card;
  }

  async get(id: string): Promise<Card> {
    return this.writer.read(id, await this.pipelines.load(), this.clock.now());
  }

  async create(dto: NewCardDto, user: User, requestId: string | null): Promise<Card> {
    if (!canCreateCard(user)) throw forbidden('Only sales, managers and admins create onboardings');
    const { allowDuplicate, ...fields } = dto;
    const errors = validateSalesForm(fields);
    assertNoFieldErrors(errors);
    const form = fields as unknown as SalesForm;
    const id = await this.writer.run(user, requestId, async (ctx) => {
      const intake = ctx.config.lanes[0];
      if (!allowDuplicate) {
        const same = await this.cards.openWithCustomer(ctx.m, ctx.config.pipeline.id, form.customerName);
        if (same.length) {
          throw new DomainError(
            'POSSIBLE_DUPLICATE',
            `${form.customerName.trim()} already has an open onboarding; send allowDuplicate: true to create another`,
            { cards: same.map((row) => summaryFromRow(row, ctx.config, ctx.now)) },
          );
        }
      }
      const cardId = randomUUID();
      await this.cards.insert(ctx.m, {
        ...form,
        id: cardId,
        customerName: form.customerName.trim(),
        pipelineId: ctx.config.pipeline.id,
        laneId: intake.id,
        position: arrivalPosition(await this.cards.laneTail(ctx.m, intake.id), cardId),
        createdBy: user.id,
        now: ctx.now,
      });
      ctx.history({ cardId, type: 'created', actorId: user.id, data: { lane: intake.key, form } });
      ctx.emit('card.created', { card: await ctx.summary(cardId) });
      ctx.notify({
        kind: 'card_arrived',
        department: intake.department,
        cardId,
        text: `New sale: ${form.customerName.trim()} arrived in ${intake.name}`,
      });
      return cardId;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateCardDto, user: User, requestId: string | null): Promise<Card> {
    const { version, assigneeId, ...rest } = dto;
    const formFields = SALES_FORM_FIELDS.filter((k) => rest[k] !== undefined);
    const trackerFields = TRACKER_FIELDS.filter((k) => rest[k] !== undefined);
    const errors = [...validateSalesForm(rest, true), ...validateTracker(rest)];
    assertNoFieldErrors(errors);
    if (formFields.length + trackerFields.length === 0 && assigneeId === undefined)
      throw invalid('body', 'nothing to change: send at least one field besides version');
    return this.writer.change(user, requestId, id, async (ctx) => {
      const before = await this.cards.find(id, ctx.m);
      if (!before) throw notFound('card');
      const lane = ctx.config.laneById.get(before.laneId)!;
      if (formFields.length && !canEditDetails(user, lane))
        throw forbidden(`You may not edit this card's details while it is in ${lane.name}`);
      if (trackerFields.length && !(canWorkLane(user, lane) || isManager(user)))
        throw forbidden(`Only ${lane.department ?? 'its owners'}, supervisors and managers update the tracker`);
      if (assigneeId !== undefined) await this.checkAssignee(user, lane, assigneeId);
      // A green flag clears the reason whatever the body said about it.
      const set = Object.fromEntries([...formFields, ...trackerFields].map((k) => [k, rest[k]])) as CardSet;
      if (rest.riskFlag === 'green') set.riskReason = null;
      if (assigneeId !== undefined) set.assigneeId = assigneeId;
      const bumped = await this.cards.bump(ctx.m, id, version, ctx.now, set);
      if (!bumped) return ctx.conflict(id);
      const changes = Object.fromEntries(
        [...formFields, ...trackerFields].map((k) => [k, { from: (before as unknown as Record<string, unknown>)[k] ?? null, to: rest[k] }]),
      );
      if (assigneeId !== undefined) changes.assigneeId = { from: before.assignee?.id ?? null, to: assigneeId };
      ctx.history({ cardId: id, type: 'updated', actorId: user.id, data: { changes } });
      ctx.emit('card.updated', { card: await ctx.summary(id) });
      if (assigneeId && assigneeId !== before.assignee?.id) {
        ctx.notify({
          kind: 'assigned',
          userIds: [assigneeId],
          cardId: id,
          text: `${user.name} assigned ${before.customerName} to you (${lane.name})`,
        });
      }
    });
  }

  private async checkAssignee(
    user: User,
    lane: Card['lane'] & { department: string | null; role?: User['role'] | null; terminal: boolean },
    assigneeId: string | null,
  ) {
    if (!canAssign(user, lane)) throw forbidden('Only the lane owners, managers and admins assign this card');
    if (assigneeId !== null && (await this.users.activeRoles([assigneeId])).size === 0)
      throw invalid('assigneeId', 'assigneeId must be an active user');
  }

  async events(id: string): Promise<CardEvent[]> {
    const events = await this.writer.cardHistory(id);
    if (events.length === 0 && !(await this.cards.find(id))) throw notFound('card');
    return events.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
  }

  async comments(id: string): Promise<Comment[]> {
    if (!(await this.cards.find(id))) throw notFound('card');
    return (await this.cards.comments(id)).map((c) => ({ ...c, at: new Date(c.at).toISOString() }));
  }

  async comment(id: string, body: string, user: User, requestId: string | null): Promise<Comment> {
    if (body.trim() === '') throw invalid('body', 'body must not be blank');
    return this.writer.run(user, requestId, async (ctx) => {
      if (!(await this.cards.exists(ctx.m, id))) throw notFound('card');
      const comment = await this.cards.addComment(ctx.m, { cardId: id, authorId: user.id, body: body.trim(), at: ctx.now });
      ctx.history({
        cardId: id,
        type: 'comment',
        actorId: user.id,
        data: { commentId: comment.id, body: comment.body },
      });
      ctx.emit('comment.added', { cardId: id, comment });
      const mentioned = await this.users.mentioned(ctx.m, mentionHandles(comment.body));
      if (mentioned.length) {
        const title = (await this.cards.find(id, ctx.m))!.customerName;
        ctx.notify({
          kind: 'mentioned',
          userIds: mentioned,
          cardId: id,
          text: `${user.name} mentioned you on ${title}: "${excerpt(comment.body)}"`,
        });
      }
      return comment;
    });
  }

  /** "I've got it": a member of the owning department takes this lane visit's handoff. */
  async pickup(id: string, user: User, requestId: string | null): Promise<Card> {
    return this.writer.change(user, requestId, id, async (ctx) => {
      // A pickup carries no version, so it decides on the card's latest state, locked: of two simultaneous
      // pickups the second sees the first and gets ALREADY_PICKED_UP, and an unrelated change (a tick) made
      // at the same moment only makes it wait, not fail.
      if (!(await this.cards.lock(ctx.m, id))) throw notFound('card');
      const state = (await this.cards.state(ctx.m, id))!;
      const lane = ctx.config.laneById.get(state.laneId)!;
      if (!canPickUp(user, lane))
        throw forbidden(
          `Only a member of ${lane.department ?? 'nobody'}${lane.role ? ` (${lane.role})` : ''} picks up cards in ${lane.name}`,
        );
      if (state.pickedUpBy === user.id) return;
      if (state.pickedUpBy) throw new DomainError('ALREADY_PICKED_UP', 'Someone else already holds this card in this lane');
      // One owner (API.md, pickup): taking a card nobody is assigned to makes you its assignee as well.
      const bumped = await this.cards.bump(ctx.m, id, state.version, ctx.now, {
        pickedUpBy: user.id,
        pickedUpAt: ctx.now,
        assigneeIfNone: user.id,
      });
      if (!bumped) return ctx.conflict(id);
      ctx.history({
        cardId: id,
        type: 'picked_up',
        actorId: user.id,
        data: {
          lane: lane.key,
          visit: state.laneVisit,
          assigned: !state.assigneeId,
          waitedMinutes: Math.max(0, Math.round((ctx.now.getTime() - new Date(state.enteredLaneAt).getTime()) / 60_000)),
        },
      });
      ctx.emit('card.updated', { card: await ctx.summary(id) });
    });
  }
}
