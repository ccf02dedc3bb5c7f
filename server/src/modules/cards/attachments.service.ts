import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Attachment, User } from '@relay/shared';
import { canCreateCard, canWorkLane } from '@relay/shared';
import type { ReadStream } from 'node:fs';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { DomainError, forbidden, notFound } from '../../common/domain-error.js';
import { ChangeWriter, type WriteContext } from '../changes/change-writer.js';
import { CardsRepository } from './cards.repository.js';
import { ChecklistService } from './checklist.service.js';

/** File types a card accepts: documents, spreadsheets, images and plain text. */
export const ALLOWED_MIME = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

export interface UploadedFileInfo {
  path: string;
  originalname: string;
  size: number;
  mimetype: string;
}

/** Attachments live under `<data dir>/files/<card id>/<attachment id>`; their rows in the database. */
@Injectable()
export class AttachmentsService {
  private readonly root: string;

  constructor(
    @Inject(RELAY_CONFIG) config: RelayConfig,
    private readonly cards: CardsRepository,
    private readonly writer: ChangeWriter,
    private readonly checklist: ChecklistService,
  ) {
    this.root = join(config.dataDir, 'files');
  }

  get uploadDir(): string {
    return join(this.root, 'incoming');
  }

  async upload(
    cardId: string,
    file: UploadedFileInfo | undefined,
    itemId: string | null,
    user: User,
    requestId: string | null,
  ): Promise<Attachment> {
    const id = await this.store(
      cardId,
      file,
      { actor: user, requestId, itemId, history: {} },
      {
        check: async (ctx) => {
          const state = await this.cards.state(ctx.m, cardId);
          if (!state) throw notFound('card');
          const lane = ctx.config.laneById.get(state.laneId)!;
          if (!canWorkLane(user, lane) && !canCreateCard(user))
            throw forbidden(`Only ${lane.department ?? 'its owners'} attach files to a card in ${lane.name}`);
          // Before the row that references it: an unknown item is a 404, not a foreign-key violation.
          if (itemId && !ctx.config.itemById.has(itemId)) throw notFound('checklist item');
        },
        stored: async (ctx, attachmentId) => {
          if (itemId) await this.checklist.applyValue(ctx, cardId, itemId, attachmentId, null, null, user);
          else ctx.emit('card.updated', { card: await ctx.summary(cardId) });
        },
      },
    );
    const list = await this.cards.attachments(cardId);
    return list.find((a) => a.id === id)!;
  }

  /**
   * A file the customer sends for a file request through their tracker link: the same size and type limits
   * as the team's uploads, recorded as the customer's (ChecklistService.applyCustomerValue).
   */
  async customerUpload(
    cardId: string,
    file: UploadedFileInfo | undefined,
    itemId: string,
    customer: { name: string; address: string | null },
  ): Promise<void> {
    await this.store(
      cardId,
      file,
      { actor: null, requestId: null, itemId, history: { customer: customer.name } },
      {
        check: async (ctx) => {
          const item = ctx.config.itemById.get(itemId);
          if (!item || item.kind !== 'file' || item.audience !== 'customer') throw notFound('request');
        },
        stored: (ctx, attachmentId) => this.checklist.applyCustomerValue(ctx, cardId, itemId, attachmentId, customer),
      },
    );
  }

  /**
   * One uploaded file into a card, in one change: refuses a missing file or a type not accepted, lets `check`
   * refuse the change, moves the file in place and records it (its row and an `attachment` history line), then
   * `stored` completes the change. Answers the attachment's id; leaves no file behind when anything fails.
   */
  private async store(
    cardId: string,
    file: UploadedFileInfo | undefined,
    by: { actor: User | null; requestId: string | null; itemId: string | null; history: Record<string, unknown> },
    steps: { check: (ctx: WriteContext) => Promise<void>; stored: (ctx: WriteContext, attachmentId: string) => Promise<unknown> },
  ): Promise<string> {
    if (!file)
      throw new DomainError('VALIDATION_FAILED', 'file: attach a file in the multipart field "file"', {
        fields: [{ field: 'file', message: 'file is required' }],
      });
    const id = randomUUID();
    const key = join(cardId, id);
    try {
      if (!ALLOWED_MIME.has(file.mimetype))
        throw new DomainError(
          'UNSUPPORTED_MEDIA_TYPE',
          `file: type ${file.mimetype} is not accepted (PDF, images, text and office documents are)`,
        );
      await this.writer.run(by.actor, by.requestId, async (ctx) => {
        await steps.check(ctx);
        await mkdir(join(this.root, cardId), { recursive: true });
        await rename(file.path, join(this.root, key));
        await this.cards.insertAttachment(ctx.m, {
          id,
          cardId,
          itemId: by.itemId,
          name: file.originalname.slice(0, 255),
          size: file.size,
          mime: file.mimetype,
          storageKey: key,
          by: by.actor?.id ?? null,
          at: ctx.now,
        });
        ctx.history({
          cardId,
          type: 'attachment',
          actorId: by.actor?.id ?? null,
          data: { attachmentId: id, name: file.originalname, itemId: by.itemId, ...by.history },
        });
        await steps.stored(ctx, id);
      });
    } catch (err) {
      await rm(file.path, { force: true });
      await rm(join(this.root, key), { force: true });
      throw err;
    }
    return id;
  }

  async open(cardId: string, attachmentId: string): Promise<{ name: string; mime: string; stream: ReadStream }> {
    const file = await this.cards.attachmentFile(cardId, attachmentId);
    if (!file) throw notFound('attachment');
    return { name: file.name, mime: file.mime, stream: createReadStream(join(this.root, file.storageKey)) };
  }
}
