import { encryptBlock, expandKey, aesCtr } from './aes';
import { hex, hmacSha256, sha256, sha512, unhex, utf8 } from './sha';

const bytes = (h: string) => unhex(h) as Uint8Array;

describe('pure-TS crypto primitives', () => {
  it('computes SHA-256 and SHA-512 test vectors', () => {
    expect(hex(sha256(utf8('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(hex(sha512(utf8('abc')))).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
  });

  it('computes HMAC-SHA256 (RFC 4231 case 2)', () => {
    expect(hex(hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('encrypts the FIPS-197 AES-128 and AES-256 example blocks', () => {
    const pt = bytes('00112233445566778899aabbccddeeff');
    expect(hex(encryptBlock(expandKey(bytes('000102030405060708090a0b0c0d0e0f')), pt))).toBe('69c4e0d86a7b0430d8cdb78070b4c55a');
    expect(hex(encryptBlock(expandKey(bytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f')), pt))).toBe('8ea2b7ca516745bfeafc49904b496089');
  });

  it('runs AES-CTR as in NIST SP 800-38A F.5.5 (first two blocks)', () => {
    const key = bytes('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
    const iv = bytes('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff');
    const pt = bytes('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51');
    expect(hex(aesCtr(key, iv, pt))).toBe('601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5');
  });
});
