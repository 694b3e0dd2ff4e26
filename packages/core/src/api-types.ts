/**
 * Wire types of the Janua v1 API (../shared/API.md). snake_case, exactly as on the wire.
 * The reference server and the client both use these; nothing here has behaviour.
 */

export interface ApiUser {
  id: string;
  email: string;
  email_verified: boolean;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  profile_image_url: string | null;
  locale: string | null;
  mfa_enabled: boolean;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
  metadata: Record<string, unknown>;
}

export interface ApiTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
}

export type MfaMethod = 'totp' | 'sms' | 'backup_code';

export interface ApiSignInResponse {
  user: ApiUser;
  tokens: ApiTokens | null;
  mfa_required: boolean;
  mfa_token: string | null;
  /** (ext) the factors this account can use when `mfa_required`. */
  mfa_methods?: MfaMethod[];
}

export interface ApiValidationError {
  field: string;
  message: string;
  type: string;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details: { validation_errors?: ApiValidationError[]; [key: string]: unknown };
    request_id: string;
    timestamp: string;
  };
}

export interface ApiMessage {
  message: string;
}

/** Claims of a Janua access token. */
export interface AccessClaims {
  sub: string;
  sid: string;
  iss: string;
  aud: string | string[];
  iat: number;
  exp: number;
  jti: string;
  type: 'access';
  email: string;
  org_id?: string;
  org_role?: 'owner' | 'admin' | 'member' | 'viewer';
}

/** Password rules the reference server enforces; the sign-up form shows the same ones. */
export const PASSWORD_RULES = {
  minLength: 8,
  maxLength: 128,
} as const;

/** Error codes the API defines (API.md, Errors) and the kit localizes. */
export type ApiErrorCode =
  | 'VALIDATION_ERROR'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'RATE_LIMITED'
  | 'EMAIL_TAKEN'
  | 'USERNAME_TAKEN'
  | 'INVALID_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'MFA_ALREADY_ENABLED'
  | 'MFA_NOT_ENABLED'
  | 'MFA_METHOD_UNAVAILABLE'
  | 'SLUG_TAKEN'
  | 'LAST_OWNER'
  | 'ALREADY_MEMBER'
  | 'INVITATION_NOT_PENDING'
  | 'WEAK_PASSWORD'
  | 'INVALID_TOKEN'
  | 'INVALID_MFA_CODE'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'NETWORK_ERROR'
  // Produced by the client when an answer has no usable error body or cannot be read.
  | 'BAD_REQUEST'
  | 'HTTP_ERROR'
  | 'INVALID_RESPONSE'
  | 'CLIENT_ERROR';
