import type { ErrorCode } from '@beizeng/contract';

/** Error codes the server sends, plus the two the client makes up when there is no server answer. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'HTTP';

export interface FieldError {
  path: string;
  message: string;
}

/** Everything a failed call tells us: the problem+json body of the server, or a client-made equivalent. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly requestId: string | null;
  readonly errors: FieldError[];
  readonly details: Record<string, unknown> | null;

  constructor(init: {
    status: number;
    code: ClientErrorCode;
    message: string;
    requestId?: string | null;
    errors?: FieldError[];
    details?: Record<string, unknown> | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.errors = init.errors ?? [];
    this.details = init.details ?? null;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

type Handler = (info: { redirect: string; code: ClientErrorCode }) => void;

/** Set by the app so the client can send people to the login or change-password page. */
const handlers: {
  unauthenticated: Handler;
  passwordChangeRequired: Handler;
  locale: () => string;
  message: (key: 'network' | 'http', status?: number) => string;
} = {
  unauthenticated: ({ redirect }) => {
    window.location.assign(loginPath(redirect, false));
  },
  passwordChangeRequired: () => {
    window.location.assign('/account/password');
  },
  locale: () => 'zh-CN',
  message: (key, status) => (key === 'network' ? 'Network error' : `HTTP ${status}`),
};

export function configureApi(h: Partial<typeof handlers>) {
  Object.assign(handlers, h);
}

/** /login with where to return to, and whether the session ran out (the login page says so). */
export function loginPath(redirect: string, expired: boolean): string {
  const sp = new URLSearchParams();
  if (redirect.startsWith('/') && !redirect.startsWith('//') && redirect !== '/' && !redirect.startsWith('/login'))
    sp.set('redirect', redirect);
  if (expired) sp.set('expired', '1');
  const s = sp.toString();
  return s ? `/login?${s}` : '/login';
}

export const currentPath = () => `${window.location.pathname}${window.location.search}`;

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function toSearch(query?: Query): string {
  if (!query) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not send the user to the login page on 401 (the login call itself, the session probe). */
  noAuthRedirect?: boolean;
}

const BASE = '/api/v1';

async function problemOf(res: Response): Promise<ApiError> {
  let body: any = null;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      body = await res.json();
    } catch {
      body = null;
    }
  }
  if (body && typeof body === 'object' && typeof body.code === 'string') {
    return new ApiError({
      status: body.status ?? res.status,
      code: body.code,
      message: body.message ?? handlers.message('http', res.status),
      requestId: body.requestId ?? res.headers.get('x-request-id'),
      errors: Array.isArray(body.errors) ? body.errors : [],
      details: body.details ?? null,
    });
  }
  return new ApiError({
    status: res.status,
    code: res.status >= 500 ? 'UNAVAILABLE' : 'HTTP',
    message: handlers.message('http', res.status),
    requestId: res.headers.get('x-request-id'),
  });
}

function react(err: ApiError, opts: RequestOptions) {
  if (opts.noAuthRedirect) return;
  if (err.status === 401 && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED')) {
    handlers.unauthenticated({ redirect: currentPath(), code: err.code });
  } else if (
    err.status === 403 &&
    (err.code === 'PASSWORD_CHANGE_REQUIRED' || err.code === 'TOTP_ENROLMENT_REQUIRED')
  ) {
    handlers.passwordChangeRequired({ redirect: currentPath(), code: err.code });
  }
}

/** Sends a request; resolves with the parsed JSON, or a Response when `raw`. Throws ApiError. */
async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': handlers.locale(),
  };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}${toSearch(opts.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'NETWORK', message: handlers.message('network') });
  }
  if (!res.ok) {
    const err = await problemOf(res);
    react(err, opts);
    throw err;
  }
  return res;
}

async function json<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query'>) =>
    json<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => json<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => json<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => json<T>('PATCH', path, { ...opts, body }),
  del: <T>(path: string, opts?: RequestOptions) => json<T>('DELETE', path, opts),
};

/** File name from Content-Disposition (RFC 5987 `filename*` first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/** Downloads a file (an Excel export); resolves with the file name once the browser has it. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<string> {
  const res = await send('GET', path, { query });
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
