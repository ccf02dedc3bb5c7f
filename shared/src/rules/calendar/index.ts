// The business calendar, holds and touch cadence (issue 22): pure rules for the server's clocks and the board.
export { CALENDAR_LIMITS, calendarProblem, normalizeCalendar, type BusinessCalendar, type Instant } from './business-calendar.js';
export { addWorkingMs, isWorkingTime, nextOpening, workingMsBetween } from './working-time.js';
export {
  WAITING_ON,
  addWorkingMsExcludingHolds,
  heldMsBetween,
  holdEndsAt,
  isHeld,
  workingMsExcludingHolds,
  type HeldMs,
  type HoldSpan,
  type WaitingOn,
} from './holds.js';
export {
  DUE_THRESHOLDS,
  dueMoments,
  laneHealth,
  laneNudgeLevel,
  type DueMoments,
  type DueThresholds,
  type LaneVisit,
} from './lane-clock.js';
export { dailyWorkingHours, holdLabel, sinceLabel, workingLimitLabel } from './display.js';
export { TOUCH_CADENCE_DEFAULT_DAYS, TOUCH_CADENCE_MAX_DAYS, touchCadenceProblem, touchDueAt, touchOverdueDays } from './touch-cadence.js';
