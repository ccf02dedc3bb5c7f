import { create } from 'zustand';

export type ToastTone = 'info' | 'success' | 'error';

/** A button on a toast (e.g. "Undo"): pressing it runs `run` and dismisses the toast. */
export interface ToastAction {
  label: string;
  /** The button's accessible name when the label alone is too short, e.g. "Undo moving Acme to Accounting". */
  name?: string;
  run(): void;
}

export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
  action?: ToastAction;
}

interface ToastStore {
  toasts: Toast[];
  /** The id the next toast gets. */
  nextId: number;
  push(text: string, tone?: ToastTone, options?: { action?: ToastAction; lifetimeMs?: number }): number;
  dismiss(id: number): void;
}

const LIFETIME_MS = 5000;

export const useToasts = create<ToastStore>()((set, get) => ({
  toasts: [],
  nextId: 1,
  push: (text, tone = 'info', options = {}) => {
    const id = get().nextId;
    set({ nextId: id + 1, toasts: [...get().toasts.slice(-3), { id, tone, text, ...(options.action ? { action: options.action } : {}) }] });
    setTimeout(() => get().dismiss(id), options.lifetimeMs ?? (tone === 'error' ? LIFETIME_MS * 2 : LIFETIME_MS));
    return id;
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

export const toast = {
  info: (text: string) => useToasts.getState().push(text, 'info'),
  success: (text: string) => useToasts.getState().push(text, 'success'),
  error: (text: string) => useToasts.getState().push(text, 'error'),
  /** A success with a button that lasts `lifetimeMs`. */
  withAction: (text: string, action: ToastAction, lifetimeMs: number) => useToasts.getState().push(text, 'success', { action, lifetimeMs }),
};
