import { peopleForLane } from './people-for-lane';

const p = (name: string, ...departments: string[]) => ({ name, departments });

describe('peopleForLane', () => {
  it("offers the lane's department first, then everyone else, each by name", () => {
    const people = [
      p('Zoe Sales', 'sales'),
      p('Cara CX', 'customer_experience'),
      p('Abe CX', 'customer_experience'),
      p('Olive Ops', 'operations'),
    ];
    const { department, others } = peopleForLane(people, 'customer_experience');
    expect(department.map((x) => x.name)).toEqual(['Abe CX', 'Cara CX']);
    expect(others.map((x) => x.name)).toEqual(['Olive Ops', 'Zoe Sales']);
  });

  it('lists everyone when the lane has no department', () => {
    expect(peopleForLane([p('B'), p('A')], null)).toEqual({ department: [], others: [p('A'), p('B')] });
  });
});
