import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeLanes, makeUser, mockFetch } from '../../test/fixtures';
import { AdminView } from './AdminView';

const lanes = makeLanes();
const admin = makeUser({ name: 'Ada Admin', role: 'admin', departments: [] });
const audit = [
  {
    id: '2',
    actor: { id: admin.id, name: 'Ada Admin' },
    at: '2026-03-02T10:00:00Z',
    entity: 'lane',
    entityId: 'accounting',
    action: 'update',
    before: { name: 'Accounting', timeLimitHours: 48 },
    after: { name: 'Accounting', timeLimitHours: 36 },
  },
  {
    id: '1',
    actor: { id: admin.id, name: 'Ada Admin' },
    at: '2026-03-01T10:00:00Z',
    entity: 'checklist_item',
    entityId: 'accounting-item-2',
    action: 'retire',
    before: { label: 'Budgeted hours and rates loaded', retired: false },
    after: { label: 'Budgeted hours and rates loaded', retired: true },
  },
];

function routes() {
  return mockFetch({
    'GET /api/departments': {
      status: 200,
      body: [
        { key: 'accounting', name: 'Accounting', lanes: 1, members: 1 },
        { key: 'operations', name: 'Operations', lanes: 4, members: 3 },
      ],
    },
    'GET /api/admin/audit*': { status: 200, body: audit },
  });
}

describe('AdminView', () => {
  beforeEach(() => window.history.replaceState(null, '', '/?view=admin'));

  it('is for admins only', () => {
    routes();
    render(<AdminView lanes={lanes} user={makeUser({ role: 'manager' })} />);
    expect(screen.getByText(/Only admins/)).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Admin sections' })).not.toBeInTheDocument();
  });

  it('lists the lanes in their fixed order, says why, and opens a lane with its checklist', async () => {
    routes();
    render(<AdminView lanes={lanes} user={admin} />);
    const picker = await screen.findByRole('complementary', { name: 'Lanes' });
    expect(picker).toHaveTextContent('The order is fixed by the gate rules');
    const names = within(picker)
      .getAllByRole('button')
      .map((b) => b.querySelector('.lane-pick-name')!.textContent);
    expect(names).toEqual(lanes.map((l) => l.name));
    expect(within(picker).getByRole('button', { name: /Accounting/ })).toHaveTextContent('Accounting · 2 days · 5 items');
    await userEvent.click(within(picker).getByRole('button', { name: /Accounting/ }));
    expect(window.location.search).toContain('lane=accounting');
    expect(await screen.findByRole('heading', { name: 'Checklist of Accounting' })).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Settings of Accounting' })).toBeInTheDocument();
  });

  it('shows the audit log: who, what, before and after', async () => {
    routes();
    render(<AdminView lanes={lanes} user={admin} />);
    await userEvent.click(screen.getByRole('button', { name: 'Audit log' }));
    const log = await screen.findByRole('list', { name: 'Changes, newest first' });
    const [first, second] = within(log).getAllByRole('listitem');
    expect(first).toHaveTextContent('Ada Admin changed lane Accounting');
    expect(within(first!).getByRole('row', { name: /time limit/ })).toHaveTextContent('48→ 36');
    expect(second).toHaveTextContent('Ada Admin retired checklist item Budgeted hours and rates loaded');
  });
});
