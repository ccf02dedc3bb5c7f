import type { ItemKind } from '@relay/shared';

/** How each checklist item kind reads in the editor. */
export const KIND_NAMES: Record<ItemKind, string> = {
  check: 'Tick',
  text: 'Text',
  number: 'Number',
  date: 'Date',
  choice: 'Choice',
  user: 'Person',
  file: 'File',
  signoff: 'Customer sign-off',
};

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
