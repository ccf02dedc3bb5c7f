import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DepartmentInfo } from '../../api/admin';
import { errorReply, mockFetch } from '../../test/fixtures';
import { DepartmentsPanel } from './DepartmentsPanel';

const departments: DepartmentInfo[] = [
  { key: 'accounting', name: 'Accounting', lanes: 1, members: 1 },
  { key: 'sales', name: 'Sales', lanes: 0, members: 1 },
];

describe('DepartmentsPanel', () => {
  it('adds a department with a key suggested from its name', async () => {
    const calls = mockFetch({ 'POST /api/departments': { status: 201, body: { key: 'facilities_sites', name: 'Facilities & Sites' } } });
    const reload = jest.fn(async () => undefined);
    render(<DepartmentsPanel departments={departments} reload={reload} />);
    const form = screen.getByRole('form', { name: 'New department' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Facilities & Sites');
    expect(within(form).getByLabelText('Key')).toHaveValue('facilities_sites');
    await userEvent.click(within(form).getByRole('button', { name: 'Add department' }));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(calls[0]!.body).toEqual({ key: 'facilities_sites', name: 'Facilities & Sites' });
  });

  it("checks the key as the server does and shows the server's field error", async () => {
    const calls = mockFetch({
      'POST /api/departments': errorReply(400, 'VALIDATION_FAILED', 'department sales already exists', {
        fields: [{ field: 'key', message: 'key is already in use' }],
      }),
    });
    render(<DepartmentsPanel departments={departments} reload={jest.fn()} />);
    const form = screen.getByRole('form', { name: 'New department' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Sales again');
    await userEvent.clear(within(form).getByLabelText('Key'));
    await userEvent.type(within(form).getByLabelText('Key'), 'Bad Key');
    await userEvent.click(within(form).getByRole('button', { name: 'Add department' }));
    expect(form.querySelector('[data-field="key"]')).toHaveTextContent('Key must be 2-40 lowercase letters, digits or _');
    expect(calls).toHaveLength(0);

    await userEvent.clear(within(form).getByLabelText('Key'));
    await userEvent.type(within(form).getByLabelText('Key'), 'sales');
    await userEvent.click(within(form).getByRole('button', { name: 'Add department' }));
    expect(await within(form.querySelector<HTMLElement>('[data-field="key"]')!).findByRole('alert')).toHaveTextContent(
      'Key is already in use',
    );
  });

  it('renames, and will not delete a department that owns a lane', async () => {
    const calls = mockFetch({ 'PATCH /api/departments/accounting': { status: 200, body: { key: 'accounting', name: 'Finance' } } });
    render(<DepartmentsPanel departments={departments} reload={jest.fn(async () => undefined)} />);
    expect(screen.getByRole('button', { name: 'Delete Accounting' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Delete Sales' })).toBeEnabled();
    await userEvent.click(screen.getByRole('button', { name: 'Rename Accounting' }));
    const form = screen.getByRole('form', { name: 'Rename Accounting' });
    await userEvent.clear(within(form).getByLabelText('New name for Accounting'));
    await userEvent.type(within(form).getByLabelText('New name for Accounting'), 'Finance');
    await userEvent.click(within(form).getByRole('button', { name: 'Save name' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toEqual({ name: 'Finance' });
  });

  it('shows DEPARTMENT_IN_USE when the server refuses a delete', async () => {
    mockFetch({
      'DELETE /api/departments/sales': errorReply(409, 'DEPARTMENT_IN_USE', 'Sales owns 1 lane(s): give them to another department first'),
    });
    render(<DepartmentsPanel departments={departments} reload={jest.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Delete Sales' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Sales?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete department' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Sales owns 1 lane(s)');
  });
});
