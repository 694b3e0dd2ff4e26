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
  /**
   * (ext) false for an account that signs in only through a provider, SSO, a link or a passkey:
   * it has no password to confirm sensitive changes with. The platform does not send it.
   */
  has_password?: boolean;
}

export interface ApiTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
}

export type MfaMethod = 'totp' | 'sms' | 'backup_code';
export type OrgRole = 'owner' | 'admin' | 'member' | 'viewer';
export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

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

export interface ApiMfaStatus {
  enabled: boolean;
  verified: boolean;
  backup_codes_remaining: number;
  last_used_at: string | null;
  /** (ext) the factors in use. */
  methods?: MfaMethod[];
}

export interface ApiMfaSetup {
  secret: string;
  qr_code: string;
  backup_codes: string[];
  provisioning_uri: string;
}

export interface ApiBackupCodes {
  backup_codes: string[];
  generated_at: string;
}

export interface ApiPasskey {
  id: string;
  name: string;
  authenticator_attachment: 'platform' | 'cross-platform' | null;
  created_at: string;
  last_used_at: string | null;
  sign_count: number;
}

export interface ApiPasskeyRegistration {
  verified: boolean;
  passkey_id: string;
  message: string;
}

/** `POST /passkeys/authenticate/options`: WebAuthn request options plus the server's handle. */
export interface ApiPasskeyRequestOptions {
  sessionId: string;
  challenge: string;
  rpId: string;
  timeout: number;
  allowCredentials: { id: string; type: 'public-key'; transports?: string[] }[];
  userVerification: 'required' | 'preferred' | 'discouraged';
}

export interface ApiSession {
  id: string;
  ip_address: string | null;
  user_agent: string | null;
  device_name: string;
  browser: string | null;
  os: string | null;
  /** (ext) The kind of device, for the kit to name it in the page's language. */
  device_type?: 'desktop' | 'mobile' | 'tablet' | 'tv' | null;
  /** (ext) The model when the user agent names one ("iPhone"). */
  device_model?: string | null;
  is_current: boolean;
  created_at: string;
  last_activity_at: string;
  expires_at: string;
}

export interface ApiSessionList {
  sessions: ApiSession[];
  total: number;
}

export interface ApiOrganization {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  logo_url: string | null;
  created_at: string;
  updated_at: string;
  member_count: number;
  /** The caller's role. */
  role: OrgRole;
}

export interface ApiOrganizationPage {
  organizations: ApiOrganization[];
  total: number;
  page: number;
  per_page: number;
}

export interface ApiMember {
  user_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  role: OrgRole;
  joined_at: string;
}

export interface ApiInvitation {
  id: string;
  organization_id: string;
  organization_name: string;
  email: string;
  role: OrgRole;
  status: InvitationStatus;
  message: string | null;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

/** `GET /invitations/validate/{token}`: always 200; unknown tokens have nulls. */
export interface ApiInvitationCheck {
  valid: boolean;
  organization_name: string | null;
  email: string | null;
  role: OrgRole | null;
  status: InvitationStatus | null;
  expires_at: string | null;
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
  org_role?: OrgRole;
}

/** Password rules the reference server enforces; the sign-up form shows the same ones. */
export const PASSWORD_RULES = {
  minLength: 8,
  maxLength: 128,
} as const;

/**
 * Why a second-factor code was refused: `details.reason` of a 400 `INVALID_MFA_CODE` (ext);
 * `replaced` is a texted code a resend superseded. A server may send none; then only
 * `details.attempts_remaining` is known.
 */
export type ApiMfaCodeRefusal = 'reused' | 'expired' | 'replaced' | 'invalid';

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
  | 'CLIENT_ERROR'
  // Client-only: the pending second-factor step expired, was cancelled or never began.
  | 'MFA_EXPIRED'
  // Client-only: the passkey ceremony was dismissed, is impossible here, hit a registered
  // authenticator, or failed in the browser.
  | 'PASSKEY_CANCELLED'
  | 'PASSKEY_UNSUPPORTED'
  | 'PASSKEY_ALREADY_REGISTERED'
  | 'PASSKEY_FAILED';
