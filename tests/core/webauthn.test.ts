/**
 * The kit's WebAuthn glue on its own: base64url both ways, the server's JSON options made into
 * what navigator.credentials takes, the browser's credential made into the JSON the server
 * verifies, and one ceremony at a time. (tests/core/passkeys.test.ts runs it against the real
 * server's verification.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  authenticationJSON, create, creationOptions, fromBase64url, get, registrationJSON, requestOptions, toBase64url,
} from '../../packages/core/src/webauthn.ts';

const bytesOf = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)];

test('base64url: every byte value round-trips, without padding, in the URL-safe alphabet', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const text = toBase64url(all);
  assert.equal(text, Buffer.from(all).toString('base64url'));
  assert.match(text, /^[\w-]+$/);
  assert.deepEqual(bytesOf(fromBase64url(text)), [...all]);
  // Every length's tail (0, 1 or 2 bytes past a multiple of 3).
  for (let n = 0; n < 8; n++) {
    const some = all.slice(250 - n, 250);
    assert.equal(toBase64url(some), Buffer.from(some).toString('base64url'), `length ${n}`);
    assert.deepEqual(bytesOf(fromBase64url(toBase64url(some))), [...some], `length ${n}`);
  }
  assert.equal(toBase64url(new ArrayBuffer(0)), '');
  assert.deepEqual(bytesOf(fromBase64url('')), []);
});

test('base64url: a view is read over its own bytes only; padded input is accepted', () => {
  const backing = Uint8Array.from([1, 2, 0xfb, 0xff, 0xfe, 9]);
  assert.equal(toBase64url(backing.subarray(2, 5)), '-__-');
  assert.equal(toBase64url(new DataView(backing.buffer, 2, 3)), '-__-');
  assert.deepEqual(bytesOf(fromBase64url('-__-')), [0xfb, 0xff, 0xfe]);
  assert.deepEqual(bytesOf(fromBase64url('AQ==')), [1]);
  assert.deepEqual(bytesOf(fromBase64url('AQ')), [1]);
});

test('base64url: anything else is a TypeError that shows the text', () => {
  for (const bad of ['a+b/', 'ab cd', 'abc=d', 'abcde', 'ab===', '€']) {
    assert.throws(() => fromBase64url(bad), (e: unknown) => e instanceof TypeError && e.message.includes('Not base64url'), bad);
  }
  assert.throws(() => fromBase64url(undefined as unknown as string), TypeError);
});

const challenge = toBase64url(Uint8Array.from([1, 2, 3, 4]));
const userId = toBase64url(Uint8Array.from([9, 8, 7]));
const credId = toBase64url(Uint8Array.from([5, 5, 5, 5, 5]));

test('creation options: challenge, user id and excluded credentials become bytes; the rest is kept', () => {
  const json: PublicKeyCredentialCreationOptionsJSON = {
    rp: { id: 'example.com', name: 'Example' },
    user: { id: userId, name: 'ada@example.com', displayName: 'Ada' },
    challenge,
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    timeout: 60000,
    attestation: 'none',
    excludeCredentials: [{ id: credId, type: 'public-key', transports: ['internal'] }],
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  };
  const options = creationOptions(json);
  assert.deepEqual(bytesOf(options.challenge as ArrayBuffer), [1, 2, 3, 4]);
  assert.deepEqual(bytesOf(options.user.id as ArrayBuffer), [9, 8, 7]);
  assert.equal(options.user.name, 'ada@example.com');
  assert.equal(options.user.displayName, 'Ada');
  const [excluded] = options.excludeCredentials!;
  assert.deepEqual(bytesOf(excluded!.id as ArrayBuffer), [5, 5, 5, 5, 5]);
  assert.deepEqual(excluded!.transports, ['internal']);
  assert.deepEqual(options.rp, json.rp);
  assert.deepEqual(options.pubKeyCredParams, json.pubKeyCredParams);
  assert.deepEqual(options.authenticatorSelection, json.authenticatorSelection);
  assert.equal(options.timeout, 60000);
  assert.equal(typeof json.challenge, 'string', 'the JSON is left as it was');
});

test('request options: allowed credentials become bytes; an empty list is left out; autofill asks for none', () => {
  const json: PublicKeyCredentialRequestOptionsJSON = {
    challenge, rpId: 'example.com', userVerification: 'preferred', timeout: 1000,
    allowCredentials: [{ id: credId, type: 'public-key' }],
  };
  const options = requestOptions(json);
  assert.deepEqual(bytesOf(options.challenge as ArrayBuffer), [1, 2, 3, 4]);
  assert.deepEqual(bytesOf(options.allowCredentials![0]!.id as ArrayBuffer), [5, 5, 5, 5, 5]);
  assert.equal(options.rpId, 'example.com');
  assert.equal(requestOptions({ ...json, allowCredentials: [] }).allowCredentials, undefined);
  assert.deepEqual(requestOptions(json, true).allowCredentials, []);
  assert.throws(() => requestOptions({ ...json, challenge: 'not base64!' }), TypeError);
});

const buf = (...values: number[]) => Uint8Array.from(values).buffer;

function credential(response: object, attachment: string | null = 'platform') {
  return {
    id: credId, rawId: buf(5, 5, 5, 5, 5), type: 'public-key', authenticatorAttachment: attachment, response,
    getClientExtensionResults: () => ({ credProps: { rk: true } }),
  } as unknown as PublicKeyCredential;
}

test('a registration as the server reads it: every part base64url, the optional methods only when they work', () => {
  const full = registrationJSON(credential({
    clientDataJSON: buf(1), attestationObject: buf(2, 2),
    getTransports: () => ['internal', 'hybrid'], getPublicKeyAlgorithm: () => -7,
    getPublicKey: () => buf(3), getAuthenticatorData: () => buf(4),
  }));
  assert.deepEqual(full, {
    id: credId, rawId: credId, type: 'public-key',
    response: { clientDataJSON: 'AQ', attestationObject: 'AgI', transports: ['internal', 'hybrid'], publicKeyAlgorithm: -7, publicKey: 'Aw', authenticatorData: 'BA' },
    clientExtensionResults: { credProps: { rk: true } },
    authenticatorAttachment: 'platform',
  });
  // An older browser (no L3 methods) and a password manager extension that broke one of them.
  const sparse = registrationJSON(credential({
    clientDataJSON: buf(1), attestationObject: buf(2, 2),
    getPublicKey: () => {
      throw new Error('broken by an extension');
    },
  }, 'something-else'));
  assert.deepEqual(JSON.parse(JSON.stringify(sparse)), {
    id: credId, rawId: credId, type: 'public-key',
    response: { clientDataJSON: 'AQ', attestationObject: 'AgI' },
    clientExtensionResults: { credProps: { rk: true } },
  });
});

test('an assertion as the server reads it; no user handle, no field', () => {
  const json = authenticationJSON(credential({ clientDataJSON: buf(1), authenticatorData: buf(4), signature: buf(0xff, 0xfe), userHandle: buf(9, 8, 7) }, 'cross-platform'));
  assert.deepEqual(json.response, { clientDataJSON: 'AQ', authenticatorData: 'BA', signature: '__4', userHandle: userId });
  assert.equal(json.authenticatorAttachment, 'cross-platform');
  const anonymous = authenticationJSON(credential({ clientDataJSON: buf(1), authenticatorData: buf(4), signature: buf(1), userHandle: null }, null));
  assert.equal('userHandle' in JSON.parse(JSON.stringify(anonymous.response)), false);
  assert.equal('authenticatorAttachment' in anonymous, false);
});

/** navigator.credentials whose requests wait until aborted (or answered by `answer`). */
function installCredentials() {
  const requests: { options: CredentialRequestOptions & CredentialCreationOptions & { mediation?: string }; answer(c: unknown): void }[] = [];
  const wait = (options: CredentialRequestOptions & CredentialCreationOptions) => new Promise((resolve, reject) => {
    if (options.signal!.aborted) return reject(options.signal!.reason);
    requests.push({ options, answer: resolve });
    options.signal!.addEventListener('abort', () => reject(options.signal!.reason), { once: true });
  });
  const before = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { credentials: { get: wait, create: wait } }, configurable: true, writable: true });
  const g = globalThis as { document?: unknown };
  g.document = { querySelectorAll: () => [{}] };
  return {
    requests,
    uninstall() {
      if (before) Object.defineProperty(globalThis, 'navigator', before);
      else delete (globalThis as { navigator?: unknown }).navigator;
      delete g.document;
    },
  };
}

const requestJSON: PublicKeyCredentialRequestOptionsJSON = { challenge, rpId: 'example.com' };
const until = async (check: () => boolean) => {
  for (let turns = 0; !check(); turns++) {
    if (turns > 1000) throw new Error('the request never reached the browser');
    await new Promise((r) => setImmediate(r));
  }
};

test('one ceremony at a time: a new one withdraws the pending one with an AbortError', async () => {
  const browser = installCredentials();
  try {
    const autofill = get(requestJSON, true).catch((e: unknown) => e);
    await until(() => browser.requests.length === 1);
    assert.equal(browser.requests[0]!.options.mediation, 'conditional');
    const modal = get(requestJSON);
    await until(() => browser.requests.length === 2);
    const withdrawn = await autofill;
    assert.ok(withdrawn instanceof DOMException && withdrawn.name === 'AbortError', String(withdrawn));
    assert.equal(browser.requests[1]!.options.mediation, undefined);
    browser.requests[1]!.answer(credential({ clientDataJSON: buf(1), authenticatorData: buf(4), signature: buf(1), userHandle: null }));
    assert.equal((await modal).rawId, credId);
  } finally {
    browser.uninstall();
  }
});

test('aborting the signal ends the request with its reason; an aborted signal never waits; no credential is an error', async () => {
  const browser = installCredentials();
  try {
    const controller = new AbortController();
    const pending = create({ ...({} as PublicKeyCredentialCreationOptionsJSON), challenge, user: { id: userId, name: 'a', displayName: 'a' } }, controller.signal)
      .catch((e: unknown) => e);
    await until(() => browser.requests.length === 1);
    const reason = new Error('the form was submitted');
    controller.abort(reason);
    assert.equal(await pending, reason);

    const early = await get(requestJSON, false, AbortSignal.abort()).catch((e: unknown) => e);
    assert.ok(early instanceof DOMException && early.name === 'AbortError');
    assert.equal(browser.requests.length, 1, 'the browser was not asked');

    const nothing = get(requestJSON).catch((e: unknown) => e);
    await until(() => browser.requests.length === 2);
    browser.requests[1]!.answer(null);
    assert.match(String(await nothing), /no credential/);
  } finally {
    browser.uninstall();
  }
});

test('autofill needs an <input autocomplete="… webauthn"> in the page', async () => {
  const browser = installCredentials();
  (globalThis as { document?: unknown }).document = { querySelectorAll: () => [] };
  try {
    await assert.rejects(get(requestJSON, true), /autocomplete ends with "webauthn"/);
    assert.equal(browser.requests.length, 0);
  } finally {
    browser.uninstall();
  }
});
