/**
 * JSON Schema (2020-12, as OpenAPI 3.1 uses it) for the bodies of API.md, with a few builders
 * so that the document reads like the contract it describes.
 */
export type JsonSchema = Record<string, unknown>;

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
export const str = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra });
export const int = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...extra });
export const bool = (extra: JsonSchema = {}): JsonSchema => ({ type: 'boolean', ...extra });
export const time = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', format: 'date-time', ...extra });
export const array = (items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({ type: 'array', items, ...extra });
export const email = (extra: JsonSchema = {}): JsonSchema => str({ format: 'email', maxLength: 254, ...extra });

/** `type` widened with "null" (3.1 has no `nullable`); a `$ref` becomes a oneOf. */
export function orNull(schema: JsonSchema): JsonSchema {
  if ('$ref' in schema) return { oneOf: [schema, { type: 'null' }] };
  // An enum lists every allowed value, null too.
  const values = schema['enum'];
  return { ...schema, type: [schema['type'], 'null'], ...(Array.isArray(values) ? { enum: [...values, null] } : {}) };
}

/** An object; the fields named in `required` must be present, the others may be. */
export function obj(properties: Record<string, JsonSchema>, required: readonly string[] = [], extra: JsonSchema = {}): JsonSchema {
  return { type: 'object', properties, ...(required.length ? { required: [...required] } : {}), ...extra };
}

/** Every field present, as answers always carry all their fields. */
export const answer = (properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema =>
  obj(properties, Object.keys(properties), extra);

export const message = answer({ message: str() });

const ROLE = str({ enum: ['owner', 'admin', 'member', 'viewer'] });
const PASSWORD_NEW = str({ minLength: 8, maxLength: 128, format: 'password', description: '8 to 128 characters; not a very common password, nor the email or username' });
const MFA_METHOD = str({ enum: ['totp', 'sms', 'backup_code'] });

export const SCHEMAS: Record<string, JsonSchema> = {
  Error: answer({
    error: answer({
      code: str({ description: 'Stable machine-readable code, e.g. INVALID_CREDENTIALS, VALIDATION_ERROR, RATE_LIMITED', examples: ['INVALID_CREDENTIALS'] }),
      message: str(),
      details: obj({
        validation_errors: array(ref('ValidationError')),
        retry_after: int({ description: 'Seconds, as in Retry-After' }),
      }, [], { additionalProperties: true }),
      request_id: str(),
      timestamp: time(),
    }),
  }),
  ValidationError: answer({
    field: str(),
    message: str(),
    type: str({ examples: ['required', 'type', 'min_length', 'max_length', 'format'] }),
  }),
  User: answer({
    id: str({ format: 'uuid' }),
    email: email(),
    email_verified: bool(),
    username: orNull(str()),
    first_name: orNull(str()),
    last_name: orNull(str()),
    profile_image_url: orNull(str({ format: 'uri' })),
    locale: orNull(str()),
    mfa_enabled: bool(),
    created_at: time(),
    updated_at: time(),
    last_sign_in_at: orNull(time()),
    metadata: obj({}, [], { additionalProperties: true }),
    has_password: bool({ description: '(ext) false when the account has no password (signs in through a provider, SSO, a link or a passkey)' }),
  }),
  Tokens: answer({
    access_token: str({ description: 'ES256 JWT (typ at+jwt); claims sub, sid, iss, aud, iat, exp, jti, type "access", email, org_id and org_role when an organization is active' }),
    refresh_token: str({ description: 'Opaque; rotates on every use. Also set as the HttpOnly cookie janua_refresh_token' }),
    token_type: str({ const: 'bearer' }),
    expires_in: int({ description: 'Seconds until the access token expires' }),
  }),
  SignInResponse: obj(
    {
      user: ref('User'),
      tokens: orNull(ref('Tokens')),
      mfa_required: bool(),
      mfa_token: orNull(str({ description: 'Five-minute, single-use; for POST /mfa/challenge/verify' })),
      mfa_methods: array(MFA_METHOD, { description: '(ext) Only with mfa_required: the factors this account can use' }),
    },
    ['user', 'tokens', 'mfa_required', 'mfa_token'],
  ),
  Organization: answer({
    id: str({ format: 'uuid' }),
    name: str(),
    slug: str(),
    description: orNull(str()),
    logo_url: orNull(str({ format: 'uri' })),
    created_at: time(),
    updated_at: time(),
    member_count: int(),
    role: { ...ROLE, description: "The caller's role" },
  }),
  Member: answer({
    user_id: str({ format: 'uuid' }),
    email: email(),
    first_name: orNull(str()),
    last_name: orNull(str()),
    role: ROLE,
    joined_at: time(),
  }),
  Invitation: answer({
    id: str({ format: 'uuid' }),
    organization_id: str({ format: 'uuid' }),
    organization_name: str(),
    email: email(),
    role: ROLE,
    status: str({ enum: ['pending', 'accepted', 'revoked', 'expired'] }),
    message: orNull(str()),
    invited_by: orNull(str()),
    created_at: time(),
    expires_at: time(),
    accepted_at: orNull(time()),
  }),
  Session: answer({
    id: str({ format: 'uuid' }),
    ip_address: orNull(str()),
    user_agent: orNull(str()),
    device_name: str({ description: 'What a person would call the device, in English: "iPhone", "Windows desktop", "Unknown device"' }),
    browser: orNull(str()),
    os: orNull(str()),
    device_type: orNull(str({ enum: ['desktop', 'mobile', 'tablet', 'tv'], description: '(ext) The kind of device, for a client to name it in its language' })),
    device_model: orNull(str({ description: '(ext) The model when the user agent names one ("iPhone")' })),
    is_current: bool(),
    created_at: time(),
    last_activity_at: time(),
    expires_at: time(),
  }),
  Passkey: answer({
    id: str(),
    name: str(),
    authenticator_attachment: orNull(str({ enum: ['platform', 'cross-platform'] })),
    created_at: time(),
    last_used_at: orNull(time()),
    sign_count: int(),
  }),
  SsoConnection: answer({
    organization_id: str(),
    issuer: str({ format: 'uri' }),
    client_id: str(),
    has_client_secret: bool(),
    scopes: array(str()),
    domains: array(str()),
    enabled: bool(),
    created_at: time(),
    updated_at: time(),
    redirect_uri: str({ format: 'uri' }),
  }),
  OutboxMessage: obj({ to: str(), subject: str(), text: str(), html: str(), link: str(), code: str(), sent_at: time() }, ['to', 'subject', 'text', 'html', 'sent_at']),
  UserExport: obj(
    {
      format: str({ const: 'janua-export/1' }),
      exported_at: time(),
      user: ref('User'),
      account: answer({ has_password: bool() }),
      sessions: array(obj({}, [], { additionalProperties: true })),
      memberships: array(obj({ organization_id: str(), organization_name: orNull(str()), organization_slug: orNull(str()), role: ROLE, joined_at: time() })),
      messages: array(answer({ to: str(), subject: str(), sent_at: time() })),
      records: obj({}, [], { additionalProperties: array(obj({}, [], { additionalProperties: true })), description: 'Every other row that names the user, by table; secret columns left out' }),
      redacted_fields: obj({}, [], { additionalProperties: array(str()) }),
    },
    ['format', 'exported_at', 'user', 'account', 'records', 'redacted_fields'],
  ),
};

/** How an account without a password confirms a sensitive change (recovery/common.ts, confirmPassword). */
export const PASSWORDLESS = 'Required when the account has a password. An account without one (has_password false: social, SSO, link or passkey sign-in) sends none: a sign-in of the last ten minutes confirms, else 403 FORBIDDEN with details.reason "reauthentication_required".';

/** Request bodies reused by several operations. */
export const BODIES = {
  password: obj({ password: str({ maxLength: 1024, format: 'password', description: PASSWORDLESS }) }),
  code: obj({ code: str({ maxLength: 64 }) }, ['code']),
  token: obj({ token: str({ maxLength: 512 }) }, ['token']),
  newPassword: PASSWORD_NEW,
  profile: {
    first_name: orNull(str({ maxLength: 100 })),
    last_name: orNull(str({ maxLength: 100 })),
    username: orNull(str({ minLength: 3, maxLength: 32, pattern: '^[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?$' })),
    locale: orNull(str({ maxLength: 35, examples: ['en', 'pt-BR'] })),
    metadata: obj({}, [], { additionalProperties: true, description: 'At most 4 KiB of JSON, 10 levels deep' }),
  } as Record<string, JsonSchema>,
  role: ROLE,
  mfaMethod: MFA_METHOD,
};
