import { Injectable } from '@nestjs/common';
import {
  defaultPreferences,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type User,
  type NotificationList,
  type NotificationPreferences,
} from '@relay/shared';
import type { EntityManager } from 'typeorm';
import { notFound } from '../../common/domain-error.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { MailerService } from './mailer.service.js';
import { NotificationsRepository, type NotifiedRows } from './notifications.repository.js';

/** A committed notification waiting to be pushed to its person's room. */
export type PendingPush = () => void;

/** Who hears what: preferences decide between the bell, email, the daily digest, or nothing. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly hub: RealtimeHub,
    private readonly mailer: MailerService,
  ) {}

  /** What a change's delivery answered (NotificationsRepository.deliver), as what to send once it has committed. */
  pushes(done: NotifiedRows | null): PendingPush[] {
    if (!done) return [];
    return [
      ...done.pushes.map(
        ({ userId, unread, ...n }) =>
          () =>
            this.hub.notify(userId, n, unread),
      ),
      ...(done.mailed > 0 ? [() => this.mailer.kick()] : []),
    ];
  }

  /** Takes the reminder slot for a card target unless one was taken within the hour. */
  takeReminderSlot(m: EntityManager, cardId: string, target: string, at: Date): Promise<boolean> {
    return this.repo.takeReminderSlot(m, cardId, target, at);
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

  async preferences(user: Pick<User, 'id' | 'role'>): Promise<NotificationPreferences> {
    const saved = await this.repo.preferences(user.id);
    return { ...defaultPreferences(user.role), ...Object.fromEntries(saved.map((p) => [p.kind, p.channel])) };
  }

  async setPreferences(user: Pick<User, 'id' | 'role'>, prefs: Partial<NotificationPreferences>): Promise<NotificationPreferences> {
    const userId = user.id;
    const entries = NOTIFICATION_KINDS.filter((k) => prefs[k] !== undefined).map(
      (k) => [k, prefs[k]!] as [NotificationKind, NonNullable<(typeof prefs)[typeof k]>],
    );
    if (entries.length) await this.repo.setPreferences(userId, entries);
    return this.preferences(user);
  }
}
