import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorReply, fullCard, makeCard, makeLanes, mockFetch } from '../../test/fixtures';
import { NewCardForm } from './NewCardForm';

const lanes = makeLanes();

function fieldOf(name: string): HTMLElement {
  return document.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
}

async function fillValid() {
  await userEvent.type(screen.getByLabelText('Customer name'), 'Gatekeeper Foods');
  await userEvent.type(screen.getByLabelText('Contact name'), 'Gail Keeper');
  await userEvent.type(screen.getByLabelText('Contact email'), 'gail@gatekeeper.test');
  await userEvent.type(screen.getByLabelText('Service address'), '1 Gate Rd, Springfield');
  await userEvent.type(screen.getByLabelText('Contract start date'), '2026-12-01');
  await userEvent.type(screen.getByLabelText(/Contract value/), '12000');
  await userEvent.type(screen.getByLabelText('Services'), 'janitorial{Enter}');
}

describe('NewCardForm', () => {
  it('checks the form with the shared rules and sends nothing when it is invalid', async () => {
    const calls = mockFetch({});
    const onCreated = jest.fn();
    render(<NewCardForm onCreated={onCreated} onCancel={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Contact email'), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Create onboarding' }));
    expect(calls).toHaveLength(0);
    expect(onCreated).not.toHaveBeenCalled();
    expect(fieldOf('customerName')).toHaveTextContent('Customer name is required');
    expect(fieldOf('contactEmail')).toHaveTextContent('Contact email must be an email address');
    expect(fieldOf('services')).toHaveTextContent('Services must list at least one service');
    expect(fieldOf('contractStartDate')).toHaveTextContent('YYYY-MM-DD');
    expect(screen.getByLabelText('Contact email')).toHaveAttribute('aria-invalid', 'true');
    // Optional fields left empty raise nothing.
    expect(fieldOf('contactPhone')).not.toHaveTextContent(/required|must/);
  });

  it('posts the sales form and hands back the created card', async () => {
    const created = fullCard(makeCard(lanes[0]!), lanes);
    const calls = mockFetch({ 'POST /api/cards': { status: 201, body: created } });
    const onCreated = jest.fn();
    render(<NewCardForm onCreated={onCreated} onCancel={() => undefined} />);
    await fillValid();
    await userEvent.click(screen.getByRole('button', { name: 'Create onboarding' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(calls[0]!.body).toEqual({
      customerName: 'Gatekeeper Foods',
      contactName: 'Gail Keeper',
      contactEmail: 'gail@gatekeeper.test',
      serviceAddress: '1 Gate Rd, Springfield',
      contractStartDate: '2026-12-01',
      contractValue: 12000,
      services: ['janitorial'],
    });
  });

  it("shows the server's field errors beside their fields", async () => {
    mockFetch({
      'POST /api/cards': errorReply(400, 'VALIDATION_FAILED', 'Invalid sales form', {
        fields: [
          { field: 'contactEmail', message: 'contactEmail domain does not accept mail' },
          { field: 'contractStartDate', message: 'contractStartDate must not be in the past' },
        ],
      }),
    });
    const onCreated = jest.fn();
    render(<NewCardForm onCreated={onCreated} onCancel={() => undefined} />);
    await fillValid();
    await userEvent.click(screen.getByRole('button', { name: 'Create onboarding' }));
    expect(await screen.findByText('Contact email domain does not accept mail')).toBeInTheDocument();
    expect(fieldOf('contactEmail')).toHaveTextContent('Contact email domain does not accept mail');
    expect(fieldOf('contractStartDate')).toHaveTextContent('Contract start date must not be in the past');
    expect(fieldOf('customerName')).not.toHaveTextContent(/must|required/);
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('lets services be added and removed', async () => {
    render(<NewCardForm onCreated={jest.fn()} onCancel={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Services'), 'janitorial{Enter}');
    await userEvent.type(screen.getByLabelText('Services'), 'windows{Enter}');
    const chips = () => screen.getAllByRole('listitem').map((li) => li.firstChild?.textContent);
    expect(chips()).toEqual(['janitorial', 'windows']);
    await userEvent.click(screen.getByRole('button', { name: 'Remove janitorial' }));
    expect(chips()).toEqual(['windows']);
  });

  it('keeps a half-filled form for its owner across closing and reopening, until discarded', async () => {
    localStorage.clear();
    const first = render(<NewCardForm onCreated={() => undefined} onCancel={() => undefined} draftOwner="ann" />);
    await userEvent.type(screen.getByLabelText('Customer name'), 'Half Done Ltd');
    await userEvent.type(screen.getByLabelText('Services'), 'janitorial{Enter}');
    first.unmount();

    const again = render(<NewCardForm onCreated={() => undefined} onCancel={() => undefined} draftOwner="ann" />);
    expect(screen.getByLabelText('Customer name')).toHaveValue('Half Done Ltd');
    expect(screen.getByRole('status')).toHaveTextContent('Your unfinished form was kept.');
    await userEvent.click(screen.getByRole('button', { name: 'Discard it' }));
    expect(screen.getByLabelText('Customer name')).toHaveValue('');
    again.unmount();
    render(<NewCardForm onCreated={() => undefined} onCancel={() => undefined} draftOwner="bob" />);
    expect(screen.getByLabelText('Customer name')).toHaveValue('');
  });

  it('warns before a second open onboarding for the same customer, links to it, and creates anyway on request', async () => {
    const existing = makeCard(lanes[1]!, { title: 'Gatekeeper Foods' });
    const created = fullCard(makeCard(lanes[0]!, { title: 'Gatekeeper Foods' }), lanes);
    const calls = mockFetch({
      'POST /api/cards': (call) =>
        (call.body as { allowDuplicate?: boolean }).allowDuplicate
          ? { status: 201, body: created }
          : errorReply(409, 'POSSIBLE_DUPLICATE', 'Gatekeeper Foods already has an open onboarding', { cards: [existing] }),
    });
    const onCreated = jest.fn();
    render(<NewCardForm onCreated={onCreated} onCancel={() => undefined} />);
    await fillValid();
    await userEvent.click(screen.getByRole('button', { name: 'Create onboarding' }));
    const warning = await screen.findByRole('alert', { name: '' });
    expect(warning).toHaveTextContent('This customer already has an open onboarding:');
    expect(screen.getByRole('link', { name: 'Gatekeeper Foods' })).toHaveAttribute('href', `/?card=${existing.id}`);
    expect(onCreated).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Create anyway' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(calls.map((c) => (c.body as { allowDuplicate?: boolean }).allowDuplicate)).toEqual([undefined, true]);
  });
});
