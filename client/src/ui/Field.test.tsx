import { render, screen } from '@testing-library/react';
import { Field } from './Field';

describe('Field', () => {
  it('labels its control and, without an error, marks it valid and describes it by the hint', () => {
    render(
      <Field name="email" label="Email" hint="We never share it">
        {(control) => <input {...control} />}
      </Field>,
    );
    const input = screen.getByLabelText('Email');
    expect(input).toHaveAttribute('aria-invalid', 'false');
    expect(input).toHaveAccessibleDescription('We never share it');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("shows an error beside the control in the form's words, announced and tied to it", () => {
    render(
      <Field name="contactEmail" label="Contact email" error="contactEmail must be an email address" required>
        {(control) => <input {...control} />}
      </Field>,
    );
    const input = screen.getByLabelText('Contact email');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toBeRequired();
    expect(screen.getByRole('alert')).toHaveTextContent('Contact email must be an email address');
    expect(input).toHaveAccessibleDescription('Contact email must be an email address');
  });

  it('marks an optional field in its label and leaves it not required', () => {
    render(
      <Field name="notes" label="Notes" optional>
        {(control) => <textarea {...control} />}
      </Field>,
    );
    expect(screen.getByLabelText('Notes (optional)')).not.toBeRequired();
  });
});
