import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { ShareCreated, ShareInfo, TrackView, User } from '@relay/shared';
import { canShareCard, trackView } from '@relay/shared';
import { Clock } from '../../common/clock.js';
import { forbidden, invalid, notFound } from '../../common/domain-error.js';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { AttachmentsService, type UploadedFileInfo } from '../cards/attachments.service.js';
import { CardsService } from '../cards/cards.service.js';
import { ChecklistService } from '../cards/checklist.service.js';
import { ChangeWriter } from '../changes/change-writer.js';
import { MailerService } from '../notifications/mailer.service.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { TOKEN_SHAPE, tokenHash } from './track.gateway.js';
import { TrackRepository, type ResolvedShare } from './track.repository.js';
import { TrackRateLimit } from './track-rate-limit.js';
import { TrackSockets } from './track-sockets.js';

const DAY_MS = 86_400_000;
export const DEFAULT_SHARE_DAYS = 90;
/** 32 random bytes: 256 bits, written as 43 base64url characters. */
const TOKEN_BYTES = 32;

/** The customer's view of their onboarding: share links, the tracker page and the requests answered there. */
@Injectable()
export class TrackService {
  constructor(
    private readonly shares: TrackRepository,
    private readonly cards: CardsService,
    private readonly pipelines: PipelineService,
    private readonly writer: ChangeWriter,
    private readonly checklist: ChecklistService,
    private readonly attachments: AttachmentsService,
    private readonly sockets: TrackSockets,
    private readonly limits: TrackRateLimit,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    @Inject(RELAY_CONFIG) private readonly config: RelayConfig,
  ) {}

  /** A new link for the card (replacing its previous one), emailed to the contact when asked. */
  async share(
    cardId: string,
    input: { expiresInDays?: number; email?: boolean },
    user: User,
    requestId: string | null,
  ): Promise<ShareCreated> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const url = `${this.config.publicUrl.replace(/\/+$/, '')}/track/${token}`;
    // Real time, like sessions: moving the test clock does not expire links.
    const at = new Date();
    const expiresAt = new Date(at.getTime() + (input.expiresInDays ?? DEFAULT_SHARE_DAYS) * DAY_MS);
    const emailed = input.email === true;
    const { previousId } = await this.writer.run(user, requestId, async (ctx) => {
      const card = await this.cards.find(cardId, ctx.m);
      if (!card) throw notFound('card');
      const lane = ctx.config.laneById.get(card.laneId)!;
      if (!canShareCard(user, lane))
        throw forbidden(`Only the owners of ${lane.name}, supervisors, managers and admins share a card with its customer`);
      const saved = await this.shares.replace(ctx.m, { cardId, tokenHash: tokenHash(token), by: user.id, at, expiresAt });
      if (emailed) {
        await this.shares.queueMail(ctx.m, {
          to: card.contactEmail,
          subject: `Your onboarding with us: follow ${card.customerName}'s progress`,
          body:
            `Hello ${card.contactName},\n\nYou can follow the onboarding of ${card.customerName} here, and send us what we need from you:\n\n` +
            `${url}\n\nThe link works until ${expiresAt.toISOString().slice(0, 10)}. Please keep it to yourself: anyone with it can see this page.\n`,
        });
      }
      ctx.history({
        cardId,
        type: 'shared',
        actorId: user.id,
        data: { expiresAt: expiresAt.toISOString(), emailedTo: emailed ? card.contactEmail : null, replaced: saved.previousId !== null },
      });
      return saved;
    });
    if (previousId) this.sockets.end(previousId);
    if (emailed) this.mailer.kick();
    return { url, expiresAt: expiresAt.toISOString(), emailed };
  }

  async info(cardId: string): Promise<ShareInfo> {
    if (!(await this.cards.find(cardId))) throw notFound('card');
    return this.shares.info(cardId);
  }

  async revoke(cardId: string, user: User, requestId: string | null): Promise<void> {
    const revoked = await this.writer.run(user, requestId, async (ctx) => {
      const card = await this.cards.find(cardId, ctx.m);
      if (!card) throw notFound('card');
      const lane = ctx.config.laneById.get(card.laneId)!;
      if (!canShareCard(user, lane))
        throw forbidden(`Only the owners of ${lane.name}, supervisors, managers and admins revoke a customer link`);
      const id = await this.shares.revoke(ctx.m, cardId);
      if (id) ctx.history({ cardId, type: 'share_revoked', actorId: user.id, data: {} });
      return id;
    });
    if (revoked) this.sockets.end(revoked);
  }

  /**
   * The page's data for a token; counts the visit unless it is the open page fetching again (`refresh`).
   * One 404 for unknown, expired and revoked links.
   */
  async view(token: string, address: string, refresh = false): Promise<TrackView> {
    const share = await this.resolve(token, address, !refresh);
    const [config, card, leftAt] = await Promise.all([
      this.pipelines.load(),
      this.cards.withValues(share.cardId),
      this.shares.leftAt(share.cardId),
    ]);
    if (!card) throw notFound('page');
    const { row, values, attachments } = card;
    const names = new Map(attachments.map((a) => [a.id, a.name]));
    return trackView({
      lanes: config.lanes,
      card: {
        customerName: row.customerName,
        laneId: row.laneId,
        enteredLaneAt: row.enteredLaneAt,
        goLiveDate: row.goLiveDate,
        nextAction: row.nextAction,
        updatedAt: row.updatedAt,
      },
      values: new Map(
        values.map((v) => [v.itemId, { value: v.value, fileName: typeof v.value === 'string' ? (names.get(v.value) ?? null) : null }]),
      ),
      leftAt,
      now: this.clock.now(),
    });
  }

  async answer(token: string, itemId: string, value: unknown, address: string): Promise<TrackView> {
    const share = await this.resolve(token, address);
    if (value === undefined || value === null) throw invalid('value', 'value is required');
    await this.writer.run(null, null, async (ctx) => {
      const card = await this.cards.find(share.cardId, ctx.m);
      if (!card) throw notFound('request');
      const item = ctx.config.itemById.get(itemId);
      if (item?.kind === 'file') throw invalid('value', 'send a file to POST …/requests/:itemId/file');
      await this.checklist.applyCustomerValue(ctx, share.cardId, itemId, value, { name: card.contactName, address });
    });
    return this.view(token, address, true);
  }

  async upload(token: string, itemId: string, file: UploadedFileInfo | undefined, address: string): Promise<TrackView> {
    const share = await this.resolve(token, address).catch(async (err) => {
      if (file) await this.discard(file);
      throw err;
    });
    const card = await this.cards.find(share.cardId);
    if (!card) throw notFound('request');
    await this.attachments.customerUpload(share.cardId, file, itemId, { name: card.contactName, address });
    return this.view(token, address, true);
  }

  private async resolve(token: string, address: string, view = false): Promise<ResolvedShare> {
    this.limits.check(address);
    // A token Relay never made needs no database round trip.
    const share = TOKEN_SHAPE.test(token) ? await this.shares.resolve(tokenHash(token), view) : null;
    if (!share) {
      this.limits.missed(address);
      throw notFound('page');
    }
    return share;
  }

  private async discard(file: UploadedFileInfo): Promise<void> {
    await rm(file.path, { force: true });
  }
}
