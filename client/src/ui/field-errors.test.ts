import { ApiError } from '../api/http';
import { failedWrite, readable, toFieldMap } from './field-errors';

describe('field errors', () => {
  it('keeps the first message per field', () => {
    expect(
      toFieldMap([
        { field: 'options', message: 'one' },
        { field: 'options', message: 'two' },
      ]),
    ).toEqual({ options: 'one' });
  });

  it("puts the form's name for a field in the server's message", () => {
    expect(readable('label', 'label must be 1 to 200 characters', { label: 'Label' })).toBe('Label must be 1 to 200 characters');
    expect(readable('rules.mustBe', 'mustBe must be one of the options', { 'rules.mustBe': 'The answer to pass' })).toBe(
      'The answer to pass must be one of the options',
    );
    expect(readable('labelling', 'labelled badly', { labelling: 'X' })).toBe('Labelled badly');
  });

  it('places a code that belongs to a field beside it', () => {
    const taken = failedWrite(new ApiError(409, 'EMAIL_TAKEN', 'email ivy@relay.test is already in use'), { EMAIL_TAKEN: 'email' });
    expect(taken).toEqual({
      fields: { email: 'email ivy@relay.test is already in use' },
      message: null,
    });
    const invalid = failedWrite(new ApiError(400, 'VALIDATION_FAILED', 'bad', { fields: [{ field: 'label', message: 'label too long' }] }));
    expect(invalid).toEqual({ fields: { label: 'label too long' }, message: 'The server refused some fields.' });
    expect(failedWrite(new Error('offline'))).toEqual({ fields: {}, message: 'offline' });
  });
});

describe('failedWrite narrowing', () => {
  it('places the field errors of a VALIDATION_FAILED and points the form at them', () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'bad', { fields: [{ field: 'name', message: 'name is required' }] });
    expect(failedWrite(err)).toEqual({ fields: { name: 'name is required' }, message: 'The server refused some fields.' });
  });

  it('has no field errors for a code whose details are not fields (a conflict carrying the card)', () => {
    const err = new ApiError(409, 'POSSIBLE_DUPLICATE', 'Acme already has one', { cards: [] });
    expect(failedWrite(err)).toEqual({ fields: {}, message: 'Acme already has one' });
  });
});
