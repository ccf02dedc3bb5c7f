import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Settings } from '@relay/shared';
import { errorReply, mockFetch } from '../../test/fixtures';
import { useToasts } from '../../ui/toast-store';
import { SettingsPanel } from './SettingsPanel';

const saved: Settings = { doneVisibleDays: 14, touchCadenceDays: 7, calendar: null };
const field = (name: string) => document.querySelector<HTMLElement>(`[data-field="${name}"]`)!;

describe('SettingsPanel', () => {
  it('shows the saved settings and sends only what changed, the cadence off when emptied', async () => {
    const calls = mockFetch({
      'GET /api/settings': { status: 200, body: saved },
      'PATCH /api/settings': ({ body }) => ({ status: 200, body: { ...saved, ...(body as object) } }),
    });
    render(<SettingsPanel />);
    const done = await screen.findByLabelText('Done shows cards closed in the last N days');
    expect(done).toHaveValue(14);
    const cadence = screen.getByLabelText(/Touch cadence \(days, or off\)/);
    expect(cadence).toHaveValue(7);
    await userEvent.clear(done);
    await userEvent.type(done, '30');
    await userEvent.clear(cadence);
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ doneVisibleDays: 30, touchCadenceDays: null });
    await waitFor(() => expect(useToasts.getState().toasts.map((t) => t.text)).toContain('Settings were saved'));
    expect(done).toHaveValue(30);
    expect(cadence).toHaveValue(null);
  });

  it('refuses out-of-range days beside the field without asking the server', async () => {
    const calls = mockFetch({ 'GET /api/settings': { status: 200, body: saved } });
    render(<SettingsPanel />);
    const done = await screen.findByLabelText('Done shows cards closed in the last N days');
    await userEvent.clear(done);
    await userEvent.type(done, '0');
    await userEvent.clear(screen.getByLabelText(/Touch cadence/));
    await userEvent.type(screen.getByLabelText(/Touch cadence/), '400');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(field('doneVisibleDays')).toHaveTextContent('Days in Done must be a whole number of days from 1 to 365');
    expect(field('touchCadenceDays')).toHaveTextContent('Touch cadence must be a whole number of days from 1 to 365, or null');
    expect(done).toHaveAttribute('aria-invalid', 'true');
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
  });

  it('shows the server’s field errors on their fields', async () => {
    mockFetch({
      'GET /api/settings': { status: 200, body: saved },
      'PATCH /api/settings': errorReply(400, 'VALIDATION_FAILED', 'Invalid settings', {
        fields: [{ field: 'doneVisibleDays', message: 'doneVisibleDays must be at most 90 on this server' }],
      }),
    });
    render(<SettingsPanel />);
    const done = await screen.findByLabelText('Done shows cards closed in the last N days');
    await userEvent.clear(done);
    await userEvent.type(done, '200');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Days in Done must be at most 90 on this server')).toBeInTheDocument();
    expect(field('doneVisibleDays')).toContainElement(screen.getByText('Days in Done must be at most 90 on this server'));
  });

  it('says when the settings cannot be read', async () => {
    mockFetch({ 'GET /api/settings': errorReply(403, 'FORBIDDEN', 'Admins only') });
    render(<SettingsPanel />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Settings could not be loaded: Admins only');
  });
});
