// Journeys run in the order of their file names (01-…, 02-…), so a run reads like the onboarding it
// proves and the test-clock journey, which moves the shared clock forward for good, comes late.
import Sequencer from '@jest/test-sequencer';

const Base = Sequencer.default ?? Sequencer;

export default class JourneyOrder extends Base {
  sort(tests) {
    return [...tests].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}
