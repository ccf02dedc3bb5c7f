import type { DepartmentKey, ItemAudience, ItemKind, ItemRules, LaneKey, Role } from './domain.js';

export interface TemplateItem {
  label: string;
  kind: ItemKind;
  required?: boolean;
  role?: Role;
  options?: string[];
  rules?: ItemRules;
  help?: string;
  /** `customer`: a request the customer answers through their tracker link. */
  audience?: ItemAudience;
}

export interface TemplateLane {
  key: LaneKey;
  name: string;
  department: DepartmentKey | null;
  role?: Role;
  timeLimitHours: number | null;
  /** The lane as the customer's tracker names and describes it. */
  customerName: string;
  customerDescription: string;
  items: TemplateItem[];
}

export const DEFAULT_DEPARTMENTS: { key: DepartmentKey; name: string }[] = [
  { key: 'operations', name: 'Operations' },
  { key: 'customer_experience', name: 'Customer Experience' },
  { key: 'accounting', name: 'Accounting' },
  { key: 'hr', name: 'HR' },
  { key: 'sales', name: 'Sales' },
];

/** The default onboarding pipeline, seeded into an empty database. */
export const DEFAULT_PIPELINE: { name: string; lanes: TemplateLane[] } = {
  name: 'Customer onboarding',
  lanes: [
    {
      key: 'intake',
      name: 'Operations Intake',
      department: 'operations',
      timeLimitHours: 24,
      customerName: 'Getting started',
      customerDescription: 'We review your order and plan your onboarding.',
      items: [
        { label: 'Sales information reviewed', kind: 'check' },
        {
          label: 'Supervisor assigned',
          kind: 'user',
          rules: { pickRole: 'supervisor' },
          help: 'The supervisor who will run setup, go-live and the audit',
        },
        { label: 'Delivery model', kind: 'choice', options: ['in-house', 'subcontracted'] },
        { label: 'Budgeted hours per week', kind: 'number', rules: { greaterThan: 0 } },
        { label: 'Supplies included', kind: 'choice', options: ['yes', 'no'] },
        { label: 'Contract start date', kind: 'date' },
        { label: 'Labour confirmation deadline', kind: 'date' },
        { label: 'Supply order deadline', kind: 'date', required: false },
        {
          label: 'Site access details',
          kind: 'text',
          audience: 'customer',
          required: false,
          help: 'How our team gets into the site: entrances, keys or codes, alarm, who to ask on arrival',
        },
      ],
    },
    {
      key: 'customer_experience',
      name: 'Customer Experience',
      department: 'customer_experience',
      timeLimitHours: 48,
      customerName: 'Welcome',
      customerDescription: 'We welcome you and schedule the kick-off meeting.',
      items: [
        { label: 'Welcome email sent', kind: 'check' },
        { label: 'Welcome packet sent', kind: 'date' },
        { label: 'Kick-off meeting date', kind: 'date' },
        { label: 'Customer acknowledged', kind: 'check', required: false },
        { label: 'Preferred kick-off date', kind: 'date', audience: 'customer', required: false },
      ],
    },
    {
      key: 'accounting',
      name: 'Accounting',
      department: 'accounting',
      timeLimitHours: 48,
      customerName: 'Billing set-up',
      customerDescription: 'We set up your account and billing.',
      items: [
        { label: 'Customer account reference in the accounting system', kind: 'text' },
        { label: 'Billing contact and terms confirmed', kind: 'check' },
        { label: 'Budgeted hours and rates loaded', kind: 'check' },
        {
          label: 'Billing contact',
          kind: 'text',
          audience: 'customer',
          required: false,
          help: 'Name, email and phone of the person who receives our invoices',
        },
        { label: 'Purchase order (if you use them)', kind: 'file', audience: 'customer', required: false },
      ],
    },
    {
      key: 'operational_setup',
      name: 'Operational Setup',
      department: 'operations',
      role: 'supervisor',
      timeLimitHours: 120,
      customerName: 'Preparing your service',
      customerDescription: 'We prepare the schedules, documents and supplies for your site.',
      items: [
        { label: 'Sales, accounting and CX information reviewed', kind: 'check' },
        { label: 'Service documents', kind: 'file' },
        { label: 'Employee schedule', kind: 'file' },
        { label: 'Inspection schedule and templates ready', kind: 'check' },
        { label: 'First-month account plan', kind: 'file' },
        { label: 'Equipment and supply requisitions', kind: 'text', help: 'Requisition numbers' },
      ],
    },
    {
      key: 'hr',
      name: 'HR',
      department: 'hr',
      timeLimitHours: 120,
      customerName: 'Staffing',
      customerDescription: 'We hire or assign the people who will serve your site.',
      items: [
        { label: 'Employees needed', kind: 'number', rules: { min: 0 } },
        { label: 'Employees hired or assigned', kind: 'text' },
        { label: 'Employee paperwork complete', kind: 'check' },
      ],
    },
    {
      key: 'go_live',
      name: 'Go-Live',
      department: 'operations',
      role: 'supervisor',
      timeLimitHours: 72,
      customerName: 'Going live',
      customerDescription: 'We walk through your site with you and start the service.',
      items: [
        { label: 'Go-live meeting with senior operations manager held', kind: 'date' },
        { label: 'Pre-deployment walkthrough done', kind: 'check', help: 'Add notes from the walkthrough' },
        { label: 'Service start date confirmed', kind: 'date' },
        { label: 'Completed training checklists', kind: 'file' },
        { label: 'Go-live approved', kind: 'check', role: 'manager' },
        {
          label: 'Customer accepts the service',
          kind: 'signoff',
          audience: 'customer',
          help: 'Type your name and confirm that the service may start as agreed',
        },
      ],
    },
    {
      key: 'first_week_audit',
      name: 'First-Week Audit',
      department: 'operations',
      role: 'supervisor',
      timeLimitHours: 168,
      customerName: 'First-week check',
      customerDescription: 'We check how the first week went.',
      items: [
        { label: 'Audit date', kind: 'date' },
        { label: 'Employee training verified', kind: 'check' },
        {
          label: 'Account readiness',
          kind: 'choice',
          options: ['ready', 'needs reinforcement'],
          rules: { mustBe: 'ready' },
          help: 'Must be "ready" to finish',
        },
        { label: 'Audit notes', kind: 'text', required: false },
      ],
    },
    {
      key: 'done',
      name: 'Done',
      department: null,
      timeLimitHours: null,
      customerName: 'Live',
      customerDescription: 'Your service is running.',
      items: [],
    },
  ],
};

export const DEMO_PASSWORD = 'relay-demo-pass';

export const DEMO_PEOPLE: { email: string; name: string; role: Role; departments: DepartmentKey[] }[] = [
  { email: 'sales@relay.test', name: 'Sam Sales', role: 'sales', departments: ['sales'] },
  { email: 'ops@relay.test', name: 'Olive Ops', role: 'staff', departments: ['operations'] },
  { email: 'cx@relay.test', name: 'Cara CX', role: 'staff', departments: ['customer_experience'] },
  { email: 'accounting@relay.test', name: 'Abe Accounts', role: 'staff', departments: ['accounting'] },
  { email: 'hr@relay.test', name: 'Hana HR', role: 'staff', departments: ['hr'] },
  { email: 'supervisor@relay.test', name: 'Sofia Supervisor', role: 'supervisor', departments: ['operations'] },
  { email: 'manager@relay.test', name: 'Max Manager', role: 'manager', departments: ['operations'] },
  { email: 'admin@relay.test', name: 'Ada Admin', role: 'admin', departments: [] },
];
