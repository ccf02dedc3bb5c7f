import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_PREFERENCES, type NotificationPreferences } from '@relay/shared';
import { mockFetch } from '../../test/fixtures';
import { useToasts } from '../../ui/toast-store';
import { NotificationBell } from './NotificationBell';
import { useNotifications } from './notification-store';

const saved: NotificationPreferences = { ...DEFAULT_PREFERENCES, card_arrived: 'digest', reminder: 'off' };

async function openSettings() {
  useNotifications.setState({ items: [], unread: 0, loaded: true });
  render(<NotificationBell />);
  await userEvent.click(screen.getByRole('button', { name: 'Notifications' }));
  await userEvent.click(screen.getByRole('button', { name: 'Notification settings' }));
  return screen.findByRole('form', { name: 'Notification settings' });
}

const choice = (form: HTMLElement, kind: string, channel: string) =>
  within(within(form).getByRole('group', { name: kind })).getByRole('radio', { name: channel });

describe('Notification settings', () => {
  beforeEach(() => {
    useNotifications.getState().reset();
    useToasts.setState({ toasts: [] });
  });

  it('opens from the bell and shows each kind with its saved channel', async () => {
    mockFetch({ 'GET /api/me/preferences': { status: 200, body: saved } });
    const form = await openSettings();
    expect(screen.getByRole('heading', { name: 'Notification settings' })).toBeInTheDocument();
    const groups = within(form)
      .getAllByRole('group')
      .map((g) => g.querySelector('legend')!.textContent);
    expect(groups).toEqual(['Handoffs', 'Assigned to me', 'Mentions', 'Reminders', 'Stuck cards', 'Escalations', 'Customer answers']);
    for (const g of within(form).getAllByRole('group')) {
      expect(
        within(g)
          .getAllByRole('radio')
          .map((r) => r.parentElement!.textContent),
      ).toEqual(['In app', 'Email', 'Daily digest', 'Off']);
    }
    expect(choice(form, 'Handoffs', 'Daily digest')).toBeChecked();
    expect(choice(form, 'Reminders', 'Off')).toBeChecked();
    expect(choice(form, 'Assigned to me', 'Email')).toBeChecked();
    // Nothing changed yet: nothing to save.
    expect(within(form).getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('saves every kind with PUT, confirms with a toast and closes', async () => {
    const calls = mockFetch({
      'GET /api/me/preferences': { status: 200, body: saved },
      'PUT /api/me/preferences': (call) => ({ status: 200, body: call.body }),
    });
    const form = await openSettings();
    await userEvent.click(choice(form, 'Mentions', 'Email'));
    await userEvent.click(choice(form, 'Stuck cards', 'Daily digest'));
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(useToasts.getState().toasts.map((t) => t.text)).toContain('Notification settings saved'));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ ...saved, mentioned: 'email', stuck: 'digest' });
    expect(screen.queryByRole('form', { name: 'Notification settings' })).toBeNull();
  });

  it('keeps the dialog open with the reason when saving fails', async () => {
    mockFetch({
      'GET /api/me/preferences': { status: 200, body: saved },
      'PUT /api/me/preferences': {
        status: 400,
        body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'mentioned must be one of in_app, email, digest, off' },
      },
    });
    const form = await openSettings();
    await userEvent.click(choice(form, 'Mentions', 'Off'));
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('mentioned must be one of');
    expect(choice(form, 'Mentions', 'Off')).toBeChecked();
    expect(useToasts.getState().toasts).toEqual([]);
  });

  it('offers to try again when the settings cannot be loaded', async () => {
    let fail = true;
    mockFetch({
      'GET /api/me/preferences': () =>
        fail ? { status: 503, body: { statusCode: 503, code: 'UNAVAILABLE', message: 'Relay is busy' } } : { status: 200, body: saved },
    });
    useNotifications.setState({ items: [], unread: 0, loaded: true });
    render(<NotificationBell />);
    await userEvent.click(screen.getByRole('button', { name: 'Notifications' }));
    await userEvent.click(screen.getByRole('button', { name: 'Notification settings' }));
    expect(await screen.findByText(/could not be loaded: Relay is busy/)).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('form', { name: 'Notification settings' })).toBeInTheDocument();
  });
});
