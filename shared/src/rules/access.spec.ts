import type { Lane, Role, User } from '../domain.js';
import {
  canAssign,
  canCompleteItem,
  canCreateCard,
  canEditDetails,
  canPickUp,
  canSeeMetrics,
  canShareCard,
  canWorkLane,
  isAdmin,
  isManager,
  itemOwner,
} from './access.js';

type Actor = Pick<User, 'role' | 'departments'>;
type LaneAccess = Pick<Lane, 'department' | 'role' | 'terminal'>;

const person = (role: Role, ...departments: string[]): Actor => ({ role, departments });

// The demo people of API.md.
const sales = person('sales', 'sales');
const ops = person('staff', 'operations');
const cx = person('staff', 'customer_experience');
const accountant = person('staff', 'accounting');
const hr = person('staff', 'hr');
const supervisor = person('supervisor', 'operations');
const manager = person('manager', 'operations');
const admin = person('admin');

const intake: LaneAccess = { department: 'operations', role: null, terminal: false };
const customerExperience: LaneAccess = { department: 'customer_experience', role: null, terminal: false };
const accounting: LaneAccess = { department: 'accounting', role: null, terminal: false };
const operationalSetup: LaneAccess = { department: 'operations', role: 'supervisor', terminal: false };
const goLive: LaneAccess = { department: 'operations', role: 'supervisor', terminal: false };
const done: LaneAccess = { department: null, role: null, terminal: true };

const anyItem = { role: null };
const managerOnly = { role: 'manager' as const };

describe('canWorkLane', () => {
  it('lets a member of the owning department work the lane', () => {
    expect(canWorkLane(ops, intake)).toBe(true);
    expect(canWorkLane(cx, customerExperience)).toBe(true);
    expect(canWorkLane(accountant, accounting)).toBe(true);
  });

  it('refuses staff of another department', () => {
    expect(canWorkLane(cx, intake)).toBe(false);
    expect(canWorkLane(ops, accounting)).toBe(false);
    expect(canWorkLane(hr, customerExperience)).toBe(false);
  });

  it('refuses a sales rep every working lane', () => {
    for (const lane of [intake, customerExperience, accounting, operationalSetup, goLive]) expect(canWorkLane(sales, lane)).toBe(false);
  });

  it("refuses a department member below the lane's role", () => {
    expect(canWorkLane(ops, operationalSetup)).toBe(false);
    expect(canWorkLane(ops, goLive)).toBe(false);
  });

  it('lets a supervisor work a supervisor lane', () => {
    expect(canWorkLane(supervisor, operationalSetup)).toBe(true);
    expect(canWorkLane(supervisor, goLive)).toBe(true);
  });

  it.each([
    ['supervisor', supervisor],
    ['manager', manager],
    ['admin', admin],
  ])('lets a %s work lanes of any department', (_name, actor) => {
    for (const lane of [intake, customerExperience, accounting, operationalSetup, goLive]) expect(canWorkLane(actor, lane)).toBe(true);
  });

  it('lets staff in two departments work both lanes', () => {
    const both = person('staff', 'accounting', 'hr');
    expect(canWorkLane(both, accounting)).toBe(true);
    expect(canWorkLane(both, { department: 'hr', role: null, terminal: false })).toBe(true);
    expect(canWorkLane(both, intake)).toBe(false);
  });

  it('refuses everyone, admins included, in the terminal lane', () => {
    for (const actor of [ops, supervisor, manager, admin]) expect(canWorkLane(actor, done)).toBe(false);
  });

  it('refuses staff a non-terminal lane that has no owning department', () => {
    const orphan: LaneAccess = { department: null, role: null, terminal: false };
    expect(canWorkLane(ops, orphan)).toBe(false);
    expect(canWorkLane(admin, orphan)).toBe(true);
  });
});

describe('canCompleteItem', () => {
  it('lets whoever works the lane complete an unrestricted item', () => {
    expect(canCompleteItem(accountant, accounting, anyItem)).toBe(true);
    expect(canCompleteItem(supervisor, goLive, anyItem)).toBe(true);
  });

  it('refuses an unrestricted item to someone who may not work the lane', () => {
    expect(canCompleteItem(cx, accounting, anyItem)).toBe(false);
    expect(canCompleteItem(ops, goLive, anyItem)).toBe(false);
  });

  it('keeps a manager-only item (go-live approval) for managers and admins', () => {
    expect(canCompleteItem(manager, goLive, managerOnly)).toBe(true);
    expect(canCompleteItem(admin, goLive, managerOnly)).toBe(true);
    expect(canCompleteItem(supervisor, goLive, managerOnly)).toBe(false);
    expect(canCompleteItem(ops, goLive, managerOnly)).toBe(false);
  });

  it('refuses a role-restricted item to someone with that role who may not work the lane', () => {
    expect(canCompleteItem(ops, accounting, { role: 'staff' })).toBe(false);
    expect(canCompleteItem(accountant, accounting, { role: 'staff' })).toBe(true);
  });

  it('refuses any item in the terminal lane', () => {
    expect(canCompleteItem(admin, done, anyItem)).toBe(false);
  });
});

describe('itemOwner', () => {
  it("names the lane's department with the item's role first, then the lane's role, else none", () => {
    expect(itemOwner(goLive, managerOnly)).toEqual({ department: 'operations', role: 'manager' });
    expect(itemOwner(goLive, anyItem)).toEqual({ department: 'operations', role: 'supervisor' });
    expect(itemOwner(accounting, {})).toEqual({ department: 'accounting', role: null });
  });
});

describe('canCreateCard', () => {
  it.each([
    ['a sales rep', true, sales],
    ['a manager', true, manager],
    ['an admin', true, admin],
    ['staff of the sales department', true, person('staff', 'sales')],
    ['operations staff', false, ops],
    ['customer experience staff', false, cx],
    ['a supervisor', false, supervisor],
  ])('%s may create an onboarding: %s', (_who, allowed, actor) => {
    expect(canCreateCard(actor)).toBe(allowed);
  });
});

describe('canAssign', () => {
  it("lets managers and admins assign anywhere and the lane's workers in their lane", () => {
    expect(canAssign(manager, accounting)).toBe(true);
    expect(canAssign(admin, done)).toBe(true);
    expect(canAssign(accountant, accounting)).toBe(true);
    expect(canAssign(cx, accounting)).toBe(false);
    expect(canAssign(sales, intake)).toBe(false);
  });
});

describe('canEditDetails', () => {
  it("lets the card's creators and the lane's workers edit the sales form", () => {
    expect(canEditDetails(sales, accounting)).toBe(true);
    expect(canEditDetails(accountant, accounting)).toBe(true);
    expect(canEditDetails(hr, accounting)).toBe(false);
  });
});

describe('isAdmin / isManager', () => {
  it('treats an admin as a manager, but not a manager as an admin', () => {
    expect(isAdmin(admin)).toBe(true);
    expect(isManager(admin)).toBe(true);
    expect(isManager(manager)).toBe(true);
    expect(isAdmin(manager)).toBe(false);
    expect(isManager(supervisor)).toBe(false);
  });
});

describe('canPickUp: only the owning department takes a handoff, whatever the role', () => {
  it('lets members of the lane’s department pick up', () => {
    expect(canPickUp(ops, intake)).toBe(true);
    expect(canPickUp(cx, customerExperience)).toBe(true);
    expect(canPickUp(accountant, accounting)).toBe(true);
    // The operations supervisor and manager are members of operations.
    expect(canPickUp(supervisor, intake)).toBe(true);
    expect(canPickUp(manager, intake)).toBe(true);
  });

  it('refuses supervisors, managers and admins of other departments, who may still assign', () => {
    for (const actor of [supervisor, manager, admin]) {
      expect(canPickUp(actor, accounting)).toBe(false);
      expect(canPickUp(actor, customerExperience)).toBe(false);
      expect(canAssign(actor, accounting)).toBe(true);
    }
    expect(canPickUp(ops, accounting)).toBe(false);
    expect(canPickUp(sales, intake)).toBe(false);
  });

  it('needs the lane’s role where it has one, and nobody picks up in Done or a lane without department', () => {
    expect(canPickUp(supervisor, operationalSetup)).toBe(true);
    expect(canPickUp(ops, operationalSetup)).toBe(false);
    expect(canPickUp(manager, goLive)).toBe(false);
    for (const actor of [ops, supervisor, manager, admin]) expect(canPickUp(actor, done)).toBe(false);
    expect(canPickUp(admin, { department: null, role: null, terminal: false })).toBe(false);
  });
});

describe('canSeeMetrics: the manager view', () => {
  it('is open to supervisors, managers and admins', () => {
    expect([supervisor, manager, admin].map(canSeeMetrics)).toEqual([true, true, true]);
    expect([sales, ops, cx, accountant, hr].map(canSeeMetrics)).toEqual([false, false, false, false, false]);
  });
});

describe("canShareCard (the customer's tracker link)", () => {
  const accounting = { department: 'accounting', role: null };
  const setup = { department: 'operations', role: 'supervisor' as Role };
  const done = { department: null, role: null };
  it("lets the lane's owners share, and supervisors, managers and admins whatever the lane, a closed card included", () => {
    expect(canShareCard(person('staff', 'accounting'), accounting)).toBe(true);
    expect(canShareCard(person('staff', 'hr'), accounting)).toBe(false);
    expect(canShareCard(person('sales', 'sales'), accounting)).toBe(false);
    expect(canShareCard(person('staff', 'operations'), setup)).toBe(false);
    for (const role of ['supervisor', 'manager', 'admin'] as const) {
      expect(canShareCard(person(role), accounting)).toBe(true);
      expect(canShareCard(person(role), done)).toBe(true);
    }
    expect(canShareCard(person('staff', 'operations'), done)).toBe(false);
  });
});
