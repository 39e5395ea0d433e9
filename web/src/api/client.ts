import { CSRF_HEADER, ZErrorBody, type TErrorCode, type TFieldError } from '@opsdesk/contract';
import { currentLocale } from '../i18n/index.ts';

/** Any failed call: the server's code and its already-localized message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: TErrorCode | 'NETWORK',
    message: string,
    readonly field?: string,
    readonly fields: TFieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

interface AuthEvents {
  onUnauthenticated: () => void;
  onPasswordChangeRequired: () => void;
}
let events: AuthEvents = { onUnauthenticated: () => {}, onPasswordChangeRequired: () => {} };
let csrfToken: string | null = null;

/** The app wires these to the session query and the router once, at start. */
export const setAuthEvents = (next: AuthEvents) => {
  events = next;
};
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** Query-string from a contract query object; empty values are left out. */
export function withQuery(path: string, query: object = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (value !== '') params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Any zod schema fits; kept structural so the web needs no direct zod dependency. */
interface Schema<T> {
  parse(data: unknown): T;
}

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  schema: Schema<T>;
  /** Login and the session probe handle 401 themselves instead of redirecting. */
  quiet401?: boolean;
}

export async function api<T>(path: string, options: RequestOptions<T>): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  // A FormData body (file upload) sets its own multipart Content-Type with the boundary.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }

  const text = await res.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const err = toApiError(res.status, data);
    if (err.code === 'UNAUTHENTICATED' && !options.quiet401) events.onUnauthenticated();
    if (err.code === 'PASSWORD_CHANGE_REQUIRED') events.onPasswordChangeRequired();
    throw err;
  }
  // Parsing the answer keeps the contract honest: a drift shows up here, not deep in a component.
  return options.schema.parse(data);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Same handling of a failed answer for callers that read something other than JSON (downloads). */
export async function failedResponse(res: Response, quiet401 = false): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  const err = toApiError(res.status, text ? safeJson(text) : undefined);
  if (err.code === 'UNAUTHENTICATED' && !quiet401) events.onUnauthenticated();
  if (err.code === 'PASSWORD_CHANGE_REQUIRED') events.onPasswordChangeRequired();
  return err;
}

function toApiError(status: number, data: unknown): ApiError {
  const body = ZErrorBody.safeParse(data);
  if (body.success) {
    const { code, message, field, fields } = body.data;
    return new ApiError(status, code, message, field, fields ?? []);
  }
  return new ApiError(status, status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', '');
}
