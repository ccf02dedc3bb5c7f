/**
 * The tests' one HTTP client for Relay's API (API.md), used by the server's integration tests (against the
 * in-process app or a spawned server process) and by the browser journeys (against the built Relay).
 *
 * Plain `fetch`, no framework: the journeys import this file by relative path and run it through their own
 * jest config. It signs in once per person, sends the session (bearer token, or the cookie as a browser does,
 * then with the page's Origin), and offers two ways to call:
 * - `call(route)` / the typed helpers (`createCard`, `move`, …): the answer's body, or an `ApiError` thrown for
 *   a non-2xx answer — for the steps a test is not about;
 * - `send(route)` / `request(method, path)` / `get`, `post`, …: the whole `Reply` whatever its status — for the
 *   answers a test asserts (status codes, error bodies, headers).
 */
import type {
  BoardResponse,
  Card,
  CardEvent,
  ChecklistTemplateItem,
  ItemValue,
  LoginResponse,
  MeResponse,
  NotificationList,
  SalesForm,
  StuckCard,
  User,
} from '@relay/shared';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One call of the API: its method, path and body. `T` is what a 2xx answer's body is. */
export interface Route<T> {
  method: Method;
  path: string;
  body?: unknown;
  /** Only carries `T` for the type checker. */
  readonly answer?: T;
}

const route = <T>(method: Method, path: string, body?: unknown): Route<T> => ({ method, path, body });

/** A file to upload as `multipart/form-data`. */
export interface Upload {
  name: string;
  type: string;
  content: string | Uint8Array<ArrayBuffer>;
}

/** The calls the tests make, each once: a typed helper sends one, a test may `send` one to assert the answer. */
export const routes = {
  login: (email: string, password: string) => route<LoginResponse>('POST', '/api/auth/login', { email, password }),
  logout: () => route<void>('POST', '/api/auth/logout'),
  me: () => route<MeResponse>('GET', '/api/auth/me'),
  board: () => route<BoardResponse>('GET', '/api/board'),
  card: (id: string) => route<Card>('GET', `/api/cards/${id}`),
  events: (id: string) => route<CardEvent[]>('GET', `/api/cards/${id}/events`),
  createCard: (form: SalesForm & { allowDuplicate?: boolean }) => route<Card>('POST', '/api/cards', form),
  move: (id: string, toLane: string, version: number, reason?: string) =>
    route<Card>('POST', `/api/cards/${id}/move`, { toLane, version, ...(reason ? { reason } : {}) }),
  patchCard: (id: string, version: number, changes: Record<string, unknown>) =>
    route<Card>('PATCH', `/api/cards/${id}`, { version, ...changes }),
  setItem: (cardId: string, itemId: string, value: unknown) => route<Card>('PUT', `/api/cards/${cardId}/checklist/${itemId}`, { value }),
  pickup: (id: string) => route<Card>('POST', `/api/cards/${id}/pickup`),
  share: (id: string, body: { expiresInDays?: number; email?: boolean } = {}) =>
    route<{ url: string; expiresAt: string; emailed: boolean }>('POST', `/api/cards/${id}/share`, body),
  notifications: () => route<NotificationList>('GET', '/api/notifications'),
  createUser: (person: NewUser) => route<User>('POST', '/api/users', person),
  users: (role?: string) => route<User[]>('GET', role ? `/api/users?role=${role}` : '/api/users'),
  advanceClock: (minutes: number) => route<{ now: string }>('POST', '/api/test/clock', { advanceMinutes: minutes }),
  stuckScan: () => route<{ nudged: number; escalated: number }>('POST', '/api/admin/stuck-scan'),
  stuck: () => route<StuckCard[]>('GET', '/api/stuck'),
  addChecklistItem: (laneId: string, item: { label: string; kind: string; required: boolean }) =>
    route<ChecklistTemplateItem>('POST', `/api/lanes/${laneId}/checklist`, item),
  retireChecklistItem: (id: string) => route<void>('DELETE', `/api/checklist-items/${id}`),
  /** The customer's answer on their page (no session: the link's token is the credential). */
  answerRequest: (token: string, itemId: string, value: unknown) =>
    route<unknown>('PUT', `/api/track/${token}/requests/${itemId}`, { value }),
};

/** `POST /api/users`: without a password, the answer carries an invitation link. */
export interface NewUser {
  name: string;
  email: string;
  role: User['role'];
  departments: string[];
  password?: string;
}

/** An answer, whatever its status. `body` is the parsed JSON (`{}` for another type, as supertest gives). */
export interface Reply {
  status: number;
  /** Lower-case names; `set-cookie` is in `cookies`. */
  headers: Record<string, string>;
  cookies: string[];
  text: string;
  // Typed as loosely as supertest's: a test reads whichever shape the status says it is (a card, an error …).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A non-2xx answer where the test expected success. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as multipart/form-data instead of `body`. */
  form?: FormData;
  /** Sent as it is (with `headers['content-type']`), for malformed bodies. */
  raw?: string;
  headers?: Record<string, string>;
  /** Sends no session, not even this client's. */
  anonymous?: boolean;
}

export interface ClientOptions {
  /** Who signs in on the first call (an email and password); none: the client calls anonymously. */
  signIn?: { email: string; password: string };
  /** `bearer` (default): `Authorization: Bearer`; `cookie`: the session cookie and this origin, as the board sends. */
  auth?: 'bearer' | 'cookie';
  /** Sent on every request (e.g. `X-Forwarded-For`). */
  headers?: Record<string, string>;
}

interface Session {
  login: LoginResponse;
  cookie: string;
}

export class RelayClient {
  private session: Promise<Session> | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly options: ClientOptions = {},
  ) {}

  /** The signed-in person (signing in if not yet). */
  async user(): Promise<User> {
    return (await this.signedIn()).login.user;
  }

  /** The session token (signing in if not yet). */
  async token(): Promise<string> {
    return (await this.signedIn()).login.token;
  }

  /** The `Cookie` header of the session (signing in if not yet). */
  async cookie(): Promise<string> {
    return (await this.signedIn()).cookie;
  }

  /** Forgets the session: the next call signs in again. */
  forget(): void {
    this.session = null;
  }

  private signedIn(): Promise<Session> {
    const { signIn } = this.options;
    if (!signIn) return Promise.reject(new Error('this client has no one to sign in'));
    if (!this.session) {
      const started = this.signIn(signIn.email, signIn.password);
      started.catch(() => {
        if (this.session === started) this.session = null;
      });
      this.session = started;
    }
    return this.session;
  }

  private async signIn(email: string, password: string): Promise<Session> {
    const res = await this.send(routes.login(email, password), { anonymous: true });
    if (res.status !== 200)
      throw new ApiError(res.status, res.body?.code, `sign-in of ${email} failed: ${res.status} ${res.text}`, res.body);
    return { login: res.body as LoginResponse, cookie: res.cookies.map((c) => c.split(';')[0]).join('; ') };
  }

  /** Any request; answers whatever the status. */
  async request(method: Method, path: string, opts: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers };
    if (this.options.signIn && !opts.anonymous) {
      const session = await this.signedIn();
      if (this.options.auth === 'cookie') {
        headers.cookie = session.cookie;
        if (method !== 'GET') headers.origin = new URL(this.baseUrl).origin;
      } else {
        headers.authorization = `Bearer ${session.login.token}`;
      }
    }
    let body: string | FormData | undefined;
    if (opts.form) body = opts.form;
    else if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    Object.assign(headers, lowerCased(opts.headers ?? {}));
    // Redirects are answers to assert, as supertest gives them, not followed.
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    return replyOf(res);
  }

  get = (path: string, opts?: RequestOptions) => this.request('GET', path, opts);
  post = (path: string, body?: unknown, opts?: RequestOptions) => this.request('POST', path, { body, ...opts });
  put = (path: string, body?: unknown, opts?: RequestOptions) => this.request('PUT', path, { body, ...opts });
  patch = (path: string, body?: unknown, opts?: RequestOptions) => this.request('PATCH', path, { body, ...opts });
  delete = (path: string, opts?: RequestOptions) => this.request('DELETE', path, opts);

  /** A route's whole answer, whatever its status. */
  send<T>(r: Route<T>, opts: Omit<RequestOptions, 'body'> = {}): Promise<Reply> {
    return this.request(r.method, r.path, { body: r.body, ...opts });
  }

  /** A route's body; throws `ApiError` unless the answer is 2xx. */
  async call<T>(r: Route<T>, opts: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    const res = await this.send(r, opts);
    if (res.status < 200 || res.status > 299) {
      const code = typeof res.body?.code === 'string' ? (res.body.code as string) : undefined;
      throw new ApiError(res.status, code, `${r.method} ${r.path}: ${res.status} ${res.text}`, res.body);
    }
    return res.body as T;
  }

  // ---- the common calls, typed (each throws ApiError for a non-2xx answer) ----

  board = () => this.call(routes.board());
  card = (id: string) => this.call(routes.card(id));
  events = (id: string) => this.call(routes.events(id));
  createCard = (form: SalesForm & { allowDuplicate?: boolean }) => this.call(routes.createCard(form));
  move = (id: string, toLane: string, version: number, reason?: string) => this.call(routes.move(id, toLane, version, reason));
  patchCard = (id: string, version: number, changes: Record<string, unknown>) => this.call(routes.patchCard(id, version, changes));
  setItem = (cardId: string, itemId: string, value: ItemValue) => this.call(routes.setItem(cardId, itemId, value));
  pickup = (id: string) => this.call(routes.pickup(id));
  share = (id: string, body?: { expiresInDays?: number; email?: boolean }) => this.call(routes.share(id, body));
  notifications = () => this.call(routes.notifications());

  /** Uploads a file to a card (optionally for one checklist item): the attachment's id. */
  async upload(cardId: string, file: Upload, fields: Record<string, string> = {}): Promise<string> {
    const res = await this.request('POST', `/api/cards/${cardId}/attachments`, { form: uploadForm(file, fields) });
    if (res.status !== 201) throw new ApiError(res.status, res.body?.code, `upload ${file.name}: ${res.status} ${res.text}`, res.body);
    return res.body.id as string;
  }
}

/** A multipart body: the file as `file`, then the other fields. */
export function uploadForm(file: Upload, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('file', new Blob([file.content], { type: file.type }), file.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

async function replyOf(res: Response): Promise<Reply> {
  const text = await res.text();
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const json = /\bjson\b/.test(headers['content-type'] ?? '') && text !== '';
  return { status: res.status, headers, cookies: res.headers.getSetCookie(), text, body: json ? JSON.parse(text) : {} };
}
