import type { NotificationChannel, NotificationKind } from '@relay/shared';

/** How each kind of notification reads in the bell (label) and in the settings (setting, hint). */
export const KIND_INFO: Record<NotificationKind, { label: string; setting: string; hint: string }> = {
  card_arrived: { label: 'Handoff', setting: 'Handoffs', hint: "A card arrives in one of your department's lanes" },
  assigned: { label: 'Assigned', setting: 'Assigned to me', hint: 'Someone makes you the assignee of a card' },
  mentioned: { label: 'Mention', setting: 'Mentions', hint: 'Someone @mentions you in a comment' },
  reminder: { label: 'Reminder', setting: 'Reminders', hint: 'Someone asks for a missing checklist item' },
  stuck: { label: 'Stuck', setting: 'Stuck cards', hint: "A card you work on is past its lane's time limit" },
  escalated: { label: 'Escalation', setting: 'Escalations', hint: 'A card is stuck twice its time limit (senior managers)' },
  customer_replied: {
    label: 'Customer',
    setting: 'Customer answers',
    hint: "A customer answers a request of your department's lane through their tracker link",
  },
};

export const CHANNEL_NAMES: Record<NotificationChannel, string> = {
  in_app: 'In app',
  email: 'Email',
  digest: 'Daily digest',
  off: 'Off',
};
