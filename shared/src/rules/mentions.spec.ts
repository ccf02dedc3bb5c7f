import { mentionHandleOf, mentionHandles } from './mentions.js';

describe('mentionHandles', () => {
  it('finds handles at the start, after spaces and punctuation, lower-cased and once each', () => {
    expect(mentionHandles('@ops please check, (@Accounting) and @ops again')).toEqual(['ops', 'accounting']);
  });

  it('ignores email addresses and double @', () => {
    expect(mentionHandles('write to gail@gatekeeper.test or @@ops')).toEqual([]);
  });

  it('drops a trailing full stop but keeps inner dots', () => {
    expect(mentionHandles('Thanks @jane.doe.')).toEqual(['jane.doe']);
  });
});

describe('mentionHandleOf', () => {
  it("is the email's name, lower-cased", () => {
    expect(mentionHandleOf('Ops@relay.test')).toBe('ops');
    expect(mentionHandleOf('jane.doe@relay.test')).toBe('jane.doe');
  });

  it('is null for names a mention cannot spell', () => {
    expect(mentionHandleOf('jane+ops@relay.test')).toBeNull();
    expect(mentionHandleOf('.hidden@relay.test')).toBeNull();
    expect(mentionHandleOf('trailing.@relay.test')).toBeNull();
  });
});
