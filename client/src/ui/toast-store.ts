import { create } from 'zustand';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
}

interface ToastStore {
  toasts: Toast[];
  push(text: string, tone?: ToastTone): void;
  dismiss(id: number): void;
}

let nextId = 1;
const LIFETIME_MS = 5000;

export const useToasts = create<ToastStore>()((set, get) => ({
  toasts: [],
  push: (text, tone = 'info') => {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-3), { id, tone, text }] });
    setTimeout(() => get().dismiss(id), tone === 'error' ? LIFETIME_MS * 2 : LIFETIME_MS);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

export const toast = {
  info: (text: string) => useToasts.getState().push(text, 'info'),
  success: (text: string) => useToasts.getState().push(text, 'success'),
  error: (text: string) => useToasts.getState().push(text, 'error'),
};
