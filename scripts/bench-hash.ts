#!/usr/bin/env node
// `npm run bench:hash`: the time one password hash costs on this machine, for every hasher the
// server knows, and the worst password-strength rating. Not part of `npm test` (it measures, it
// does not check). Medians of --runs hashes (default 15) after two warm-up hashes, one at a time.
import { parseArgs } from 'node:util';
import { createPbkdf2Hasher, type PasswordHasher } from '../packages/server/src/auth/password.ts';
import { createStrengthPolicy } from '../packages/server/src/auth/strength.ts';
import { createArgon2Hasher, createScryptHasher } from '../packages/server/src/node.ts';
import { TEST_HASH_PARAMS } from '../packages/server/src/testing.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Math.max(3, Number(values.runs) || 15);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

const hashers: [string, string, PasswordHasher][] = [
  ['Argon2id m=64 MiB, t=3, p=1', 'server default (createNodeHasher)', createArgon2Hasher()],
  ['Argon2id m=19 MiB, t=2, p=1', "OWASP's minimum", createArgon2Hasher({ memoryCost: 19456, timeCost: 2 })],
  ['scrypt N=2^17, r=8, p=1', "OWASP's scrypt (verify of older hashes)", createScryptHasher()],
  ['scrypt N=2^15, r=8, p=1', 'the old default (verify only)', createScryptHasher({ log2N: 15, insecureForTests: true })],
  ['PBKDF2-SHA256 600,000', 'browser build, production figure', createPbkdf2Hasher(600_000)],
  ['Argon2id m=1 MiB, t=1', 'tests only (insecureForTests)', createArgon2Hasher(TEST_HASH_PARAMS)],
];

console.log(`Node ${process.version}, ${runs} runs each (median ms per hash, one at a time)\n`);
console.log('| hasher | use | ms per hash |');
console.log('|---|---|---|');
for (const [name, use, hasher] of hashers) {
  const ms = await time(() => hasher.hash('Correct-horse-battery-9'));
  console.log(`| ${name} | ${use} | ${ms.toFixed(1)} |`);
}

const policy = createStrengthPolicy();
let started = performance.now();
await policy.ready();
console.log(`\nzxcvbn dictionaries: loaded in ${(performance.now() - started).toFixed(0)} ms (once per process)`);
const random = () => Array.from({ length: 128 }, () => String.fromCharCode(33 + Math.floor(Math.random() * 90))).join('');
const inputs: [string, string][] = [
  ['Summer2024!', 'typical'],
  ['P@ssw0rd1!Summer2024'.repeat(7).slice(0, 128), '128 chars, l33t and dates'],
  ['1234567890'.repeat(13).slice(0, 128), '128 digits'],
  [random(), '128 random characters'],
];
console.log('\n| password | ms to rate (median) |');
console.log('|---|---|');
for (const [password, label] of inputs) {
  const ms = await time(() => policy.check(password, { email: 'someone@example.com' }));
  console.log(`| ${label} | ${ms.toFixed(1)} |`);
}
