import { newRequestId } from '../utils/request-id';

/**
 * The request ids of a tab's recent writes (oldest forgotten first), so the live board knows a socket echo
 * as its own. `http.ts` assigns and remembers every write's id; nothing else creates one.
 */
export class OwnWrites {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 200) {}

  /** A fresh request id, remembered as this tab's. */
  next(): string {
    const id = newRequestId();
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
    return id;
  }

  has(id: string | null | undefined): boolean {
    return !!id && this.ids.has(id);
  }
}

/** This tab's writes: one registry for the page, shared by the HTTP client and the board store. */
export const ownWrites = new OwnWrites();
