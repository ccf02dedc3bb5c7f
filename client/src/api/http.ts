import { REQUEST_ID_HEADER, isErrorCode, type ErrorCode, type ErrorDetails } from '@relay/shared';
import { ownWrites } from './own-writes';

/** The contract's codes and the client's own for a request that never got an answer. */
export type ApiErrorCode = ErrorCode | 'NETWORK';
type DetailsOf<C extends ApiErrorCode> = C extends ErrorCode ? ErrorDetails<C> : undefined;

/**
 * A non-2xx answer from the API, carrying the contract's error body. `details` is typed by `code`: narrow a
 * caught error with `isApiError(err) && err.code === 'CHECKLIST_INCOMPLETE'` and `err.details.missing` is typed.
 */
export class ApiError<C extends ApiErrorCode = ApiErrorCode> extends Error {
  readonly status: number;
  readonly code: C;
  readonly details: DetailsOf<C>;

  constructor(status: number, code: C, message: string, details?: DetailsOf<C>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details as DetailsOf<C>;
  }

  /** `details.fields` of a 400 (or a code that names a field), keyed by field name (first message wins). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const details: unknown = this.details;
    if (typeof details !== 'object' || details === null || !('fields' in details) || !Array.isArray(details.fields)) return out;
    for (const f of details.fields as { field: string; message: string }[]) if (!(f.field in out)) out[f.field] = f.message;
    return out;
  }
}

/** Any ApiError, as a union discriminated by `code`. */
export type KnownApiError = { [C in ApiErrorCode]: ApiError<C> }[ApiErrorCode];

export function isApiError(err: unknown): err is KnownApiError {
  return err instanceof ApiError;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request that got no answer at all. */
export const networkError = () => new ApiError(0, 'NETWORK', 'Could not reach Relay. Check your connection and try again.');

/** The page-wide signal that a request found the session gone (the session store listens for it). */
export const UNAUTHENTICATED_EVENT = 'relay:unauthenticated';

/** Fetches a same-origin JSON endpoint with the session cookie. Resolves the parsed body (undefined for 204). */
export async function request<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers[REQUEST_ID_HEADER] = ownWrites.next();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw networkError();
  }
  return answer<T>(res.status, await res.text(), path);
}

/**
 * The one reading of an answer (fetch's and the upload's): the parsed body of a 2xx, else the ApiError its
 * error body describes. A 401 outside sign-in tells the page that the session has ended.
 */
export function answer<T>(status: number, text: string, path: string): T {
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (status >= 200 && status < 300) return parsed as T;
  if (status === 401 && !path.startsWith('/api/auth/')) globalThis.dispatchEvent?.(new Event(UNAUTHENTICATED_EVENT));
  throw toApiError(status, parsed);
}

function toApiError(status: number, parsed: unknown): KnownApiError {
  const body = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { code?: unknown; message?: unknown; details?: unknown };
  // The server's body is the contract (shared's ErrorBodyOf): its details are trusted to match its code.
  if (isErrorCode(body.code) && typeof body.message === 'string')
    return new ApiError(status, body.code, body.message, body.details as never) as KnownApiError;
  const fallback: ErrorCode = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : 'INTERNAL';
  return new ApiError(status, fallback, `Request failed (${status})`) as KnownApiError;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

/** A readable message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return 'Something went wrong';
}
