import type { ApiErrorBody, ApiValidationError } from './api-types.ts';

/** Codes the client itself produces when the server gave no usable error body. */
const FALLBACK_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'VALIDATION_ERROR',
  423: 'ACCOUNT_LOCKED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

export interface JanuaErrorInit {
  code: string;
  message: string;
  status?: number;
  details?: Record<string, unknown>;
  requestId?: string | null;
  retryAfter?: number | null;
  cause?: unknown;
}

/**
 * Every failure of a client call. It carries the server's `code` (what the kit localizes),
 * never a raw body: a proxy's HTML error page or a stack must not reach the UI.
 */
export class JanuaError extends Error {
  declare code: string;
  /** HTTP status; 0 when no answer arrived at all. */
  declare status: number;
  /** field name → first message, from a 422's `details.validation_errors`. */
  declare fieldErrors: Record<string, string>;
  /** Seconds to wait before trying again (from `Retry-After`), else null. */
  declare retryAfter: number | null;
  declare requestId: string | null;
  declare details: Record<string, unknown>;

  constructor(init: JanuaErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'JanuaError';
    this.code = init.code;
    this.status = init.status ?? 0;
    this.details = init.details ?? {};
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.fieldErrors = fieldErrorsOf(this.details);
  }

  /** Works across bundle copies, where `instanceof` would not. */
  static is(value: unknown): value is JanuaError {
    return value instanceof JanuaError
      || (value instanceof Error && value.name === 'JanuaError' && typeof (value as JanuaError).code === 'string');
  }

  /**
   * `err.is('RATE_LIMITED')`, for apps that branch on codes. Not to be confused with the static
   * `JanuaError.is(value)`, the type guard that works across bundle copies.
   */
  is(code: string): boolean {
    return this.code === code;
  }

  /** A request that never got an answer (offline, DNS, CORS refusal, aborted). */
  static network(cause: unknown): JanuaError {
    return new JanuaError({
      code: 'NETWORK_ERROR',
      message: 'The server could not be reached',
      cause,
    });
  }

  /** Builds the error for a non-2xx answer; reads the body, so call it once per response. */
  static async fromResponse(res: Response): Promise<JanuaError> {
    let text = '';
    try {
      text = await res.text();
    } catch {
      // A body that cannot be read is treated like a body that is not JSON.
    }
    return JanuaError.fromBody(res.status, text, res.headers.get('Retry-After'));
  }

  /** Pure form of `fromResponse`, for callers that already hold the body text. */
  static fromBody(status: number, text: string, retryAfterHeader: string | null = null): JanuaError {
    const body = parseErrorBody(text);
    // Without a usable body, the code comes from the status.
    return new JanuaError({
      code: FALLBACK_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR'),
      ...body,
      message: body?.message || `The request failed (HTTP ${status})`,
      status,
      retryAfter: parseRetryAfter(retryAfterHeader),
    });
  }

  /** The shape that may travel in an event detail or a log line: no cause, no stack. */
  toJSON(): { code: string; status: number; message: string; fieldErrors: Record<string, string>;
    retryAfter: number | null; requestId: string | null } {
    return {
      code: this.code,
      status: this.status,
      message: this.message,
      fieldErrors: { ...this.fieldErrors },
      retryAfter: this.retryAfter,
      requestId: this.requestId,
    };
  }
}

type ParsedError = Required<Pick<JanuaErrorInit, 'code' | 'message' | 'details' | 'requestId'>>;

/** Accepts only the documented error envelope; anything else (HTML, plain text) is ignored. */
function parseErrorBody(text: string): ParsedError | null {
  if (!text) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const error = isRecord(json) ? (json as Partial<ApiErrorBody>).error : undefined;
  if (!isRecord(error) || typeof error.code !== 'string' || !error.code) return null;
  return {
    code: error.code,
    message: typeof error.message === 'string' ? error.message : '',
    details: isRecord(error.details) ? error.details : {},
    requestId: typeof error.request_id === 'string' ? error.request_id : null,
  };
}

function fieldErrorsOf(details: Record<string, unknown>): Record<string, string> {
  const list = details.validation_errors;
  const out: Record<string, string> = {};
  if (!Array.isArray(list)) return out;
  for (const item of list as Partial<ApiValidationError>[]) {
    if (!isRecord(item) || typeof item.field !== 'string' || typeof item.message !== 'string') continue;
    // The first message is the one the form shows; later ones for the same field are refinements.
    if (!(item.field in out)) out[item.field] = item.message;
  }
  return out;
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
