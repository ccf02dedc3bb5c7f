import { UNREAD_PUSH_CAP, unreadAfterPush } from './events.js';

describe('unreadAfterPush', () => {
  it('takes a count below the cap as exact, whatever the board believed', () => {
    expect(unreadAfterPush(1, 0)).toBe(1);
    expect(unreadAfterPush(3, 40)).toBe(3);
    expect(unreadAfterPush(UNREAD_PUSH_CAP - 1, 500)).toBe(UNREAD_PUSH_CAP - 1);
  });

  it('reads a count at the cap as "at least the cap" and goes on from the known count', () => {
    expect(unreadAfterPush(UNREAD_PUSH_CAP, 250)).toBe(251);
    expect(unreadAfterPush(UNREAD_PUSH_CAP, UNREAD_PUSH_CAP)).toBe(UNREAD_PUSH_CAP + 1);
    expect(unreadAfterPush(UNREAD_PUSH_CAP, UNREAD_PUSH_CAP - 5)).toBe(UNREAD_PUSH_CAP);
    expect(unreadAfterPush(UNREAD_PUSH_CAP, 0)).toBe(UNREAD_PUSH_CAP);
  });
});
