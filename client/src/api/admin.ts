import type { AuditEntry, ChecklistTemplateItem, Department, ItemAudience, ItemKind, ItemRules, Role, User } from '@relay/shared';
import { api } from './http';

/** A department as `GET /api/departments` lists it: with how many lanes it owns and how many active members it has. */
export interface DepartmentInfo extends Department {
  lanes: number;
  members: number;
}

export interface NewPerson {
  name: string;
  email: string;
  role: Role;
  departments: string[];
  /** Without it the answer carries a one-time invitation link. */
  password?: string;
}

export interface PersonPatch {
  name?: string;
  role?: Role;
  departments?: string[];
  active?: boolean;
  password?: string;
}

export interface LanePatch {
  name?: string;
  department?: string;
  timeLimitHours?: number;
  customerName?: string | null;
  customerDescription?: string | null;
}

export interface NewItem {
  label: string;
  kind: ItemKind;
  required: boolean;
  help?: string;
  role?: Role;
  options?: string[];
  rules?: ItemRules;
  audience?: ItemAudience;
}

/** An edit: kind cannot change; null clears help, role, options or rules. */
export interface ItemPatch {
  label?: string;
  required?: boolean;
  help?: string | null;
  role?: Role | null;
  options?: string[] | null;
  rules?: ItemRules | null;
  audience?: ItemAudience;
}

export interface PeopleQuery {
  q?: string;
  role?: Role | '';
  department?: string;
}

const enc = encodeURIComponent;

export const adminApi = {
  people: (query: PeopleQuery = {}, signal?: AbortSignal) => {
    const qs = new URLSearchParams();
    if (query.q?.trim()) qs.set('q', query.q.trim());
    if (query.role) qs.set('role', query.role);
    if (query.department) qs.set('department', query.department);
    const s = qs.toString();
    return api.get<User[]>(`/api/users${s ? `?${s}` : ''}`, { signal });
  },
  createPerson: (input: NewPerson) => api.post<{ user: User; inviteUrl?: string }>('/api/users', input),
  updatePerson: (id: string, patch: PersonPatch) => api.patch<User>(`/api/users/${enc(id)}`, patch),

  departments: () => api.get<DepartmentInfo[]>('/api/departments'),
  createDepartment: (input: Department) => api.post<Department>('/api/departments', input),
  renameDepartment: (key: string, name: string) => api.patch<Department>(`/api/departments/${enc(key)}`, { name }),
  deleteDepartment: (key: string) => api.del<void>(`/api/departments/${enc(key)}`),

  patchLane: (id: string, patch: LanePatch) => api.patch<unknown>(`/api/lanes/${enc(id)}`, patch),
  addItem: (laneId: string, item: NewItem) =>
    api.post<Omit<ChecklistTemplateItem, 'position'> & { position?: number }>(`/api/lanes/${enc(laneId)}/checklist`, item),
  patchItem: (id: string, patch: ItemPatch) => api.patch<ChecklistTemplateItem>(`/api/checklist-items/${enc(id)}`, patch),
  retireItem: (id: string) => api.del<void>(`/api/checklist-items/${enc(id)}`),
  reorder: (laneId: string, ids: string[]) => api.put<string[]>(`/api/lanes/${enc(laneId)}/checklist/order`, { ids }),

  audit: (limit = 100) => api.get<AuditEntry[]>(`/api/admin/audit?limit=${limit}`),
};
