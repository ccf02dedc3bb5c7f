import { readdirSync, readFileSync } from 'node:fs';

const DIR = new URL('./', import.meta.url);

export interface FunctionFile {
  /** The function's name: the file's name without `.sql`. */
  name: string;
  sql: string;
}

/**
 * The current definition of every database function (and the triggers that call it), one `.sql` file each in
 * this folder, in name order. The build copies them next to this module (server/package.json `build`).
 */
export function functionFiles(): FunctionFile[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ name: f.slice(0, -'.sql'.length), sql: readFileSync(new URL(f, DIR), 'utf8') }));
}
