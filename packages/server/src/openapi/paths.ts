import { answer, array, bool, BODIES, email, int, message, obj, orNull, PASSWORDLESS, ref, str, time, type JsonSchema } from './schemas.ts';

/** One operation, in the terms of API.md; `operation()` turns it into OpenAPI. */
export interface Op {
  summary: string;
  tag: string;
  /** bearer: a valid access token is required; none: public. */
  auth: 'bearer' | 'none';
  body?: JsonSchema;
  query?: Record<string, JsonSchema & { required?: boolean }>;
  /** The success answer: status, schema (none for 204 / redirects), description. */
  ok: { status: 200 | 201 | 204 | 302; schema?: JsonSchema; description?: string };
  /** Error statuses beyond those implied by auth, body and path parameters. */
  errors?: number[];
  /** A second success answer without a body (e.g. 204), with what it means. */
  alsoOk?: { status: 204; description: string };
  ext?: boolean;
  description?: string;
}

const TOKENS = ref('Tokens');
const SIGN_IN = ref('SignInResponse');
const idParam = { id: 'The resource id' };

/** API.md, table by table. Keys are `METHOD path`, paths relative to `/api/v1`. */
export const OPERATIONS: Record<string, Op> = {
  // Auth
  'POST /auth/signup': {
    summary: 'Create an account and sign in', tag: 'Auth', auth: 'none',
    body: obj({ email: email(), password: BODIES.newPassword, ...BODIES.profile }, ['email', 'password']),
    ok: { status: 201, schema: SIGN_IN }, errors: [400, 429],
  },
  'POST /auth/signin': {
    summary: 'Sign in with email or username and password', tag: 'Auth', auth: 'none',
    description: 'Answers `tokens: null, mfa_required: true` and an `mfa_token` when the account has a second factor. Unknown user and wrong password answer alike (401 INVALID_CREDENTIALS). After five failures in a row the account locks for a growing time (423 ACCOUNT_LOCKED with Retry-After); after 100 it stays locked until a password reset.',
    body: obj({ email: str({ maxLength: 254 }), username: str({ maxLength: 254 }), password: str({ maxLength: 1024, format: 'password' }) }, ['password']),
    ok: { status: 200, schema: SIGN_IN }, errors: [401, 423, 429],
  },
  'POST /auth/signout': {
    summary: 'End the session and its refresh family', tag: 'Auth', auth: 'none',
    description: 'Takes the Bearer token, or when it has lapsed the refresh token (body, or the cookie with X-Janua-Client: 1 and an allowed Origin).',
    body: obj({ refresh_token: str({ maxLength: 512 }) }), ok: { status: 200, schema: message }, errors: [401],
  },
  'POST /auth/refresh': {
    summary: 'Exchange a refresh token for new tokens (rotation)', tag: 'Auth', auth: 'none',
    description: 'Takes `refresh_token` from the body or the `janua_refresh_token` cookie; a cookie call needs `X-Janua-Client: 1` and an allowed Origin (403 otherwise). Reusing a rotated token revokes the whole session.',
    body: obj({ refresh_token: str({ maxLength: 512 }) }), ok: { status: 200, schema: TOKENS }, errors: [401, 403],
    alsoOk: { status: 204, description: '(ext) No refresh token at all (neither body nor cookie) on a call that sends `X-Janua-Client: 1`: there is no session to restore. Without that header the same case is 401.' },
  },
  'GET /auth/me': { summary: 'The signed-in user', tag: 'Auth', auth: 'bearer', ok: { status: 200, schema: ref('User') } },
  'PATCH /users/me': {
    summary: 'Update the profile', tag: 'Auth', auth: 'bearer',
    body: obj({ ...BODIES.profile, profile_image_url: orNull(str({ format: 'uri', maxLength: 2048, description: '(ext) An absolute http(s) URL of the picture, or null to remove it' })) }),
    ok: { status: 200, schema: ref('User') }, errors: [400],
  },
  'DELETE /users/me': {
    summary: 'Delete the account and all its data', tag: 'Auth', auth: 'bearer',
    description: 'Password-confirmed (an account without a password must have signed in within ten minutes). Removes the user, sessions, factors, passkeys and memberships in one transaction; 400 LAST_OWNER when the user is the last owner of an organization with other members.',
    body: obj({ password: str({ maxLength: 1024, format: 'password', description: PASSWORDLESS }) }), ok: { status: 204 }, errors: [400, 403, 423, 429],
  },
  'GET /users/me/export': {
    summary: 'Everything the server holds on the user (GDPR export)', tag: 'Auth', auth: 'bearer', ext: true,
    ok: { status: 200, schema: ref('UserExport') },
  },
  'POST /auth/email/verify': { summary: 'Verify the email address with the mailed token', tag: 'Auth', auth: 'none', body: BODIES.token, ok: { status: 200, schema: message }, errors: [400, 429] },
  'POST /auth/email/resend-verification': { summary: 'Mail a new verification link', tag: 'Auth', auth: 'bearer', ok: { status: 200, schema: message }, errors: [429] },
  'POST /auth/password/forgot': {
    summary: 'Mail a password reset link', tag: 'Auth', auth: 'none', description: 'The same answer whether or not the email has an account.',
    body: obj({ email: email(), redirect_base: str({ maxLength: 2048, format: 'uri' }) }, ['email']), ok: { status: 200, schema: message }, errors: [429],
  },
  'POST /auth/password/reset': {
    summary: 'Set a new password with the mailed token; ends every session', tag: 'Auth', auth: 'none',
    body: obj({ token: str({ maxLength: 512 }), new_password: BODIES.newPassword }, ['token', 'new_password']), ok: { status: 200, schema: message }, errors: [400, 429],
  },
  'POST /auth/password/change': {
    summary: 'Change the password', tag: 'Auth', auth: 'bearer',
    description: 'Without `current_password`, sets the first password of an account that has none (has_password false), confirmed by a sign-in of the last ten minutes.',
    body: obj({ current_password: str({ maxLength: 1024, format: 'password', description: PASSWORDLESS }), new_password: BODIES.newPassword, revoke_other_sessions: bool() }, ['new_password']),
    ok: { status: 200, schema: answer({ message: str(), revoked_count: int() }) }, errors: [400, 403, 423, 429],
  },
  'POST /auth/magic-link': {
    summary: 'Mail a sign-in link', tag: 'Auth', auth: 'none', description: 'The same answer whether or not the email has an account.',
    body: obj({ email: email(), redirect_url: str({ maxLength: 2048, format: 'uri' }) }, ['email']), ok: { status: 200, schema: message }, errors: [429],
  },
  'POST /auth/magic-link/verify': { summary: 'Sign in with a mailed link token', tag: 'Auth', auth: 'none', body: BODIES.token, ok: { status: 200, schema: SIGN_IN }, errors: [400, 429] },

  // MFA
  'GET /mfa/status': {
    summary: 'Second-factor state', tag: 'MFA', auth: 'bearer',
    ok: { status: 200, schema: obj({ enabled: bool(), verified: bool(), backup_codes_remaining: int(), last_used_at: orNull(time()), methods: array(BODIES.mfaMethod) }, ['enabled', 'verified', 'backup_codes_remaining', 'last_used_at']) },
  },
  'POST /mfa/enable': {
    summary: 'Start TOTP set-up', tag: 'MFA', auth: 'bearer', body: BODIES.password,
    ok: { status: 200, schema: answer({ secret: str(), qr_code: str({ description: 'An SVG data URI' }), backup_codes: array(str(), { minItems: 10, maxItems: 10 }), provisioning_uri: str() }) },
    errors: [400, 403, 423, 429],
  },
  'POST /mfa/verify': {
    summary: 'Confirm TOTP set-up with a first code', tag: 'MFA', auth: 'bearer',
    description: 'A refused code answers 400 INVALID_MFA_CODE with (ext) `details.reason`: `expired` (the code of an older step), `reused` (another request turned TOTP on with it first) or `invalid`.',
    body: BODIES.code, ok: { status: 200, schema: message }, errors: [400, 429],
  },
  'POST /mfa/disable': {
    summary: 'Turn every second factor off', tag: 'MFA', auth: 'bearer',
    body: obj({ password: str({ maxLength: 1024, format: 'password', description: PASSWORDLESS }), code: str({ maxLength: 64 }) }), ok: { status: 200, schema: message }, errors: [400, 403, 423, 429],
  },
  'POST /mfa/regenerate-backup-codes': {
    summary: 'Replace the backup codes', tag: 'MFA', auth: 'bearer', body: BODIES.password,
    ok: { status: 200, schema: answer({ backup_codes: array(str()), generated_at: time() }) }, errors: [400, 403, 423, 429],
  },
  'POST /mfa/challenge/verify': {
    summary: 'Finish an MFA sign-in with a TOTP, SMS or backup code', tag: 'MFA', auth: 'none',
    description: 'A refused code answers 400 INVALID_MFA_CODE with `details.attempts_remaining` and (ext) `details.reason`: `reused` (a TOTP step, SMS or backup code already used), `expired` (a TOTP code of an older step, an SMS code past its 5 minutes), `replaced` (an SMS code a resend superseded, within its 5 minutes) or `invalid`. Only `invalid` counts as a try (towards `attempts_remaining` and the account\'s lockout); the others leave `attempts_remaining` as it was. An unknown, used or expired `mfa_token` answers 400 INVALID_TOKEN.',
    body: obj({ mfa_token: str({ maxLength: 512 }), code: str({ maxLength: 64 }) }, ['mfa_token', 'code']), ok: { status: 200, schema: SIGN_IN }, errors: [400, 429],
  },
  'POST /mfa/sms/enable': {
    summary: 'Text a code to a phone to add it as a factor', tag: 'MFA', auth: 'bearer', ext: true,
    body: obj({ password: str({ maxLength: 1024, format: 'password', description: PASSWORDLESS }), phone_number: str({ pattern: '^\\+[1-9]\\d{6,14}$', description: 'E.164' }) }, ['phone_number']),
    ok: { status: 200, schema: message }, errors: [400, 403, 423, 429],
  },
  'POST /mfa/sms/verify': {
    summary: 'Confirm the phone with the texted code', tag: 'MFA', auth: 'bearer', ext: true,
    description: 'A refused code answers 400 INVALID_MFA_CODE with `details.attempts_remaining` (the tries the code pending has left of its 5; 0 when none is pending) and `details.reason`: `reused` (a code already used), `expired` (past its 5 minutes), `replaced` (a code a resend superseded, within its 5 minutes) or `invalid`. Only `invalid` counts as a try; the others leave `attempts_remaining` as it was.',
    body: BODIES.code, ok: { status: 200, schema: message }, errors: [400, 429],
  },
  'POST /mfa/challenge/send': {
    summary: 'Text a sign-in code (rate-limited resend)', tag: 'MFA', auth: 'none', ext: true,
    body: obj({ mfa_token: str({ maxLength: 512 }), method: str({ const: 'sms' }) }, ['mfa_token', 'method']), ok: { status: 200, schema: message }, errors: [400, 429],
  },

  // Passkeys
  'POST /passkeys/register/options': {
    summary: 'WebAuthn creation options', tag: 'Passkeys', auth: 'bearer',
    description: 'Needs a session signed in within the last 10 minutes (a refresh does not renew it): 403 `FORBIDDEN` with `details.reason: "reauthentication_required"` otherwise.',
    body: obj({ authenticator_attachment: orNull(str({ enum: ['platform', 'cross-platform'] })) }),
    ok: { status: 200, schema: obj({ challenge: str(), rp: obj({}), user: obj({}) }, ['challenge'], { additionalProperties: true, description: 'PublicKeyCredentialCreationOptionsJSON' }) }, errors: [403],
  },
  'POST /passkeys/register/verify': {
    summary: 'Store the new passkey', tag: 'Passkeys', auth: 'bearer',
    body: obj({ credential: obj({}, [], { additionalProperties: true, description: 'RegistrationResponseJSON' }), name: orNull(str({ minLength: 1, maxLength: 64 })) }, ['credential']),
    ok: { status: 200, schema: answer({ verified: bool(), passkey_id: str(), message: str() }) }, errors: [400],
  },
  'POST /passkeys/authenticate/options': {
    summary: 'WebAuthn request options', tag: 'Passkeys', auth: 'none', body: obj({ email: str({ maxLength: 254 }) }),
    ok: { status: 200, schema: answer({ sessionId: str(), challenge: str(), rpId: str(), timeout: int(), allowCredentials: array(obj({ id: str(), type: str(), transports: array(str()) })), userVerification: str() }) },
  },
  'POST /passkeys/authenticate/verify': {
    summary: 'Sign in with a passkey', tag: 'Passkeys', auth: 'none',
    query: { challenge: { ...str({ description: 'The challenge or sessionId of the options call' }), required: true } },
    body: obj({ email: str({ maxLength: 254 }), credential: obj({}, [], { additionalProperties: true, description: 'AuthenticationResponseJSON' }) }, ['credential']),
    ok: { status: 200, schema: SIGN_IN }, errors: [400, 401, 429],
  },
  'GET /passkeys/': { summary: "The user's passkeys", tag: 'Passkeys', auth: 'bearer', ok: { status: 200, schema: array(ref('Passkey')) } },
  'PATCH /passkeys/{id}': { summary: 'Rename a passkey', tag: 'Passkeys', auth: 'bearer', body: obj({ name: str({ minLength: 1, maxLength: 64 }) }, ['name']), ok: { status: 200, schema: ref('Passkey') } },
  'DELETE /passkeys/{id}': { summary: 'Remove a passkey', tag: 'Passkeys', auth: 'bearer', ok: { status: 204 } },

  // Social sign-in and enterprise SSO
  'GET /auth/oauth/providers': {
    summary: 'The configured social sign-in providers', tag: 'Social and SSO', auth: 'none',
    ok: { status: 200, schema: array(answer({ provider: str(), name: str(), enabled: bool() })) },
  },
  'POST /auth/oauth/authorize/{provider}': {
    summary: 'Start a social sign-in (PKCE and state)', tag: 'Social and SSO', auth: 'none',
    query: { redirect_uri: str({ format: 'uri' }), redirect_to: str({ format: 'uri' }) },
    ok: { status: 200, schema: answer({ authorization_url: str({ format: 'uri' }), state: str(), provider: str() }) }, errors: [403, 422, 429, 502],
  },
  'GET /auth/oauth/callback/{provider}': {
    summary: "The provider's redirect back; signs in and redirects to redirect_to with the session cookie set", tag: 'Social and SSO', auth: 'none',
    query: { code: str(), state: str(), error: str() },
    ok: { status: 302, description: 'Redirect to the redirect_to of the authorize call (errors as ?error=… on it)' },
  },
  'POST /sso/initiate': {
    summary: "Start single sign-on through the organization's identity provider", tag: 'Social and SSO', auth: 'none',
    description: 'Redirects (302); with `Accept: application/json` answers the URL instead.',
    body: obj({ organization_slug: str({ maxLength: 63 }), return_url: str({ maxLength: 2048, format: 'uri' }) }, ['organization_slug']),
    ok: { status: 302, description: "Redirect to the organization's identity provider" }, errors: [429, 502],
  },
  'GET /sso/discover': {
    summary: "Whether the email's domain signs in through SSO", tag: 'Social and SSO', auth: 'none', ext: true,
    query: { email: { ...email(), required: true } },
    ok: { status: 200, schema: obj({ sso: bool(), organization_slug: str() }, ['sso']) }, errors: [422],
  },
  'GET /organizations/{id}/sso': { summary: "The organization's SSO connection (owners and admins)", tag: 'Social and SSO', auth: 'bearer', ext: true, ok: { status: 200, schema: ref('SsoConnection') }, errors: [403] },
  'PUT /organizations/{id}/sso': {
    summary: "Set the organization's OIDC connection (owners)", tag: 'Social and SSO', auth: 'bearer', ext: true,
    body: obj({ issuer: str({ format: 'uri', maxLength: 2048 }), client_id: str({ maxLength: 255 }), client_secret: orNull(str({ maxLength: 1024 })), enabled: bool(), domains: array(str(), { minItems: 1, maxItems: 50 }) }, ['issuer', 'client_id', 'domains']),
    ok: { status: 200, schema: ref('SsoConnection') }, errors: [403, 502],
  },
  'DELETE /organizations/{id}/sso': { summary: "Remove the organization's SSO connection (owners)", tag: 'Social and SSO', auth: 'bearer', ext: true, ok: { status: 204 }, errors: [403] },

  // Organizations
  'GET /organizations/': {
    summary: "The caller's organizations", tag: 'Organizations', auth: 'bearer',
    query: { page: int({ minimum: 1, default: 1 }), per_page: int({ minimum: 1, maximum: 100, default: 20 }) },
    ok: { status: 200, schema: answer({ organizations: array(ref('Organization')), total: int(), page: int(), per_page: int() }) }, errors: [422],
  },
  'POST /organizations/': {
    summary: 'Create an organization (the caller becomes owner)', tag: 'Organizations', auth: 'bearer',
    body: obj({ name: str({ maxLength: 100 }), slug: str({ maxLength: 63, pattern: '^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$' }), description: orNull(str({ maxLength: 1000 })), logo_url: orNull(str({ maxLength: 2048, format: 'uri' })) }, ['name', 'slug']),
    ok: { status: 201, schema: ref('Organization') }, errors: [400],
  },
  'GET /organizations/{id}': { summary: 'One organization', tag: 'Organizations', auth: 'bearer', ok: { status: 200, schema: ref('Organization') } },
  'PATCH /organizations/{id}': {
    summary: 'Update an organization (owners and admins)', tag: 'Organizations', auth: 'bearer',
    body: obj({ name: str({ minLength: 1, maxLength: 100 }), slug: str({ minLength: 1, maxLength: 63 }), description: orNull(str({ maxLength: 1000 })), logo_url: orNull(str({ maxLength: 2048, format: 'uri' })) }),
    ok: { status: 200, schema: ref('Organization') }, errors: [400, 403],
  },
  'DELETE /organizations/{id}': { summary: 'Delete an organization (owners)', tag: 'Organizations', auth: 'bearer', ok: { status: 204 }, errors: [403] },
  'GET /organizations/{id}/members': { summary: 'Members', tag: 'Organizations', auth: 'bearer', ok: { status: 200, schema: array(ref('Member')) } },
  'PATCH /organizations/{id}/members/{user_id}/role': {
    summary: "Change a member's role (owners and admins; the last owner cannot be demoted)", tag: 'Organizations', auth: 'bearer',
    body: obj({ role: BODIES.role }, ['role']), ok: { status: 200, schema: ref('Member') }, errors: [400, 403],
  },
  'DELETE /organizations/{id}/members/{user_id}': { summary: 'Remove a member, or leave (the last owner cannot)', tag: 'Organizations', auth: 'bearer', ok: { status: 204 }, errors: [400, 403] },
  'POST /organizations/{id}/switch': {
    summary: "Make the organization the session's active one", tag: 'Organizations', auth: 'bearer', ext: true,
    description: 'The access token of the answer carries `org_id` and `org_role`; the id `personal` leaves every organization.',
    ok: { status: 200, schema: TOKENS },
  },
  'POST /invitations/': {
    summary: 'Invite someone by email (owners and admins)', tag: 'Organizations', auth: 'bearer',
    body: obj({ organization_id: str({ maxLength: 64 }), email: email(), role: BODIES.role, message: orNull(str({ maxLength: 1000 })), expires_in: int({ description: 'Seconds' }) }, ['organization_id', 'email', 'role']),
    ok: { status: 201, schema: ref('Invitation') }, errors: [400, 403, 404, 429],
  },
  'GET /invitations/': {
    summary: "An organization's invitations", tag: 'Organizations', auth: 'bearer',
    query: { organization_id: { ...str(), required: true }, status: str({ enum: ['pending', 'accepted', 'revoked', 'expired'] }) },
    ok: { status: 200, schema: array(ref('Invitation')) }, errors: [403, 404, 422],
  },
  'DELETE /invitations/{id}': { summary: 'Revoke an invitation', tag: 'Organizations', auth: 'bearer', ok: { status: 204 }, errors: [400, 403] },
  'GET /invitations/validate/{token}': {
    summary: 'Check an invitation token', tag: 'Organizations', auth: 'none',
    ok: { status: 200, schema: obj({ valid: bool(), organization_name: orNull(str()), email: orNull(str()), role: orNull(BODIES.role), status: orNull(str()), expires_at: orNull(time()) }, ['valid', 'organization_name', 'email', 'role']) },
  },
  'POST /invitations/accept': {
    summary: 'Accept an invitation as the signed-in user', tag: 'Organizations', auth: 'bearer', body: BODIES.token,
    ok: { status: 200, schema: answer({ success: bool(), organization_id: str(), message: str() }) }, errors: [400, 403],
  },

  // Sessions
  'GET /sessions/': { summary: "The user's live sessions", tag: 'Sessions', auth: 'bearer', ok: { status: 200, schema: answer({ sessions: array(ref('Session')), total: int() }) } },
  'DELETE /sessions/{id}': { summary: 'End one session; its tokens stop working at once', tag: 'Sessions', auth: 'bearer', ok: { status: 204 } },
  'DELETE /sessions/': { summary: 'End every session but the current one', tag: 'Sessions', auth: 'bearer', ok: { status: 200, schema: answer({ message: str(), revoked_count: int() }) } },

  // Development only
  'GET /dev/outbox': {
    summary: 'The emails and SMS the server "sent" (dev and test mode only)', tag: 'Development', auth: 'none',
    query: { to: str() }, ok: { status: 200, schema: array(ref('OutboxMessage')) },
  },
  'DELETE /dev/outbox': { summary: 'Empty the outbox (dev and test mode only)', tag: 'Development', auth: 'none', ok: { status: 204 } },

  // This document
  'GET /openapi.json': { summary: 'This OpenAPI 3.1 document', tag: 'Meta', auth: 'none', ext: true, ok: { status: 200, schema: obj({}, ['openapi'], { additionalProperties: true }) } },
};

/** Served at the origin's root, not under /api/v1. */
export const ROOT_OPERATIONS: Record<string, Op> = {
  'GET /.well-known/jwks.json': {
    summary: 'Public keys that verify access tokens (retired keys stay until their tokens expire)', tag: 'Meta', auth: 'none',
    ok: { status: 200, schema: answer({ keys: array(obj({ kty: str(), crv: str(), x: str(), y: str(), kid: str(), alg: str(), use: str() }, ['kty', 'kid', 'alg'])) }) },
  },
  'GET /.well-known/openid-configuration': {
    summary: 'Server metadata (RFC 8414 shape; this server is not an OpenID Provider): issuer, JWKS URI, token algorithm and claims', tag: 'Meta', auth: 'none',
    ok: { status: 200, schema: obj({ issuer: str(), jwks_uri: str({ format: 'uri' }), response_types_supported: array(str()) }, ['issuer', 'jwks_uri', 'response_types_supported'], { additionalProperties: true }) },
  },
  'GET /.well-known/oauth-authorization-server': {
    summary: 'RFC 8414 authorization-server metadata (the same document as openid-configuration)', tag: 'Meta', auth: 'none', ext: true,
    ok: { status: 200, schema: obj({ issuer: str(), jwks_uri: str({ format: 'uri' }), response_types_supported: array(str()) }, ['issuer', 'jwks_uri', 'response_types_supported'], { additionalProperties: true }) },
  },
};

export const PATH_PARAMS: Record<string, string> = { ...idParam, user_id: 'A member’s user id', provider: 'A configured provider id, e.g. google', token: 'The invitation token from the email' };
