import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FormFooter } from './FormFooter';

describe('FormFooter', () => {
  it('shows no Cancel without a cancel handler, and no alert without an error', () => {
    render(<FormFooter variant="form" busy={false} submitLabel="Save" busyLabel="Saving…" />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Save']);
    expect(screen.getByRole('button', { name: 'Save' })).toHaveAttribute('type', 'submit');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('while busy shows the busy label and turns both buttons off', () => {
    render(<FormFooter variant="dialog" busy error="Not saved" onCancel={() => undefined} submitLabel="Save" busyLabel="Saving…" />);
    expect(screen.getByRole('alert')).toHaveTextContent('Not saved');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Saving…' })).toBeDisabled();
  });

  it('as a confirmation calls its handler from a plain button instead of submitting', async () => {
    const confirm = jest.fn();
    render(<FormFooter variant="dialog" danger busy={false} onConfirm={confirm} submitLabel="Delete" busyLabel="Deleting…" />);
    const button = screen.getByRole('button', { name: 'Delete' });
    expect(button).toHaveAttribute('type', 'button');
    expect(button).toHaveClass('button-danger');
    await userEvent.click(button);
    expect(confirm).toHaveBeenCalledTimes(1);
  });
});
