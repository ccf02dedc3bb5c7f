import { departmentName } from './card-summary';

describe('departmentName', () => {
  const renamed = [{ key: 'accounting', name: 'Finance' }];

  it("names a department by the board's list, which may rename the defaults", () => {
    expect(departmentName('accounting', renamed)).toBe('Finance');
  });

  it('uses the default names while the board has none, and humanises unknown keys', () => {
    expect(departmentName('customer_experience', [])).toBe('Customer Experience');
    expect(departmentName('field_service', renamed)).toBe('Field Service');
    expect(departmentName(null)).toBe('—');
  });

  it('carries nothing from one call to the next: a list seen once does not rename later calls', () => {
    departmentName('accounting', renamed);
    expect(departmentName('accounting')).toBe('Accounting');
  });
});
