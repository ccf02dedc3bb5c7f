import { act, render, waitFor } from '@testing-library/react';
import { fromBoardResponse } from '../../realtime/board-state';
import { useBoardStore } from '../../realtime/board-store';
import { makeBoard, makeCard, makeLanes, makeUser } from '../../test/fixtures';
import { Board } from './Board';
import { parseFilters } from './utils/filters';

/** An IntersectionObserver the test drives: `show(el)` reports the element on screen. */
class FakeObserver {
  static all: FakeObserver[] = [];
  readonly targets: Element[] = [];
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeObserver.all.push(this);
  }
  observe(el: Element) {
    this.targets.push(el);
  }
  disconnect() {}
  unobserve() {}
  static show(el: Element, isIntersecting = true) {
    for (const o of FakeObserver.all)
      if (o.targets.includes(el)) o.callback([{ target: el, isIntersecting } as IntersectionObserverEntry], o as never);
  }
}

describe('Board: tiles are rendered only for lanes on screen (a phone shows one of eight)', () => {
  const real = globalThis.IntersectionObserver;
  beforeEach(() => {
    FakeObserver.all = [];
    globalThis.IntersectionObserver = FakeObserver as unknown as typeof IntersectionObserver;
    Object.defineProperty(window, 'innerWidth', { configurable: true, value: 390 });
    // jsdom lays nothing out: give the lanes' scrollers a phone's height so the list shows its first tiles.
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 700 });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 280 });
  });
  afterEach(() => {
    globalThis.IntersectionObserver = real;
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  });

  it('renders the tiles of a lane once it scrolls into view (every lane once idle), and its count all along', async () => {
    const lanes = makeLanes();
    const first = lanes[0]!;
    const last = lanes[lanes.length - 2]!; // the last lane before Done, far off a phone's screen
    const cards = [makeCard(first), makeCard(first), makeCard(last)];
    useBoardStore.getState().reset();
    useBoardStore.getState().receive(fromBoardResponse(makeBoard(cards, 1, lanes)), []);
    const { container } = render(
      <Board
        lanes={lanes}
        cards={useBoardStore.getState().data!.cards}
        user={makeUser({ role: 'admin' })}
        filters={parseFilters(new URLSearchParams())}
      />,
    );
    await act(async () => undefined);
    const lane = (key: string) => container.querySelector(`[data-lane-key="${key}"]`)!;
    expect(lane(first.key).querySelectorAll('[data-card-id]')).toHaveLength(2);
    expect(lane(last.key).querySelectorAll('[data-card-id]')).toHaveLength(0);
    expect(lane(last.key).querySelector('.lane-count')).toHaveTextContent('1');
    act(() => FakeObserver.show(lane(last.key)));
    expect(lane(last.key).querySelectorAll('[data-card-id]')).toHaveLength(1);
    act(() => FakeObserver.show(lane(first.key), false));
    expect(lane(first.key).querySelectorAll('[data-card-id]')).toHaveLength(0);
    // Once the browser is idle after the first load, every lane fills in (find in page, focus return).
    await waitFor(() => expect(lane(first.key).querySelectorAll('[data-card-id]')).toHaveLength(2), { timeout: 4000 });
  });
});
