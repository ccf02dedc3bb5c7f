import type { LoginResponse, MeResponse, User } from '@relay/shared';
import { api } from './http';

export async function login(email: string, password: string): Promise<User> {
  const res = await api.post<LoginResponse>('/api/auth/login', { email, password });
  return res.user;
}

/** Sets a first password from an invitation link's token; signs in as the invited person. */
export async function acceptInvite(token: string, password: string): Promise<User> {
  const res = await api.post<LoginResponse>('/api/auth/accept-invite', { token, password });
  return res.user;
}

export async function fetchMe(): Promise<User> {
  const res = await api.get<MeResponse>('/api/auth/me');
  return res.user;
}

export function logout(): Promise<void> {
  return api.post<void>('/api/auth/logout');
}

/** Changes the signed-in person's own password; their other sessions end, this one stays. */
export function changePassword(current: string, password: string): Promise<void> {
  return api.post<void>('/api/auth/password', { current, password });
}
