/** The pipeline's sense of time. Domain code asks the clock, never `new Date()`. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that can be moved forward: the test clock of API.md, and the one tests use. */
export class AdjustableClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(minutes: number): Date {
    this.offsetMs += minutes * 60_000;
    return this.now();
  }
}
