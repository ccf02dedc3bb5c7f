import { TOUCH_CHANNELS, validateTracker } from './tracker.js';

const fields = (input: Parameters<typeof validateTracker>[0]) => validateTracker(input).map((e) => e.field);
const USER = '7f1c9a52-3b7e-4d2a-9c61-0a8e5b3f2d14';

describe('validateTracker', () => {
  it('accepts nothing at all, and every field cleared', () => {
    expect(validateTracker({})).toEqual([]);
    expect(validateTracker({ nextAction: null, lastTouch: null })).toEqual([]);
  });

  it('accepts a green flag without a reason and a red or amber one only with a reason', () => {
    expect(fields({ riskFlag: 'green' })).toEqual([]);
    expect(fields({ riskFlag: 'amber', riskReason: 'Contract unsigned' })).toEqual([]);
    expect(fields({ riskFlag: 'red' })).toEqual(['riskReason']);
    expect(fields({ riskFlag: 'amber', riskReason: '   ' })).toEqual(['riskReason']);
    expect(validateTracker({ riskFlag: 'red', riskReason: 42 })[0].message).toBe('riskReason is required when the risk flag is red');
  });

  it('refuses an unknown flag, naming the allowed ones', () => {
    const [error] = validateTracker({ riskFlag: 'purple' });
    expect(error).toEqual({ field: 'riskFlag', message: 'riskFlag must be one of green, amber, red' });
  });

  it('checks a next action: text required and bounded, owner a user id, due a date, nothing else', () => {
    expect(fields({ nextAction: { text: 'Call the site manager', ownerId: USER, due: '2026-12-01' } })).toEqual([]);
    expect(fields({ nextAction: { text: 'Call', ownerId: null, due: null } })).toEqual([]);
    expect(fields({ nextAction: 'call them' })).toEqual(['nextAction']);
    expect(fields({ nextAction: ['call'] })).toEqual(['nextAction']);
    expect(fields({ nextAction: { text: '' } })).toEqual(['nextAction.text']);
    expect(fields({ nextAction: { text: 'x'.repeat(501) } })).toEqual(['nextAction.text']);
    expect(fields({ nextAction: { text: 'x'.repeat(500) } })).toEqual([]);
    expect(fields({ nextAction: { text: 'Call', ownerId: 'bob' } })).toEqual(['nextAction.ownerId']);
    expect(fields({ nextAction: { text: 'Call', due: '01/12/2026' } })).toEqual(['nextAction.due']);
    expect(fields({ nextAction: { text: 'Call', priority: 'high' } })).toEqual(['nextAction']);
  });

  it('checks a last touch: a date and a known channel, nothing else', () => {
    for (const channel of TOUCH_CHANNELS) expect(fields({ lastTouch: { at: '2026-11-20', channel } })).toEqual([]);
    expect(fields({ lastTouch: 5 })).toEqual(['lastTouch']);
    expect(fields({ lastTouch: { at: 'yesterday', channel: 'email' } })).toEqual(['lastTouch.at']);
    expect(fields({ lastTouch: { at: '2026-11-20', channel: 'pigeon' } })).toEqual(['lastTouch.channel']);
    expect(fields({ lastTouch: { at: '2026-11-20', channel: 'email', by: 'me' } })).toEqual(['lastTouch']);
  });

  it('takes a last touch at a date or at a full ISO-8601 time, between 1900 and 2199', () => {
    for (const at of [
      '2026-11-20',
      '2026-11-20T14:30:00Z',
      '2026-11-20T14:30:00.123Z',
      '2026-11-20T14:30+01:00',
      '2026-11-20T23:59:59-0530',
    ])
      expect(fields({ lastTouch: { at, channel: 'phone' } })).toEqual([]);
    for (const at of [
      '0002-11-20',
      '2200-01-01',
      '0002-11-20T10:00:00Z',
      '2026-11-20T24:00:00Z',
      '2026-11-20T14:60:00Z',
      '2026-11-20T14:30:00',
      '2026-02-30T10:00:00Z',
      '2026-11-20 14:30:00Z',
      20261120,
    ])
      expect(fields({ lastTouch: { at, channel: 'phone' } })).toEqual(['lastTouch.at']);
  });

  it('refuses a next action due outside 1900–2199', () => {
    expect(fields({ nextAction: { text: 'Call', due: '2026-12-01' } })).toEqual([]);
    expect(validateTracker({ nextAction: { text: 'Call', due: '0002-12-01' } })).toEqual([
      { field: 'nextAction.due', message: 'nextAction.due must be a date between 1900-01-01 and 2199-12-31' },
    ]);
  });

  it('reports every problem at once', () => {
    expect(fields({ riskFlag: 'red', nextAction: { text: '' }, lastTouch: { at: 'x', channel: 'y' } })).toEqual([
      'riskReason',
      'nextAction.text',
      'lastTouch.at',
      'lastTouch.channel',
    ]);
  });
});
