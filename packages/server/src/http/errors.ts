import type { ApiErrorBody, ApiErrorCode, ApiValidationError } from '../../../core/src/api-types.ts';

/** Every code the server answers with is in the shared wire list, so the kit can localize it. */
export type ServerErrorCode = ApiErrorCode;

type Status = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 500 | 503;

/**
 * An answer the API means to give. Route code throws these; the app turns them into the
 * error body of API.md. Anything else that escapes is a bug and becomes a bare 500.
 */
export class ApiError extends Error {
  readonly status: Status;
  readonly code: ServerErrorCode;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: Status,
    code: ServerErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export function validationError(errors: ApiValidationError[]): ApiError {
  return new ApiError(422, 'VALIDATION_ERROR', 'The request has invalid fields', { validation_errors: errors });
}

export function errorBody(error: ApiError, requestId: string, now: number): ApiErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      details: error.details,
      request_id: requestId,
      timestamp: new Date(now).toISOString(),
    },
  };
}

export const unauthorized = (message = 'Authentication required') => new ApiError(401, 'UNAUTHORIZED', message);
export const invalidCredentials = () => new ApiError(401, 'INVALID_CREDENTIALS', 'Invalid credentials');
export const forbidden = (message = 'Forbidden') => new ApiError(403, 'FORBIDDEN', message);
export const notFound = (message = 'Not found') => new ApiError(404, 'NOT_FOUND', message);
