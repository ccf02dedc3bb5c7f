import { useMemo } from 'react';
import { adminApi, type DepartmentInfo } from '../../api/admin';
import { useLoad, type Loaded } from './use-load';

/** All departments with their lane and member counts; read again when `refreshKey` changes (e.g. lanes changed). */
export function useDepartments(refreshKey = ''): Loaded<DepartmentInfo[]> & { names: Record<string, string> } {
  const loaded = useLoad(adminApi.departments, refreshKey);
  const names = useMemo(() => Object.fromEntries((loaded.data ?? []).map((d) => [d.key, d.name])), [loaded.data]);
  return { ...loaded, names };
}
