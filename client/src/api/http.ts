import { REQUEST_ID_HEADER, type ErrorBody, type ErrorCode, type FieldError } from '@relay/shared';
import { newRequestId } from '../utils/request-id';

/** A non-2xx answer from the API, carrying the contract's error body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly details: unknown;

  constructor(status: number, code: ErrorCode | 'NETWORK', message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** `details.fields` of a 400, keyed by field name (first message wins). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const fields = isRecord(this.details) ? this.details.fields : undefined;
    if (!Array.isArray(fields)) return out;
    for (const f of fields as unknown[]) {
      if (isFieldError(f) && !(f.field in out)) out[f.field] = f.message;
    }
    return out;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFieldError(v: unknown): v is FieldError {
  return isRecord(v) && typeof v.field === 'string' && typeof v.message === 'string';
}

function isErrorBody(v: unknown): v is ErrorBody {
  return isRecord(v) && typeof v.code === 'string' && typeof v.message === 'string';
}

export interface RequestOptions {
  /** Sets `x-relay-request-id`; writes get a fresh one when omitted. */
  requestId?: string;
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let writeListener: ((requestId: string) => void) | null = null;

/** Tells `fn` the request id of every write this tab sends, so the live store can recognise their echoes. */
export function onWriteRequest(fn: (requestId: string) => void): void {
  writeListener = fn;
}

/** The request id for a write: the given one or a fresh one, reported to the write listener. */
export function writeRequestId(given?: string): string {
  const id = given ?? newRequestId();
  writeListener?.(id);
  return id;
}

/** Fetches a same-origin JSON endpoint with the session cookie. Resolves the parsed body (undefined for 204). */
export async function request<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers[REQUEST_ID_HEADER] = writeRequestId(opts.requestId);
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
    throw new ApiError(0, 'NETWORK', 'Could not reach Relay. Check your connection and try again.');
  }
  return readResponse<T>(res, path);
}

let unauthenticatedListener: (() => void) | null = null;

/** Called when a request other than sign-in answers 401: the session has ended. */
export function onUnauthenticated(fn: () => void): void {
  unauthenticatedListener = fn;
}

async function readResponse<T>(res: Response, path: string): Promise<T> {
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (res.ok) return parsed as T;
  if (res.status === 401 && !path.startsWith('/api/auth/')) unauthenticatedListener?.();
  throw toApiError(res.status, parsed);
}

export function toApiError(status: number, parsed: unknown): ApiError {
  if (isErrorBody(parsed)) return new ApiError(status, parsed.code, parsed.message, parsed.details);
  const fallback: ErrorCode = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : 'INTERNAL';
  return new ApiError(status, fallback, `Request failed (${status})`);
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
