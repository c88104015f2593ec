import { expect } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { runChariot } from '../../index';
import { encryptBlock, expandKey, aesCtr } from './aes';
import { hex, hmacSha256, sha256, sha512, unhex, utf8 } from './sha';

const bytes = (h: string) => unhex(h) as Uint8Array;

describe('pure-TS crypto primitives', () => {
  it('computes SHA-256 and SHA-512 test vectors', () => {
    expect(hex(sha256(utf8('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(hex(sha512(utf8('abc')))).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
  });

  it('computes HMAC-SHA256 (RFC 4231 case 2)', () => {
    expect(hex(hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('encrypts the FIPS-197 AES-128 and AES-256 example blocks', () => {
    const pt = bytes('00112233445566778899aabbccddeeff');
    expect(hex(encryptBlock(expandKey(bytes('000102030405060708090a0b0c0d0e0f')), pt))).toBe(
      '69c4e0d86a7b0430d8cdb78070b4c55a',
    );
    expect(
      hex(encryptBlock(expandKey(bytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f')), pt)),
    ).toBe('8ea2b7ca516745bfeafc49904b496089');
  });

  it('runs AES-CTR as in NIST SP 800-38A F.5.5 (first two blocks)', () => {
    const key = bytes('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
    const iv = bytes('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff');
    const pt = bytes('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51');
    expect(hex(aesCtr(key, iv, pt))).toBe('601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5');
  });

  it('agrees with node:crypto on SHA-256, SHA-512 and HMAC-SHA256 of any length, across block boundaries', () => {
    const lengths = [0, 1, 55, 56, 63, 64, 65, 111, 112, 119, 120, 127, 128, 129, 255, 256, 1000, 100_000];
    for (const n of lengths) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 255);
      expect(hex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      expect(hex(sha512(data))).toBe(createHash('sha512').update(data).digest('hex'));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 100 }), (data, key) => {
        expect(hex(sha512(data))).toBe(createHash('sha512').update(data).digest('hex'));
        expect(hex(hmacSha256(key, data))).toBe(createHmac('sha256', key).update(data).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('encodes strings as UTF-8, lone surrogates as U+FFFD', () => {
    for (const s of ['', 'abc', 'é€😀', '\ud800x', 'x\udc00'])
      expect(Buffer.from(utf8(s)).toString('hex')).toBe(Buffer.from(s, 'utf8').toString('hex'));
  });

  // How fast is bench/language.mjs's to say ("hash512 of a megabyte"); here, that it is right.
  it('hashes a megabyte with SHA-512 across its 8,192 blocks', () => {
    const data = new Uint8Array(1 << 20).map((_, k) => (k * 31) & 0xff);
    expect(hex(sha512(data))).toBe(createHash('sha512').update(data).digest('hex'));
  });

  it('charges hashing and encryption to the run', () => {
    const limits = { maxSteps: 20_000 };
    for (const src of [
      'hash256(repeat("a", 200000))',
      'hash512(repeat("a", 200000))',
      'hmac256("k", repeat("a", 200000))',
      'encryptDirect("k", repeat("a", 50000))',
      'encryptDirect(repeat("k", 200000), "a")',
    ]) {
      expect(() => runChariot(src, { limits })).toThrow(expect.objectContaining({ code: 'STEP_LIMIT' }));
    }
  });
});
