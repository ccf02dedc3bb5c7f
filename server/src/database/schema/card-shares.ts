import { defineTable } from './define.js';

/** A card's share link for the customer (only the token's SHA-256 is kept). */
export const cardShares = defineTable('card_shares', {
  id: { type: 'uuid', primary: true, generated: 'uuid' },
  cardId: { type: 'uuid', unique: true, foreignKey: { target: 'cards', onDelete: 'CASCADE' } },
  tokenHash: { type: 'text', unique: true },
  createdBy: { type: 'uuid', nullable: true, foreignKey: { target: 'users' } },
  createdAt: { type: 'timestamptz' },
  expiresAt: { type: 'timestamptz' },
  revokedAt: { type: 'timestamptz', nullable: true },
  lastViewedAt: { type: 'timestamptz', nullable: true },
  views: { type: 'integer', default: 0 },
});
