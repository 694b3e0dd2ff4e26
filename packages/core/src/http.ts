import { JanuaError } from './errors.ts';

export const API_PREFIX = '/api/v1';

export interface SendOptions {
  body?: unknown;
  token?: string | null;
  credentials?: boolean;
  headers?: Record<string, string>;
  /** Gives up (NETWORK_ERROR) after this many ms. */
  timeout?: number;
}

/** `api` → origin + path, no trailing slash: the identity of a server for `JanuaClient.for`. */
export function normalizeApi(api: string): string {
  const base = globalThis.location?.href;
  let url: URL;
  try {
    if (typeof api !== 'string' || api.trim() === '') throw new TypeError('empty');
    url = base ? new URL(api, base) : new URL(api);
  } catch {
    throw new TypeError(`Janua: api must be the server's base URL, e.g. "https://auth.example.com"; got ${JSON.stringify(api)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`Janua: api must be an http(s) URL; got ${JSON.stringify(api)}`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** One JSON call to `${api}/api/v1${path}`; a failure to get any answer is NETWORK_ERROR. */
export async function send(
  fetcher: typeof fetch, api: string, method: string, path: string, options: SendOptions = {},
): Promise<Response> {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) {
    throw new TypeError(`Janua: request path must start with a single "/"; got ${JSON.stringify(path)}`);
  }
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const init: RequestInit = { method: method.toUpperCase(), headers };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.credentials) init.credentials = 'include';
  if (options.timeout && typeof AbortSignal.timeout === 'function') init.signal = AbortSignal.timeout(options.timeout);
  try {
    return await fetcher(`${api}${API_PREFIX}${path}`, init);
  } catch (error) {
    throw JanuaError.network(error);
  }
}

/** The parsed body of a 2xx answer (undefined when empty); a JanuaError for anything else. */
export async function readJson<T>(res: Response): Promise<T> {
  if (!res.ok) throw await JanuaError.fromResponse(res);
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    throw JanuaError.network(error);
  }
  if (res.status === 204 || text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw invalidResponse(res.status);
  }
}

export function invalidResponse(status = 0): JanuaError {
  return new JanuaError({ code: 'INVALID_RESPONSE', message: 'The server sent an answer the client cannot read', status });
}
