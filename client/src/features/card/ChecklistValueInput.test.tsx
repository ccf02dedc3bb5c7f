import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ItemValue } from '@relay/shared';
import { ApiError } from '../../api/http';
import { makeUser, mockFetch, uuid } from '../../test/fixtures';
import { AUTOSAVE_MS } from '../../ui/use-autosave';
import { useSession } from '../auth/session-store';
import { ChecklistValueInput, DATE_SETTLE_MS, type InputItem } from './ChecklistValueInput';
import { usePeopleStore } from './use-people';

function item(kind: InputItem['kind'], extra: Partial<InputItem> = {}): InputItem {
  return { id: `item-${kind}`, label: `The ${kind}`, kind, options: null, rules: null, required: true, ...extra };
}

function renderInput(it: InputItem, value: ItemValue | null = null) {
  const onSave = jest.fn(async (_v: ItemValue) => undefined);
  const onClear = jest.fn(async () => undefined);
  render(<ChecklistValueInput cardId="card-1" item={it} value={value} onSave={onSave} onClear={onClear} />);
  return { onSave, onClear };
}

describe('ChecklistValueInput', () => {
  beforeEach(() => usePeopleStore.getState().reset());

  it('check: ticking saves true, unticking clears', async () => {
    const { onSave } = renderInput(item('check'));
    await userEvent.click(screen.getByRole('checkbox', { name: 'The check' }));
    expect(onSave).toHaveBeenCalledWith(true);
  });

  it('check: unticking a ticked item clears it', async () => {
    const { onClear, onSave } = renderInput(item('check'), true);
    await userEvent.click(screen.getByRole('checkbox', { name: 'The check' }));
    expect(onClear).toHaveBeenCalled();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('text: saves the typed string, refuses blank', async () => {
    const { onSave } = renderInput(item('text'));
    const box = screen.getByRole('textbox', { name: 'The text' });
    await userEvent.type(box, '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Save The text' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('must not be empty');
    await userEvent.clear(box);
    await userEvent.type(box, 'ACC-1042{Enter}');
    expect(onSave).toHaveBeenCalledWith('ACC-1042');
  });

  it('number: saves a number and applies the item rules from shared', async () => {
    const { onSave } = renderInput(item('number', { rules: { greaterThan: 0 } }));
    const box = screen.getByRole('spinbutton', { name: 'The number' });
    await userEvent.type(box, '0{Enter}');
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('must be greater than 0');
    await userEvent.clear(box);
    await userEvent.type(box, '37.5{Enter}');
    expect(onSave).toHaveBeenCalledWith(37.5);
  });

  it('date: saves YYYY-MM-DD', async () => {
    const { onSave } = renderInput(item('date'));
    const input = screen.getByLabelText('The date');
    expect(input).toHaveAttribute('type', 'date');
    await userEvent.type(input, '2026-12-01');
    await waitFor(() => expect(onSave).toHaveBeenCalledWith('2026-12-01'));
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  describe('date typed by keyboard', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('saves nothing while the year is being typed, then the complete date once', () => {
      const { onSave } = renderInput(item('date'));
      const input = screen.getByLabelText('The date');
      // What Chromium's date field reports while "2026" is typed into its year after 14/05.
      for (const partial of ['0002-05-14', '0020-05-14', '0202-05-14']) {
        fireEvent.change(input, { target: { value: partial } });
        act(() => void jest.advanceTimersByTime(DATE_SETTLE_MS * 2));
      }
      expect(onSave).not.toHaveBeenCalled();
      fireEvent.change(input, { target: { value: '2026-05-14' } });
      act(() => void jest.advanceTimersByTime(DATE_SETTLE_MS));
      expect(onSave.mock.calls).toEqual([['2026-05-14']]);
    });

    it('waits for the day being retyped, and saves at once when the field is left', () => {
      const { onSave } = renderInput(item('date'), '2026-05-14');
      const input = screen.getByLabelText('The date');
      fireEvent.change(input, { target: { value: '2026-05-01' } });
      act(() => void jest.advanceTimersByTime(DATE_SETTLE_MS / 2));
      fireEvent.change(input, { target: { value: '2026-05-15' } });
      fireEvent.blur(input);
      expect(onSave.mock.calls).toEqual([['2026-05-15']]);
      act(() => void jest.advanceTimersByTime(DATE_SETTLE_MS * 2));
      expect(onSave).toHaveBeenCalledTimes(1);
    });

    it('leaving the field with a year before 1900 says why and saves nothing', () => {
      const { onSave } = renderInput(item('date'));
      const input = screen.getByLabelText('The date');
      fireEvent.change(input, { target: { value: '0002-05-14' } });
      fireEvent.blur(input);
      expect(onSave).not.toHaveBeenCalled();
      expect(screen.getByRole('alert')).toHaveTextContent('must be a date between 1900-01-01 and 2199-12-31');
    });
  });

  it('choice: offers the options and saves the chosen one', async () => {
    const { onSave } = renderInput(item('choice', { options: ['in-house', 'subcontracted'] }));
    const select = screen.getByRole('combobox', { name: 'The choice' });
    expect(Array.from((select as HTMLSelectElement).options).map((o) => o.value)).toEqual(['', 'in-house', 'subcontracted']);
    await userEvent.selectOptions(select, 'subcontracted');
    expect(onSave).toHaveBeenCalledWith('subcontracted');
  });

  it('user: picks from the people with the item’s role', async () => {
    const sup = { id: uuid(), name: 'Sam Supervisor', email: 's@relay.test', role: 'supervisor', departments: ['operations'] };
    const calls = mockFetch({ 'GET /api/users?role=supervisor': { status: 200, body: [sup] } });
    const { onSave } = renderInput(item('user', { rules: { pickRole: 'supervisor' } }));
    const select = screen.getByRole('combobox', { name: 'The user' });
    await screen.findByRole('option', { name: 'Sam Supervisor' });
    await userEvent.selectOptions(select, sup.id);
    expect(onSave).toHaveBeenCalledWith(sup.id);
    expect(calls[0]!.url).toBe('/api/users?role=supervisor');
  });

  it('shows the server’s refusal beside the input', async () => {
    const onSave = jest.fn(async () => {
      throw new ApiError(400, 'INVALID_VALUE', 'Account reference is already used by another customer');
    });
    render(<ChecklistValueInput cardId="c" item={item('text')} value={null} onSave={onSave} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'The text' }), 'ACC-1{Enter}');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Account reference is already used'));
  });
});

describe('ChecklistValueInput file', () => {
  const realXhr = globalThis.XMLHttpRequest;
  afterEach(() => {
    globalThis.XMLHttpRequest = realXhr;
  });

  it('uploads with progress, then saves the attachment id as the value', async () => {
    const attachmentId = uuid();
    const sent: { url: string; form: FormData }[] = [];
    class FakeXhr {
      upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
      status = 0;
      responseText = '';
      withCredentials = false;
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      private url = '';
      open(_m: string, url: string) {
        this.url = url;
      }
      setRequestHeader() {}
      abort() {}
      send(form: FormData) {
        sent.push({ url: this.url, form });
        this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
        setTimeout(() => {
          this.status = 201;
          this.responseText = JSON.stringify({ id: attachmentId, name: 'schedule.pdf', size: 10, mime: 'application/pdf' });
          this.onload?.();
        }, 0);
      }
    }
    globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
    const { onSave } = renderInput(item('file'));
    const file = new File(['%PDF-1.4'], 'schedule.pdf', { type: 'application/pdf' });
    await userEvent.upload(screen.getByLabelText('The file'), file);
    await waitFor(() => expect(onSave).toHaveBeenCalledWith(attachmentId));
    expect(sent[0]!.url).toBe('/api/cards/card-1/attachments');
    expect(sent[0]!.form.get('itemId')).toBe('item-file');
    expect((sent[0]!.form.get('file') as File).name).toBe('schedule.pdf');
  });
});

describe('ChecklistValueInput check', () => {
  it('shows the tick at once and takes it back when the save is refused', async () => {
    let reject!: (e: Error) => void;
    const onSave = jest.fn(() => new Promise<void>((_, r) => (reject = r)));
    render(<ChecklistValueInput cardId="c" item={item('check')} value={null} onSave={onSave} />);
    const box = screen.getByRole('checkbox', { name: 'The check' });
    await userEvent.click(box);
    expect(box).toBeChecked();
    reject(new ApiError(403, 'FORBIDDEN', 'Only Customer Experience may tick this'));
    await waitFor(() => expect(box).not.toBeChecked());
    expect(screen.getByRole('alert')).toHaveTextContent('Only Customer Experience may tick this');
  });
});

describe('ChecklistValueInput text and number: nothing typed is lost', () => {
  const user = makeUser();
  beforeEach(() => {
    localStorage.clear();
    useSession.setState({ status: 'signed-in', user });
  });
  afterEach(() => useSession.setState({ status: 'checking', user: null }));
  const slow = { timeout: AUTOSAVE_MS * 4 };

  it('saves once typing pauses, and says so in a polite live region', async () => {
    const { onSave } = renderInput(item('text'));
    await userEvent.type(screen.getByRole('textbox', { name: 'The text' }), 'ACC-7');
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('Saving…');
    await waitFor(() => expect(onSave).toHaveBeenCalledWith('ACC-7'), slow);
    expect(onSave).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'));
    expect(screen.getByRole('status')).toHaveAttribute('aria-live', 'polite');
  });

  it('saves what is still waiting when the card closes mid-word', async () => {
    const { onSave } = renderInput(item('number', { rules: { greaterThan: 0 } }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'The number' }), '42');
    cleanup(); // the drawer closes before the pause is over
    expect(onSave).toHaveBeenCalledWith(42);
  });

  it('keeps an unsent edit across a reload and sends it then', async () => {
    const never = jest.fn(() => new Promise<void>(() => undefined));
    render(<ChecklistValueInput cardId="card-1" item={item('text')} value={null} onSave={never} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'The text' }), 'typed before the reload');
    cleanup(); // the page goes away with the save unanswered
    const { onSave } = renderInput(item('text'));
    expect(screen.getByRole('textbox', { name: 'The text' })).toHaveValue('typed before the reload');
    await waitFor(() => expect(onSave).toHaveBeenCalledWith('typed before the reload'), slow);
  });

  it('a refused save keeps the text, says "Not saved" and retries on request', async () => {
    const onSave = jest
      .fn<Promise<void>, [ItemValue]>()
      .mockRejectedValueOnce(new ApiError(0, 'NETWORK', 'Could not reach Relay.'))
      .mockResolvedValue(undefined);
    render(<ChecklistValueInput cardId="card-1" item={item('text')} value={null} onSave={onSave} />);
    const box = screen.getByRole('textbox', { name: 'The text' });
    await userEvent.type(box, 'ACC-9{Enter}');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Not saved'));
    expect(box).toHaveValue('ACC-9');
    await userEvent.click(screen.getByRole('button', { name: 'Retry saving The text' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'));
    expect(onSave).toHaveBeenLastCalledWith('ACC-9');
  });

  it('someone else’s value arriving does not overwrite what is being typed', async () => {
    const onSave = jest.fn(async (_v: ItemValue) => undefined);
    const { rerender } = render(<ChecklistValueInput cardId="card-1" item={item('text')} value="old" onSave={onSave} />);
    const box = screen.getByRole('textbox', { name: 'The text' });
    await userEvent.clear(box);
    await userEvent.type(box, 'mine');
    rerender(<ChecklistValueInput cardId="card-1" item={item('text')} value="theirs" onSave={onSave} />);
    expect(box).toHaveValue('mine');
  });
});
