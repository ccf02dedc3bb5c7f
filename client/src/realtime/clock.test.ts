import { Ticker } from './clock';

describe('Ticker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads the time again each period while someone listens, and stops its timer when the last one leaves', () => {
    jest.setSystemTime(1_000_000);
    const ticker = new Ticker(30_000);
    const heard = jest.fn();
    const stop = ticker.subscribe(heard);
    expect(ticker.now()).toBe(1_000_000);
    jest.setSystemTime(1_030_000);
    jest.advanceTimersByTime(30_000);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(ticker.now()).toBeGreaterThanOrEqual(1_030_000);
    stop();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps each ticker to itself: a second one has its own listeners', () => {
    const a = new Ticker(1000);
    const b = new Ticker(1000);
    const heardA = jest.fn();
    a.subscribe(heardA);
    const stopB = b.subscribe(() => undefined);
    stopB();
    jest.advanceTimersByTime(1000);
    expect(heardA).toHaveBeenCalledTimes(1);
  });
});
