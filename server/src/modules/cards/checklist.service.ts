import { Injectable } from '@nestjs/common';
import type { Card, ChecklistTemplateItem, ItemValue, Lane, ReturnNote, User } from '@relay/shared';
import {
  canCompleteItem,
  canUndoMove,
  canWorkLane,
  checkTransition,
  missingItems,
  satisfiesGate,
  summaryOf,
  validateValue,
} from '@relay/shared';
import { DomainError, forbidden, invalid, notFound } from '../../common/domain-error.js';
import type { PipelineConfig } from '../pipeline/pipeline.repository.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { ChangeWriter, type Decision, type WriteContext } from '../changes/change-writer.js';
import { UsersService } from '../users/users.service.js';
import { arrivalPosition, toCard, type CardRow } from './card-mapper.js';
import { CardsRepository, type CardSet, type FullCard } from './cards.repository.js';
import type { MoveCardDto } from './dto/cards.dto.js';

const owners = (lane: Pick<Lane, 'name' | 'department' | 'role'>) =>
  `${lane.name} belongs to ${lane.department ?? 'nobody'}${lane.role ? ` (${lane.role})` : ''}`;

/**
 * A card's move to the end of `to`, starting a new lane visit, as decided on `read` (the card at its version):
 * what the move sets and the card as it leaves it, side by side so what is written and what is answered cannot
 * drift apart. Checklist progress is PostgreSQL's (`checklist_done`, kept by triggers).
 */
function moved(read: FullCard, to: Lane, now: Date, config: PipelineConfig, returned: ReturnNote | null): Decision {
  const position = arrivalPosition(read.laneTail, read.row.id);
  const goLiveDate = to.terminal ? now.toISOString().slice(0, 10) : read.row.goLiveDate;
  const set: CardSet = {
    laneId: to.id,
    enteredLaneAt: now,
    laneVisit: read.row.laneVisit + 1,
    position,
    pickedUpBy: null,
    pickedUpAt: null,
    healthState: 'ok',
    nudgeLevel: 0,
    doneAt: to.terminal ? now : null,
    ...(to.terminal ? { goLiveDate } : {}),
    // A send-back's note stays until the card moves on (written only when it changes).
    ...(returned || read.row.returned ? { returned } : {}),
  };
  const row: CardRow = {
    ...read.row,
    version: read.row.version + 1,
    updatedAt: now.toISOString(),
    laneId: to.id,
    enteredLaneAt: now.toISOString(),
    laneVisit: read.row.laneVisit + 1,
    position,
    pickedUpBy: null,
    pickedUpAt: null,
    goLiveDate,
    returned,
  };
  return { set, after: toCard(row, read.values, read.attachments, config, now) };
}

/** Checklist values and moves: the gate of PRODUCT.md, enforced here whoever asks. */
@Injectable()
export class ChecklistService {
  constructor(
    private readonly cards: CardsRepository,
    private readonly users: UsersService,
    private readonly writer: ChangeWriter,
    private readonly pipelines: PipelineService,
  ) {}

  async setValue(
    cardId: string,
    itemId: string,
    input: { value: unknown; note?: string | null; version?: number },
    user: User,
    requestId: string | null,
  ): Promise<Card> {
    if (input.value === undefined || input.value === null) throw invalid('value', 'value is required (use DELETE to clear an item)');
    return this.writer.change(user, requestId, cardId, (ctx) =>
      this.applyValue(ctx, cardId, itemId, input.value, input.note ?? null, input.version ?? null, user),
    );
  }

  /** Records a value on the card's current lane, inside a caller's transaction (also used by uploads). */
  async applyValue(
    ctx: WriteContext,
    cardId: string,
    itemId: string,
    value: unknown,
    note: string | null,
    version: number | null,
    user: User,
  ): Promise<void> {
    const item = this.itemFor(ctx, itemId, user);
    const bumped = await this.cards.bump(ctx.m, cardId, version, ctx.now);
    if (!bumped) return ctx.conflict(cardId);
    this.assertInLane(ctx, item, bumped.laneId);
    const problem = await this.check(ctx, item, value, cardId);
    if (problem) throw new DomainError('INVALID_VALUE', `value ${problem}`, { fields: [{ field: 'value', message: `value ${problem}` }] });
    const from = await this.cards.valueOf(ctx.m, cardId, itemId);
    const v = value as ItemValue;
    await this.cards.upsertValue(ctx.m, { cardId, itemId, value: v, satisfied: satisfiesGate(item, v), note, by: user.id, at: ctx.now });
    ctx.history({
      cardId,
      type: 'checklist_set',
      actorId: user.id,
      data: { itemId, label: item.label, lane: item.lane.key, from, to: v, note },
    });
    ctx.emit('card.updated', { card: await ctx.summary(cardId) });
  }

  /**
   * Records the customer's answer to a request through their tracker link, inside a caller's transaction:
   * only an item meant for the customer, of the card's current lane or an earlier one. It is written, told
   * and published like a tick of the team, but as the customer's: `completedBy` is `{customer: name}`, the
   * history says so (with the address it came from), and the lane's department is told.
   */
  async applyCustomerValue(
    ctx: WriteContext,
    cardId: string,
    itemId: string,
    value: unknown,
    customer: { name: string; address: string | null },
  ): Promise<void> {
    const item = ctx.config.itemById.get(itemId);
    // Whatever the customer may not answer looks the same as what does not exist.
    if (!item || item.retired || item.audience !== 'customer') throw notFound('request');
    const bumped = await this.cards.bump(ctx.m, cardId, null, ctx.now);
    if (!bumped) throw notFound('request');
    const current = ctx.config.laneById.get(bumped.laneId)!;
    if (item.lane.position > current.position || current.terminal) throw notFound('request');
    const problem = await this.check(ctx, item, value, cardId);
    if (problem) throw new DomainError('INVALID_VALUE', `value ${problem}`, { fields: [{ field: 'value', message: `value ${problem}` }] });
    const from = await this.cards.valueOf(ctx.m, cardId, itemId);
    const v = value as ItemValue;
    await this.cards.upsertValue(ctx.m, {
      cardId,
      itemId,
      value: v,
      satisfied: satisfiesGate(item, v),
      note: null,
      by: null,
      byCustomer: customer.name,
      at: ctx.now,
    });
    ctx.history({
      cardId,
      type: 'checklist_set',
      actorId: null,
      data: { itemId, label: item.label, lane: item.lane.key, from, to: v, note: null, customer: customer.name, address: customer.address },
    });
    const summary = await ctx.summary(cardId);
    ctx.emit('card.updated', { card: summary });
    const what = item.kind === 'signoff' ? 'signed off' : 'answered';
    ctx.notify({
      kind: 'customer_replied',
      department: item.lane.department,
      cardId,
      text: `${summary.title}: ${customer.name} (customer) ${what} "${item.label}"`,
    });
  }

  async clearValue(cardId: string, itemId: string, version: number | null, user: User, requestId: string | null): Promise<Card> {
    return this.writer.change(user, requestId, cardId, async (ctx) => {
      const item = this.itemFor(ctx, itemId, user);
      const bumped = await this.cards.bump(ctx.m, cardId, version, ctx.now);
      if (!bumped) return ctx.conflict(cardId);
      this.assertInLane(ctx, item, bumped.laneId);
      const from = await this.cards.valueOf(ctx.m, cardId, itemId);
      await this.cards.deleteValue(ctx.m, cardId, itemId);
      ctx.history({
        cardId,
        type: 'checklist_cleared',
        actorId: user.id,
        data: { itemId, label: item.label, lane: item.lane.key, from },
      });
      ctx.emit('card.updated', { card: await ctx.summary(cardId) });
    });
  }

  /**
   * Moves a card. The gate is checked on the card as read at the version the mover saw, and the move is
   * written guarded by that version (ChangeWriter.writeIfVersion): any concurrent tick or clear bumps the version,
   * so the move then fails with VERSION_CONFLICT instead of committing past an incomplete checklist.
   */
  async move(cardId: string, dto: MoveCardDto, user: User, requestId: string | null): Promise<Card> {
    // The lane whose last position the read answers with the card (the move goes after it).
    const target = (await this.pipelines.load()).laneByKey.get(dto.toLane);
    return this.writer.writeIfVersion(
      user,
      requestId,
      cardId,
      dto.version,
      (ctx, read, last) => {
        const from = ctx.config.laneById.get(read.row.laneId)!;
        const to = target && ctx.config.laneById.get(target.id);
        if (!to) throw invalid('toLane', `unknown lane "${dto.toLane}"; lanes are ${ctx.config.lanes.map((l) => l.key).join(', ')}`);
        // Undo (API.md, move): the mover takes their own forward move back, without a reason and whatever
        // lane the card is in now, within the window and when nothing else has happened to the card.
        const undo =
          !from.terminal &&
          to.position < from.position &&
          canUndoMove(last, { userId: user.id, currentLane: from.key, toLane: to.key, visit: read.row.laneVisit, now: ctx.now });
        const transition = undo ? { ok: true as const, kind: 'back' as const } : checkTransition(from, to, ctx.config.lanes, dto.reason);
        if (!transition.ok) throw new DomainError('INVALID_TRANSITION', transition.message);
        if (!undo && !canWorkLane(user, from)) throw forbidden(`Only its owners may move a card out of ${from.name}: ${owners(from)}`);
        if (transition.kind === 'forward') {
          const missing = missingItems(from, new Map(read.values.map((v) => [v.itemId, v.value])));
          if (missing.length) {
            throw new DomainError('CHECKLIST_INCOMPLETE', `${from.name} is not finished: ${missing.map((i) => i.label).join(', ')}`, {
              missing,
            });
          }
        }
        const reason = transition.kind === 'back' && !undo ? dto.reason!.trim() : null;
        const note = reason ? { fromKey: from.key, fromName: from.name, reason, at: ctx.now.toISOString() } : null;
        const { set, after } = moved(read, to, ctx.now, ctx.config, note);
        ctx.history({
          cardId,
          type: undo ? 'move_undone' : transition.kind === 'back' ? 'sent_back' : 'moved',
          actorId: user.id,
          data: { from: from.key, to: to.key, fromName: from.name, toName: to.name, reason, visit: after.laneVisit },
        });
        ctx.emit('card.moved', { card: summaryOf(after), fromLane: from.key, toLane: to.key, reason });
        // An undone move corrects a slip: the lane it left is not told the card "arrived" again.
        if (!to.terminal && !undo) {
          const how = reason ? ` (sent back from ${from.name}: ${reason})` : '';
          ctx.notify({ kind: 'card_arrived', department: to.department, cardId, text: `${after.title} arrived in ${to.name}${how}` });
        }
        return { set, after };
      },
      target?.id ?? null,
    );
  }

  private itemFor(ctx: WriteContext, itemId: string, user: User): ChecklistTemplateItem & { lane: Lane } {
    const item = ctx.config.itemById.get(itemId);
    if (!item) throw notFound('checklist item');
    if (item.retired) throw new DomainError('ITEM_NOT_IN_LANE', `"${item.label}" is retired and takes no new values`);
    if (!canCompleteItem(user, item.lane, item)) {
      throw forbidden(
        item.role && canWorkLane(user, item.lane)
          ? `Only a ${item.role} may complete "${item.label}"`
          : `"${item.label}" is not yours to complete: ${owners(item.lane)}`,
      );
    }
    return item;
  }

  private assertInLane(ctx: WriteContext, item: { label: string; lane: Lane }, laneId: string): void {
    if (item.lane.id !== laneId) {
      const current = ctx.config.laneById.get(laneId)!;
      throw new DomainError('ITEM_NOT_IN_LANE', `"${item.label}" belongs to ${item.lane.name}, but the card is in ${current.name}`);
    }
  }

  private async check(ctx: WriteContext, item: ChecklistTemplateItem, value: unknown, cardId: string): Promise<string | null> {
    const shape = validateValue(item, value);
    if (shape || (item.kind !== 'user' && item.kind !== 'file')) return shape;
    if (item.kind === 'user') {
      const roles = await this.users.activeRoles([value as string], ctx.m);
      return validateValue(item, value, { userRole: (id) => roles.get(id) });
    }
    const attached = await this.cards.hasAttachment(ctx.m, cardId, value as string);
    return validateValue(item, value, { hasAttachment: () => attached });
  }
}
