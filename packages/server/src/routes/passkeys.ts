import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type VerifiedAuthenticationResponse,
  type VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import type { Context, Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';
import { readJson } from '../http/body.ts';
import { ApiError, notFound, validationError } from '../http/errors.ts';
import { requireAuth, retryAfterError } from '../http/middleware.ts';
import { validate } from '../http/validate.ts';
import { clientChallenge, parseCredential } from '../passkeys/credential.ts';
import { CHALLENGE_TTL_MS, passkeysTable, webauthnChallengesTable, type ChallengeRow, type PasskeyRow } from '../passkeys/tables.ts';
import { mfaService } from '../mfa/service.ts';
import { ConstraintError, foldCase } from '../store/types.ts';
import { RECENT_SIGN_IN_MS } from '../recovery/common.ts';
import { sendPasskeyAddedEmail } from '../recovery/emails.ts';
import { base64url, fromBase64url, iso, logSafe, sha256, utf8, uuid } from '../util.ts';
import { completeSignIn } from './auth.ts';

const ATTACHMENTS = ['platform', 'cross-platform'] as const;
const NAME_MAX = 64;

export function toApiPasskey(row: PasskeyRow) {
  return {
    id: row.id,
    name: row.name,
    authenticator_attachment: row.authenticator_attachment,
    created_at: iso(row.created_at)!,
    last_used_at: iso(row.last_used_at),
    sign_count: row.sign_count,
  };
}

const badChallenge = () => new ApiError(400, 'INVALID_TOKEN', 'The passkey challenge is unknown, expired or already used; ask for new options');
const refused = (reason: string) => new ApiError(401, 'INVALID_CREDENTIALS', 'Invalid credentials', { reason });

/**
 * Passkeys (WebAuthn). Challenges are single-use and live five minutes; a registration
 * challenge belongs to the signed-in session that asked for it, an authentication challenge to
 * its options call. A passkey signed in with user verification (PIN or biometrics) is two
 * factors on its own, so it satisfies an account's MFA; without it, an account with MFA on gets
 * the same `mfa_required` answer as a password sign-in.
 */
export function registerPasskeyRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  const passkeys = ctx.store.table(passkeysTable);
  const challenges = ctx.store.table(webauthnChallengesTable);
  const auth = requireAuth(ctx);
  const { rpId, rpName, origins } = ctx.config;

  const remember = async (challenge: string, row: Omit<ChallengeRow, 'id' | 'handle' | 'created_at' | 'expires_at'>) => {
    const id = await sha256(challenge);
    const handle = uuid();
    const now = ctx.now();
    ctx.store.transaction(() => {
      challenges.deleteWhere({ expires_at: { lte: now } });
      challenges.insert({ ...row, id, handle, created_at: now, expires_at: now + CHALLENGE_TTL_MS });
    });
    return handle;
  };

  /** Spends the challenge whether or not what follows succeeds: a failed attempt cannot be retried on it. */
  const spend = async (key: string, kind: ChallengeRow['kind']): Promise<ChallengeRow> => {
    const hash = await sha256(key);
    const row = ctx.store.transaction(() => {
      const found = challenges.get(hash) ?? challenges.findOne({ handle: key });
      if (found) challenges.delete(found.id);
      return found;
    });
    if (!row || row.kind !== kind || row.expires_at <= ctx.now()) throw badChallenge();
    return row;
  };

  const owned = (c: Context<AppEnv>) => {
    const row = passkeys.get(c.req.param('id') ?? '');
    // Someone else's passkey is as invisible as one that does not exist.
    if (!row || row.user_id !== c.get('auth').user.id) throw notFound('No such passkey');
    return row;
  };

  api.post('/passkeys/register/options', auth, async (c) => {
    const body = validate<{ authenticator_attachment?: string | null }>(await readJson(c.req.raw, ctx.config.bodyLimit), {
      authenticator_attachment: { type: 'string', nullable: true, max: 20 },
    });
    const attachment = body.authenticator_attachment ?? undefined;
    if (attachment !== undefined && !(ATTACHMENTS as readonly string[]).includes(attachment)) {
      throw validationError([{ field: 'authenticator_attachment', message: 'Authenticator attachment must be "platform" or "cross-platform"', type: 'format' }]);
    }
    const { user, session } = c.get('auth');
    // A passkey signs in without the password (and, verified, without the second factor) and
    // outlives a password reset: only a recent sign-in may add one, or a stolen access token, or a
    // script on the page refreshing it, could plant one for later. A refresh does not renew it.
    if (ctx.now() - session.created_at > RECENT_SIGN_IN_MS) {
      throw new ApiError(403, 'FORBIDDEN', 'Sign in again, then add the passkey within ten minutes', { reason: 'reauthentication_required' });
    }
    const existing = passkeys.find({ user_id: user.id });
    const options = await generateRegistrationOptions({
      rpName,
      rpID: rpId,
      userName: user.email,
      userID: new Uint8Array(utf8(user.id)),
      userDisplayName: [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email,
      attestationType: 'none',
      timeout: CHALLENGE_TTL_MS,
      excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: p.transports })),
      authenticatorSelection: {
        residentKey: 'preferred',
        userVerification: 'preferred',
        ...(attachment ? { authenticatorAttachment: attachment as (typeof ATTACHMENTS)[number] } : {}),
      },
    });
    await remember(options.challenge, {
      kind: 'registration',
      session_id: session.id,
      user_id: user.id,
      authenticator_attachment: attachment ?? null,
      user_verification: 'preferred',
    });
    return c.json(options);
  });

  api.post('/passkeys/register/verify', auth, async (c) => {
    const raw = await readJson(c.req.raw, ctx.config.bodyLimit);
    const body = validate<{ name?: string | null }>(raw, { name: { type: 'string', nullable: true, min: 1, max: NAME_MAX } });
    const credential = parseCredential((raw as Record<string, unknown>)['credential'], 'registration');
    const challenge = clientChallenge(credential.response.clientDataJSON);
    if (!challenge) throw badChallenge();
    const { user, session } = c.get('auth');
    const row = await spend(challenge, 'registration');
    if (row.session_id !== session.id || row.user_id !== user.id) throw badChallenge();
    let result: VerifiedRegistrationResponse;
    try {
      result = await verifyRegistrationResponse({
        response: credential,
        expectedChallenge: challenge,
        expectedOrigin: [...origins],
        expectedRPID: rpId,
        requireUserVerification: false,
      });
    } catch (error) {
      // The library's words name the accepted origins and RP ID: for the log, not the caller.
      ctx.log(`[passkeys] ${c.get('requestId')} registration refused: ${logSafe((error as Error).message)}`);
      throw new ApiError(400, 'INVALID_CREDENTIALS', 'The passkey could not be verified', { reason: 'verification_failed' });
    }
    if (!result.verified) throw new ApiError(400, 'INVALID_CREDENTIALS', 'The passkey could not be verified');
    const info = result.registrationInfo;
    const reported = credential.authenticatorAttachment;
    const attachment = reported ?? (row.authenticator_attachment as PasskeyRow['authenticator_attachment']) ?? null;
    let created: PasskeyRow;
    try {
      created = ctx.store.transaction(() => {
        const count = passkeys.count({ user_id: user.id });
        return passkeys.insert({
          id: uuid(),
          user_id: user.id,
          credential_id: info.credential.id,
          public_key: base64url(info.credential.publicKey),
          sign_count: info.credential.counter,
          transports: info.credential.transports ?? credential.response.transports ?? [],
          name: body.name ?? (attachment === 'cross-platform' ? `Security key ${count + 1}` : `Passkey ${count + 1}`),
          authenticator_attachment: attachment,
          device_type: info.credentialDeviceType,
          backed_up: info.credentialBackedUp,
          created_at: ctx.now(),
          last_used_at: null,
        });
      });
    } catch (error) {
      if (error instanceof ConstraintError && error.kind === 'unique') {
        throw new ApiError(400, 'INVALID_CREDENTIALS', 'This passkey is already registered', { reason: 'duplicate' });
      }
      throw error;
    }
    sendPasskeyAddedEmail(ctx, user, created.name);
    return c.json({ verified: true, passkey_id: created.id, message: 'Passkey added' });
  });

  api.post('/passkeys/authenticate/options', async (c) => {
    const body = validate<{ email?: string }>(await readJson(c.req.raw, ctx.config.bodyLimit), { email: { type: 'string', max: 254 } });
    const user = body.email ? ctx.users.findOne({ email: body.email }) : undefined;
    // Without an email, or for an unknown one, the browser offers its discoverable passkeys.
    const allow = user ? passkeys.find({ user_id: user.id }) : [];
    const options = await generateAuthenticationOptions({
      rpID: rpId,
      timeout: CHALLENGE_TTL_MS,
      userVerification: 'preferred',
      allowCredentials: allow.map((p) => ({ id: p.credential_id, transports: p.transports })),
    });
    const handle = await remember(options.challenge, {
      kind: 'authentication',
      session_id: null,
      user_id: user && allow.length ? user.id : null,
      authenticator_attachment: null,
      user_verification: 'preferred',
    });
    return c.json({
      sessionId: handle,
      challenge: options.challenge,
      rpId,
      timeout: options.timeout ?? CHALLENGE_TTL_MS,
      allowCredentials: options.allowCredentials ?? [],
      userVerification: options.userVerification ?? 'preferred',
    });
  });

  api.post('/passkeys/authenticate/verify', async (c) => {
    const ip = ctx.clientIp(c.req.raw, c.env) ?? 'unknown';
    if (ctx.limits) {
      const wait = ctx.limits.signinIp.retryAfter(ip);
      if (wait > 0) throw retryAfterError(wait);
      ctx.limits.signinIp.record(ip);
    }
    const raw = await readJson(c.req.raw, ctx.config.bodyLimit);
    const body = validate<{ email?: string }>(raw, { email: { type: 'string', max: 254 } });
    const credential = parseCredential((raw as Record<string, unknown>)['credential'], 'authentication');
    const signed = clientChallenge(credential.response.clientDataJSON);
    const query = c.req.query('challenge');
    if (query !== undefined && (query.length === 0 || query.length > 512)) {
      throw validationError([{ field: 'challenge', message: 'Challenge must be the challenge or sessionId of the options call', type: 'format' }]);
    }
    const key = query ?? signed;
    if (!key) throw badChallenge();
    const row = await spend(key, 'authentication');
    const passkey = passkeys.findOne({ credential_id: credential.id });
    if (!passkey) throw refused('unknown_credential');
    const user = ctx.users.get(passkey.user_id);
    if (!user) throw refused('unknown_credential');
    if (row.user_id && row.user_id !== user.id) throw refused('credential_not_allowed');
    if (body.email && foldCase(body.email) !== foldCase(user.email)) throw refused('credential_not_allowed');
    const userHandle = credential.response.userHandle;
    if (userHandle && userHandle !== base64url(utf8(user.id))) throw refused('user_handle_mismatch');
    let result: VerifiedAuthenticationResponse;
    try {
      result = await verifyAuthenticationResponse({
        response: credential,
        // The signed challenge must be the one this options call handed out, whichever handle the client sent.
        expectedChallenge: async (value) => (await sha256(value)) === row.id,
        expectedOrigin: [...origins],
        expectedRPID: rpId,
        credential: { id: passkey.credential_id, publicKey: new Uint8Array(fromBase64url(passkey.public_key)), counter: passkey.sign_count, transports: passkey.transports },
        requireUserVerification: false,
      });
    } catch (error) {
      const message = (error as Error).message;
      if (/counter/i.test(message)) throw refused('counter_regressed');
      ctx.log(`[passkeys] ${c.get('requestId')} sign-in refused: ${logSafe(message)}`);
      throw refused('verification_failed');
    }
    const info = result.authenticationInfo;
    if (!result.verified) throw refused('signature');
    const recordUse = () => {
      // Re-read inside the transaction: two assertions racing with the same counter must not both land.
      const current = passkeys.get(passkey.id);
      if (!current) throw refused('unknown_credential');
      if (info.newCounter > 0 && info.newCounter <= current.sign_count) throw refused('counter_regressed');
      passkeys.update(passkey.id, { sign_count: info.newCounter, last_used_at: ctx.now(), backed_up: info.credentialBackedUp });
    };
    // Without user verification a passkey is one factor (possession): an MFA account still owes its second.
    if (user.mfa_enabled && !info.userVerified) {
      ctx.store.transaction(recordUse);
      return c.json(await mfaService(ctx).beginChallenge(user));
    }
    return c.json(await completeSignIn(ctx, c, user, recordUse));
  });

  const list = (c: Context<AppEnv>) =>
    c.json(passkeys.find({ user_id: c.get('auth').user.id }, { orderBy: [{ field: 'created_at' }] }).map(toApiPasskey));
  api.get('/passkeys', auth, list);
  api.get('/passkeys/', auth, list);

  api.patch('/passkeys/:id', auth, async (c) => {
    const row = owned(c);
    const body = validate<{ name: string }>(await readJson(c.req.raw, ctx.config.bodyLimit), {
      name: { type: 'string', required: true, min: 1, max: NAME_MAX },
    });
    return c.json(toApiPasskey(passkeys.update(row.id, { name: body.name })!));
  });

  api.delete('/passkeys/:id', auth, (c) => {
    const row = owned(c);
    passkeys.delete(row.id);
    return c.body(null, 204);
  });
}
