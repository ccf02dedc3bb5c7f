import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_PREFERENCES,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type Role,
  type NotificationList,
  type NotificationPreferences,
} from '@relay/shared';
import type { EntityManager } from 'typeorm';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { notFound } from '../../common/domain-error.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { MailerService } from './mailer.service.js';
import { NotificationsRepository } from './notifications.repository.js';

export interface NotifyRequest {
  kind: NotificationKind;
  /** People by id, plus every active member of `department` (only those with `departmentRoles` when given), plus everyone with `roles`. */
  userIds?: (string | null)[];
  department?: string | null;
  departmentRoles?: Role[] | null;
  roles?: Role[];
  cardId: string | null;
  text: string;
  /** Whoever caused it is not told about their own action. */
  exceptUserId?: string | null;
}

/** A committed notification waiting to be pushed to its person's room. */
export type PendingPush = () => void;

/** Who hears what: preferences decide between the bell, email, the daily digest, or nothing. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly hub: RealtimeHub,
    private readonly mailer: MailerService,
    @Inject(RELAY_CONFIG) private readonly config: RelayConfig,
  ) {}

  /** Records notifications inside the caller's transaction; returns the pushes to run after commit. */
  async notify(m: EntityManager, req: NotifyRequest, at: Date): Promise<PendingPush[]> {
    const people = (
      await this.repo.audience(m, {
        kind: req.kind,
        userIds: (req.userIds ?? []).filter((id): id is string => !!id),
        department: req.department ?? null,
        departmentRoles: req.departmentRoles ?? null,
        roles: req.roles ?? [],
        exceptUserId: req.exceptUserId ?? null,
      })
    )
      .map((p) => ({ ...p, channel: p.channel ?? DEFAULT_PREFERENCES[req.kind] }))
      .filter((p) => p.channel !== 'off');
    if (people.length === 0) return [];
    const created = await this.repo.insert(
      m,
      people.map((p) => ({ userId: p.id, kind: req.kind, cardId: req.cardId, text: req.text, at, digest: p.channel === 'digest' })),
    );
    const link = req.cardId ? `${this.config.publicUrl}/?card=${req.cardId}` : this.config.publicUrl;
    const mails = people
      .filter((p) => p.channel === 'email')
      .map((p) => ({ to: p.email, subject: `Relay: ${req.text}`, body: `Hello ${p.name},\n\n${req.text}\n\nOpen it in Relay: ${link}\n` }));
    await this.repo.queueEmails(m, mails);
    return [
      ...created.map(
        ({ userId, unread, ...n }) =>
          () =>
            this.hub.notify(userId, { ...n, at: new Date(n.at).toISOString() }, unread),
      ),
      ...(mails.length ? [() => this.mailer.kick()] : []),
    ];
  }

  async list(userId: string): Promise<NotificationList> {
    const [items, unread] = await Promise.all([this.repo.list(userId, 100), this.repo.unread(userId)]);
    return { items: items.map((n) => ({ ...n, at: new Date(n.at).toISOString() })), unread };
  }

  async read(userId: string, id: string): Promise<void> {
    if (!(await this.repo.markRead(userId, id))) throw notFound('notification');
  }

  readAll(userId: string): Promise<void> {
    return this.repo.markAllRead(userId);
  }

  async preferences(userId: string): Promise<NotificationPreferences> {
    const saved = await this.repo.preferences(userId);
    return { ...DEFAULT_PREFERENCES, ...Object.fromEntries(saved.map((p) => [p.kind, p.channel])) };
  }

  async setPreferences(userId: string, prefs: Partial<NotificationPreferences>): Promise<NotificationPreferences> {
    const entries = NOTIFICATION_KINDS.filter((k) => prefs[k] !== undefined).map(
      (k) => [k, prefs[k]!] as [NotificationKind, NonNullable<(typeof prefs)[typeof k]>],
    );
    if (entries.length) await this.repo.setPreferences(userId, entries);
    return this.preferences(userId);
  }
}
