import { remindedText } from './reminded';

describe('remindedText', () => {
  it('names the assignee and the department the reminder reaches', () => {
    expect(remindedText({ department: 'customer_experience', role: null }, { id: 'u', name: 'Cara CX' })).toBe(
      'Cara CX and Customer Experience',
    );
    expect(remindedText({ department: 'accounting', role: null }, null)).toBe('Accounting');
  });

  it("narrows to the role of a role-restricted lane or item, and to the managers for a manager's item", () => {
    expect(remindedText({ department: 'operations', role: 'supervisor' }, null)).toBe('Operations (supervisors)');
    expect(remindedText({ department: 'operations', role: null }, null, 'manager')).toBe('the senior operations managers');
  });
});
