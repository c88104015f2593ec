import { Runtime } from '../evaluator/runtime';
import { Value } from '../values/values';
import { aesCtr } from './crypto/aes';
import { fromUtf8, hex, hmacSha256, sha256, sha512, unhex, utf8 } from './crypto/sha';
import { table } from './types';
import { err, int, str } from './util';

/**
 * Hashes and symmetric encryption in pure TypeScript (the library may not import node:crypto).
 * Random bytes come from host.randomBytes, else globalThis.crypto.getRandomValues, else
 * host.random(). encryptDirect is AES-CTR + HMAC-SHA256 (encrypt-then-MAC) with keys derived
 * from the given key; the ciphertext is base64(iv ‖ ciphertext ‖ tag).
 */
export function randomBytes(rt: Runtime, n: number): Uint8Array {
  if (rt.host.randomBytes) return rt.host.randomBytes(n);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) return c.getRandomValues(new Uint8Array(n));
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rt.host.random() * 256);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export function toBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    s +=
      B64[(n >> 18) & 63] +
      B64[(n >> 12) & 63] +
      (i + 1 < b.length ? B64[(n >> 6) & 63] : '=') +
      (i + 2 < b.length ? B64[n & 63] : '=');
  }
  return s;
}

export function fromBase64(s: string): Uint8Array | null {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return null;
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const v = [0, 1, 2, 3].map((k) => (clean[i + k] === '=' ? 0 : B64.indexOf(clean[i + k])));
    const n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out.push((n >> 16) & 255);
    if (clean[i + 2] !== '=') out.push((n >> 8) & 255);
    if (clean[i + 3] !== '=') out.push(n & 255);
  }
  return Uint8Array.from(out);
}

/**
 * The string argument, its work charged first: hashing costs ~50 ns a byte, AES-CTR with its
 * MAC and base64 ~400 ns, far more than a step. A step per `perStep` characters keeps a loop of
 * big hashes or encryptions within the step budget and lets the checkpoint (clock, time slice)
 * run between them.
 */
function metered(rt: Runtime, v: Value, who: string, what: string, perStep: number): string {
  const s = str(v, who, what);
  rt.charge(s.length / perStep);
  return s;
}

function keyMaterial(rt: Runtime, v: Value, who: string): { enc: Uint8Array; mac: Uint8Array } {
  const k = metered(rt, v, who, 'key', 4);
  const raw = unhex(k) ?? fromBase64(k) ?? utf8(k);
  const master = sha256(raw);
  return { enc: hmacSha256(master, utf8('chariot-enc')), mac: hmacSha256(master, utf8('chariot-mac')) };
}

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function encrypt(rt: Runtime, key: Value, plain: string, who: string): string {
  const { enc, mac } = keyMaterial(rt, key, who);
  const iv = randomBytes(rt, 16);
  const ct = aesCtr(enc, iv, utf8(plain));
  const tag = hmacSha256(mac, concatBytes(iv, ct));
  return toBase64(concatBytes(iv, ct, tag));
}

function decrypt(rt: Runtime, key: Value, data: string, who: string): string {
  const { enc, mac } = keyMaterial(rt, key, who);
  const raw = fromBase64(data);
  if (!raw || raw.length < 48) return err(`${who}: ciphertext is not valid`);
  const iv = raw.slice(0, 16);
  const ct = raw.slice(16, raw.length - 32);
  const tag = raw.slice(raw.length - 32);
  const expect = hmacSha256(mac, concatBytes(iv, ct));
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= expect[i] ^ tag[i];
  if (diff !== 0) return err(`${who}: authentication failed (wrong key or corrupted data)`);
  return fromUtf8(aesCtr(enc, iv, ct));
}

export function hash256(s: string): string {
  return hex(sha256(utf8(s)));
}

export const CRYPTO_BUILTINS = table('crypto', [
  [
    'hash256',
    1,
    1,
    'SHA-256 of a string, hex encoded.',
    (a, rt) => hash256(metered(rt, a[0], 'hash256', 'argument', 4)),
  ],
  [
    'hash512',
    1,
    1,
    'SHA-512 of a string, hex encoded.',
    (a, rt) => hex(sha512(utf8(metered(rt, a[0], 'hash512', 'argument', 4)))),
  ],
  [
    'hmac256',
    2,
    2,
    'hmac256(key, data): HMAC-SHA256, hex encoded.',
    (a, rt) =>
      hex(hmacSha256(utf8(metered(rt, a[0], 'hmac256', 'key', 4)), utf8(metered(rt, a[1], 'hmac256', 'data', 4)))),
  ],
  [
    'generateKey',
    0,
    1,
    'generateKey([bytes]): a random key (default 32 bytes), hex encoded.',
    (a, rt) => {
      const n = a.length ? int(a[0], 'generateKey', 'size') : 32;
      if (n < 1 || n > 1024) return err('generateKey: size must be between 1 and 1024 bytes');
      return hex(randomBytes(rt, n));
    },
  ],
  [
    'randomBytes',
    1,
    1,
    'randomBytes(n): n random bytes, hex encoded.',
    (a, rt) => {
      const n = int(a[0], 'randomBytes', 'size');
      if (n < 0 || n > 1 << 20) return err('randomBytes: size out of range');
      return hex(randomBytes(rt, n));
    },
  ],
  [
    'encryptDirect',
    2,
    2,
    'encryptDirect(key, text): authenticated AES encryption, base64.',
    (a, rt) => encrypt(rt, a[0], metered(rt, a[1], 'encryptDirect', 'text', 1), 'encryptDirect'),
  ],
  [
    'decryptDirect',
    2,
    2,
    'decryptDirect(key, data): decrypts encryptDirect output.',
    (a, rt) => decrypt(rt, a[0], metered(rt, a[1], 'decryptDirect', 'data', 1), 'decryptDirect'),
  ],
  [
    'encrypt',
    2,
    2,
    'encrypt(key, text): as encryptDirect.',
    (a, rt) => encrypt(rt, a[0], metered(rt, a[1], 'encrypt', 'text', 1), 'encrypt'),
  ],
  [
    'decrypt',
    2,
    2,
    'decrypt(key, data): as decryptDirect.',
    (a, rt) => decrypt(rt, a[0], metered(rt, a[1], 'decrypt', 'data', 1), 'decrypt'),
  ],
]);
