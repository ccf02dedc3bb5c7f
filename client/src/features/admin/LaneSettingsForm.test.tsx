import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DepartmentInfo } from '../../api/admin';
import { errorReply, makeLanes, mockFetch } from '../../test/fixtures';
import { LaneSettingsForm } from './LaneSettingsForm';

const lanes = makeLanes();
const accounting = lanes.find((l) => l.key === 'accounting')!;
const done = lanes.find((l) => l.key === 'done')!;
const departments: DepartmentInfo[] = [
  { key: 'accounting', name: 'Accounting', lanes: 1, members: 1 },
  { key: 'operations', name: 'Operations', lanes: 4, members: 3 },
];
const PATCH = 'PATCH /api/lanes/lane-accounting';

const timeLimit = () => document.querySelector<HTMLElement>('[data-field="timeLimitHours"]')!;

async function setLimit(days: string, hours: string) {
  await userEvent.clear(screen.getByLabelText('Days'));
  if (days) await userEvent.type(screen.getByLabelText('Days'), days);
  await userEvent.clear(screen.getByLabelText('Hours'));
  if (hours) await userEvent.type(screen.getByLabelText('Hours'), hours);
}

describe('LaneSettingsForm: the time limit in days and hours', () => {
  it('shows the limit in hours as days and hours, and saves days and hours as hours', async () => {
    const calls = mockFetch({ [PATCH]: { status: 200, body: { ...accounting, timeLimitHours: 36 } } });
    render(<LaneSettingsForm lane={accounting} departments={departments} />);
    expect(screen.getByLabelText('Days')).toHaveValue(2);
    expect(screen.getByLabelText('Hours')).toHaveValue(0);
    expect(timeLimit()).toHaveTextContent('2 days in total (48 hours)');

    await setLimit('1', '12');
    expect(timeLimit()).toHaveTextContent('1 day 12 hours in total (36 hours)');
    expect(timeLimit()).toHaveTextContent('turns amber after 1 day 3 hours');
    await userEvent.click(screen.getByRole('button', { name: 'Save Accounting' }));

    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({ method: 'PATCH', url: '/api/lanes/lane-accounting', body: { timeLimitHours: 36 } });
  });

  it('refuses a limit of nothing, as the server does, without sending it', async () => {
    const calls = mockFetch({});
    render(<LaneSettingsForm lane={accounting} departments={departments} />);
    await setLimit('0', '');
    await userEvent.click(screen.getByRole('button', { name: 'Save Accounting' }));
    expect(within(timeLimit()).getByRole('alert')).toHaveTextContent('Time limit must be greater than 0');
    expect(screen.getByLabelText('Days')).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toHaveLength(0);

    await setLimit('1.5', '');
    await userEvent.click(screen.getByRole('button', { name: 'Save Accounting' }));
    expect(document.querySelector('[data-field="days"]')).toHaveTextContent('Days must be a whole number');
    expect(calls).toHaveLength(0);
  });

  it("shows the server's refusal beside the time limit", async () => {
    mockFetch({
      [PATCH]: errorReply(400, 'VALIDATION_FAILED', 'timeLimitHours must be at most a year (8760)', {
        fields: [{ field: 'timeLimitHours', message: 'timeLimitHours must be at most a year (8760)' }],
      }),
    });
    render(<LaneSettingsForm lane={accounting} departments={departments} />);
    await setLimit('300', '');
    await userEvent.click(screen.getByRole('button', { name: 'Save Accounting' }));
    expect(await within(timeLimit()).findByRole('alert')).toHaveTextContent('Time limit must be at most a year (8760)');
  });

  it('sends only what changed: a new owner and name', async () => {
    const calls = mockFetch({ [PATCH]: { status: 200, body: {} } });
    render(<LaneSettingsForm lane={accounting} departments={departments} />);
    await userEvent.clear(screen.getByLabelText('Name'));
    await userEvent.type(screen.getByLabelText('Name'), 'Billing');
    await userEvent.selectOptions(screen.getByLabelText('Owning department'), 'operations');
    await userEvent.click(screen.getByRole('button', { name: 'Save Accounting' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toEqual({ name: 'Billing', department: 'operations' });
  });

  it('gives Done no owner and no time limit', () => {
    mockFetch({});
    render(<LaneSettingsForm lane={done} departments={departments} />);
    expect(screen.queryByLabelText('Days')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Owning department')).not.toBeInTheDocument();
    expect(screen.getByText(/end of the pipeline/)).toBeInTheDocument();
  });
});

describe("LaneSettingsForm: the lane as the customer's tracker names it", () => {
  it('shows the customer name and line, sends only what changed, and clears a blanked one to null', async () => {
    const calls = mockFetch({ [PATCH]: { status: 200, body: accounting } });
    render(<LaneSettingsForm lane={accounting} departments={departments} />);
    expect(screen.getByLabelText('Name for the customer')).toHaveValue('Billing set-up');
    await userEvent.clear(screen.getByLabelText('Name for the customer'));
    await userEvent.type(screen.getByLabelText('Name for the customer'), 'Your invoices');
    await userEvent.clear(screen.getByLabelText('One line for the customer'));
    await userEvent.click(screen.getByRole('button', { name: 'Save Accounting' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toEqual({ customerName: 'Your invoices', customerDescription: null });
  });
});
