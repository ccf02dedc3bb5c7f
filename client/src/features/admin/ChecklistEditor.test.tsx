import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Lane } from '@relay/shared';
import { errorReply, makeLanes, mockFetch } from '../../test/fixtures';
import { ChecklistEditor } from './ChecklistEditor';

/** Accounting's items of the team (its requests to the customer left out, so the counts below stay those of the team). */
const accounting = (): Lane => {
  const lane = makeLanes().find((l) => l.key === 'accounting')!;
  return { ...lane, checklist: lane.checklist.filter((i) => i.audience === 'team') };
};
const ADD = 'POST /api/lanes/lane-accounting/checklist';
const ORDER = 'PUT /api/lanes/lane-accounting/checklist/order';

function fieldOf(name: string, root: HTMLElement = document.body): HTMLElement {
  return root.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
}

/** Labels of the active items, in the order shown. */
function shownOrder(): string[] {
  const list = screen.getByRole('list', { name: 'Items of Accounting, in order' });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.item-label')!.textContent!);
}

async function openAddForm() {
  await userEvent.click(screen.getByRole('button', { name: '+ Add item to Accounting' }));
  return screen.getByRole('form', { name: 'New checklist item' });
}

describe('ChecklistEditor', () => {
  it('adds a choice item only once it has two different options, and shows it in the list', async () => {
    const calls = mockFetch({
      [ADD]: (call) => ({ status: 201, body: { id: 'new-item', laneId: 'lane-accounting', ...(call.body as object), retired: false } }),
    });
    render(<ChecklistEditor lane={accounting()} />);
    const form = await openAddForm();

    await userEvent.click(within(form).getByRole('button', { name: 'Add item' }));
    expect(fieldOf('label', form)).toHaveTextContent('Label must be 1 to 200 characters');

    await userEvent.type(within(form).getByLabelText('Label'), 'Payment method');
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'choice');
    await userEvent.type(within(form).getByLabelText('Options'), 'direct debit{Enter}');
    await userEvent.click(within(form).getByRole('button', { name: 'Add item' }));
    expect(fieldOf('options', form)).toHaveTextContent('Options must list at least 2 choices for a choice item');
    expect(fieldOf('label', form)).not.toHaveTextContent(/must/);
    expect(calls).toHaveLength(0);

    await userEvent.type(within(form).getByLabelText('Options'), 'invoice{Enter}');
    await userEvent.selectOptions(within(form).getByLabelText(/To pass the gate/), 'invoice');
    await userEvent.click(within(form).getByRole('checkbox', { name: /Required before a card may leave/ }));
    await userEvent.type(within(form).getByLabelText(/Help text/), 'Ask the billing contact');
    await userEvent.selectOptions(within(form).getByLabelText('Who may complete it'), 'supervisor');
    await userEvent.click(within(form).getByRole('button', { name: 'Add item' }));

    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toEqual({
      label: 'Payment method',
      kind: 'choice',
      required: false,
      help: 'Ask the billing contact',
      role: 'supervisor',
      options: ['direct debit', 'invoice'],
      rules: { mustBe: 'invoice' },
    });
    await waitFor(() => expect(shownOrder()).toContain('Payment method'));
    expect(shownOrder().at(-1)).toBe('Payment method');
    expect(screen.queryByRole('form', { name: 'New checklist item' })).not.toBeInTheDocument();
  });

  it("shows the server's field errors beside their fields and keeps the form open", async () => {
    mockFetch({
      [ADD]: errorReply(400, 'VALIDATION_FAILED', 'label is taken; options must be different from each other', {
        fields: [
          { field: 'label', message: 'label is already used in this lane' },
          { field: 'options', message: 'options must be different from each other' },
        ],
      }),
    });
    render(<ChecklistEditor lane={accounting()} />);
    const form = await openAddForm();
    await userEvent.type(within(form).getByLabelText('Label'), 'Billing contact and terms confirmed');
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'choice');
    await userEvent.type(within(form).getByLabelText('Options'), 'a{Enter}b{Enter}');
    await userEvent.click(within(form).getByRole('button', { name: 'Add item' }));

    expect(await within(fieldOf('label', form)).findByRole('alert')).toHaveTextContent('Label is already used in this lane');
    expect(fieldOf('options', form)).toHaveTextContent('Options must be different from each other');
    expect(within(form).getByLabelText('Label')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('form', { name: 'New checklist item' })).toBeInTheDocument();
    expect(shownOrder()).toHaveLength(3);
  });

  it('edits an item, sending only what changed, with its kind fixed', async () => {
    const calls = mockFetch({
      'PATCH /api/checklist-items/accounting-item-1': (call) => ({ status: 200, body: { ...(call.body as object) } }),
    });
    render(<ChecklistEditor lane={accounting()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Billing contact and terms confirmed' }));
    const form = screen.getByRole('form', { name: 'Edit Billing contact and terms confirmed' });
    expect(within(form).getByLabelText('Kind')).toBeDisabled();
    const label = within(form).getByLabelText('Label');
    await userEvent.clear(label);
    await userEvent.type(label, 'Billing terms agreed');
    await userEvent.click(within(form).getByRole('button', { name: 'Save item' }));

    await waitFor(() => expect(shownOrder()).toContain('Billing terms agreed'));
    expect(calls[0]).toMatchObject({ method: 'PATCH', body: { label: 'Billing terms agreed' } });
  });

  it('retires an item after confirmation and shows it as retired', async () => {
    const calls = mockFetch({ 'DELETE /api/checklist-items/accounting-item-2': { status: 204 } });
    render(<ChecklistEditor lane={accounting()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Retire Budgeted hours and rates loaded' }));
    const dialog = screen.getByRole('dialog', { name: 'Retire "Budgeted hours and rates loaded"?' });
    expect(dialog).toHaveTextContent('Values already recorded on cards are kept');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retire item' }));

    const retired = await screen.findByRole('region', { name: 'Retired items' });
    expect(within(retired).getByText('Budgeted hours and rates loaded')).toBeInTheDocument();
    expect(within(retired).getByText('Retired')).toBeInTheDocument();
    expect(shownOrder()).not.toContain('Budgeted hours and rates loaded');
    expect(calls).toEqual([expect.objectContaining({ method: 'DELETE' })]);
  });

  it('shows items retired earlier apart from the active ones', () => {
    const lane = accounting();
    lane.checklist[0] = { ...lane.checklist[0]!, retired: true };
    mockFetch({});
    render(<ChecklistEditor lane={lane} />);
    expect(shownOrder()).toEqual(['Billing contact and terms confirmed', 'Budgeted hours and rates loaded']);
    const retired = screen.getByRole('region', { name: 'Retired items' });
    expect(within(retired).getByText('Customer account reference in the accounting system')).toBeInTheDocument();
  });

  it('reorders with the keyboard: the move buttons send the new order of the active items', async () => {
    const calls = mockFetch({ [ORDER]: (call) => ({ status: 200, body: (call.body as { ids: string[] }).ids }) });
    render(<ChecklistEditor lane={accounting()} />);
    expect(screen.getByRole('button', { name: 'Move Customer account reference in the accounting system up' })).toBeDisabled();

    screen.getByRole('button', { name: 'Move Customer account reference in the accounting system down' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toEqual({ ids: ['accounting-item-1', 'accounting-item-0', 'accounting-item-2'] });
    expect(shownOrder()[1]).toBe('Customer account reference in the accounting system');
    expect(screen.getByText(/now at position 2 of 3/)).toHaveAttribute('role', 'status');

    screen.getByRole('button', { name: 'Move Budgeted hours and rates loaded up' }).focus();
    await userEvent.keyboard(' ');
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.body).toEqual({ ids: ['accounting-item-1', 'accounting-item-2', 'accounting-item-0'] });
  });

  it('puts the old order back when the server refuses the new one', async () => {
    mockFetch({ [ORDER]: errorReply(400, 'VALIDATION_FAILED', "ids must list each of the lane's 4 active items exactly once") });
    render(<ChecklistEditor lane={accounting()} />);
    const before = shownOrder();
    await userEvent.click(screen.getByRole('button', { name: 'Move Billing contact and terms confirmed up' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The new order was not saved');
    expect(shownOrder()).toEqual(before);
  });

  it('takes the lane as read again when the board refetches it', async () => {
    mockFetch({});
    const lane = accounting();
    const { rerender } = render(<ChecklistEditor lane={lane} />);
    const renamed = { ...lane, checklist: lane.checklist.map((i, n) => (n === 0 ? { ...i, label: 'Ledger reference' } : i)) };
    await act(async () => rerender(<ChecklistEditor lane={renamed} />));
    expect(shownOrder()[0]).toBe('Ledger reference');
  });
});

describe('ChecklistEditor: requests to the customer', () => {
  it('marks an item as a request to the customer, and a sign-off always is one', async () => {
    const calls = mockFetch({
      [ADD]: (call) => ({
        status: 201,
        body: {
          id: `new-item-${(call.body as { label: string }).label.length}`,
          laneId: 'lane-accounting',
          ...(call.body as object),
          retired: false,
        },
      }),
    });
    render(<ChecklistEditor lane={accounting()} />);
    let form = await openAddForm();
    await userEvent.type(within(form).getByLabelText('Label'), 'VAT number');
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'text');
    await userEvent.click(within(form).getByLabelText(/A request to the customer/));
    await userEvent.click(within(form).getByRole('button', { name: 'Add item' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toEqual({ label: 'VAT number', kind: 'text', required: true, audience: 'customer' });

    form = await openAddForm();
    await userEvent.type(within(form).getByLabelText('Label'), 'Billing terms accepted');
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'signoff');
    expect(within(form).getByLabelText(/A request to the customer/)).toBeChecked();
    expect(within(form).getByLabelText(/A request to the customer/)).toBeDisabled();
    await userEvent.click(within(form).getByRole('button', { name: 'Add item' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.body).toMatchObject({ kind: 'signoff', audience: 'customer' });
  });
});
