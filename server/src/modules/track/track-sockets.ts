import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';

export const TRACK_NAMESPACE = '/track';
export const trackRoom = (cardId: string) => `track:${cardId}`;
export const shareRoom = (shareId: string) => `share:${shareId}`;

/** Server → customer page events: content-free, so nothing internal can travel over the public socket. */
export interface TrackServerEvents {
  /** The card changed: fetch `GET /api/track/:token` again. */
  'track.changed': (event: Record<string, never>) => void;
  /** The link was revoked, replaced or expired. */
  'track.ended': (event: Record<string, never>) => void;
}

/** The customer pages' live connections (namespace `/track`), on every instance through the socket adapter. */
@Injectable()
export class TrackSockets {
  private nsp: Namespace<Record<string, never>, TrackServerEvents> | null = null;

  attach(nsp: Namespace<Record<string, never>, TrackServerEvents>): void {
    this.nsp = nsp;
  }

  /** Tells the pages of these cards to refetch; `all`: every page (the lanes or checklists changed). */
  changed(cardIds: Iterable<string>, all = false): void {
    if (!this.nsp) return;
    if (all) {
      this.nsp.emit('track.changed', {});
      return;
    }
    const rooms = [...new Set(cardIds)].map(trackRoom);
    if (rooms.length) this.nsp.to(rooms).emit('track.changed', {});
  }

  /** Ends a link's live connections at once (revoked or replaced). */
  end(shareId: string): void {
    if (!this.nsp) return;
    this.nsp.to(shareRoom(shareId)).emit('track.ended', {});
    this.nsp.in(shareRoom(shareId)).disconnectSockets(true);
  }
}
