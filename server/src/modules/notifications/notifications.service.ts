import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_PREFERENCES,
  ROLE_DEFAULT_PREFERENCES,
  defaultPreferences,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type Role,
  type User,
  type NotificationList,
  type NotificationPreferences,
} from '@relay/shared';
import type { SqlParams } from '../../common/sql.js';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { notFound } from '../../common/domain-error.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { MailerService } from './mailer.service.js';
import { NotificationsRepository, type NotifiedRows } from './notifications.repository.js';

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

  /**
   * Notification requests as part of a write's last statement (`deliverSql`): `null` when there are none.
   * `pushes` turns what the statement answered into what to send once it has committed.
   */
  deliverSql(p: SqlParams, requests: NotifyRequest[], at: Date, when: string | null = null): { ctes: string; column: string } | null {
    if (requests.length === 0) return null;
    return this.repo.deliverSql(
      p,
      {
        requests: requests.map((r) => ({
          kind: r.kind,
          user_ids: (r.userIds ?? []).filter((id): id is string => !!id),
          department: r.department ?? null,
          department_roles: r.departmentRoles ?? null,
          roles: r.roles ?? [],
          except_user: r.exceptUserId ?? null,
          card_id: r.cardId,
          text: r.text,
        })),
        defaults: DEFAULT_PREFERENCES,
        roleDefaults: ROLE_DEFAULT_PREFERENCES as Record<string, Record<string, string>>,
        at,
        mailBody: 'Hello %s,\n\n%s\n\nOpen it in Relay: %s\n',
        link: this.config.publicUrl,
      },
      when,
    );
  }

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
