/** Pure-TS AES block encryption (128/192/256-bit keys) and CTR mode. */
const SBOX = new Uint8Array(256);
const RCON = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36, 0x6c, 0xd8, 0xab, 0x4d];
(() => {
  let p = 1;
  let q = 1;
  do {
    p = p ^ ((p << 1) & 0xff) ^ (p & 0x80 ? 0x1b : 0);
    q ^= q << 1;
    q ^= q << 2;
    q ^= q << 4;
    q &= 0xff;
    if (q & 0x80) q ^= 0x09;
    const x = q ^ ((q << 1) | (q >> 7)) ^ ((q << 2) | (q >> 6)) ^ ((q << 3) | (q >> 5)) ^ ((q << 4) | (q >> 4));
    SBOX[p] = (x ^ 0x63) & 0xff;
  } while (p !== 1);
  SBOX[0] = 0x63;
})();

const xt = (b: number) => ((b << 1) ^ (b & 0x80 ? 0x1b : 0)) & 0xff;

export function expandKey(key: Uint8Array): Uint8Array[] {
  const nk = key.length / 4;
  if (![4, 6, 8].includes(nk)) throw new Error('AES key must be 16, 24 or 32 bytes');
  const nr = nk + 6;
  const w = new Uint8Array(16 * (nr + 1));
  w.set(key);
  for (let i = nk; i < 4 * (nr + 1); i++) {
    let t = w.slice(4 * (i - 1), 4 * i);
    if (i % nk === 0) {
      t = Uint8Array.from([SBOX[t[1]] ^ RCON[i / nk - 1], SBOX[t[2]], SBOX[t[3]], SBOX[t[0]]]);
    } else if (nk > 6 && i % nk === 4) {
      t = t.map((b) => SBOX[b]);
    }
    for (let j = 0; j < 4; j++) w[4 * i + j] = w[4 * (i - nk) + j] ^ t[j];
  }
  const rounds: Uint8Array[] = [];
  for (let r = 0; r <= nr; r++) rounds.push(w.slice(16 * r, 16 * r + 16));
  return rounds;
}

export function encryptBlock(rk: Uint8Array[], input: Uint8Array): Uint8Array {
  const s = input.slice();
  const nr = rk.length - 1;
  for (let i = 0; i < 16; i++) s[i] ^= rk[0][i];
  for (let r = 1; r <= nr; r++) {
    for (let i = 0; i < 16; i++) s[i] = SBOX[s[i]];
    // shift rows (column-major state)
    const t = s.slice();
    for (let c = 0; c < 4; c++) for (let row = 0; row < 4; row++) s[4 * c + row] = t[4 * ((c + row) % 4) + row];
    if (r !== nr) {
      for (let c = 0; c < 4; c++) {
        const a0 = s[4 * c];
        const a1 = s[4 * c + 1];
        const a2 = s[4 * c + 2];
        const a3 = s[4 * c + 3];
        const all = a0 ^ a1 ^ a2 ^ a3;
        s[4 * c] ^= all ^ xt(a0 ^ a1);
        s[4 * c + 1] ^= all ^ xt(a1 ^ a2);
        s[4 * c + 2] ^= all ^ xt(a2 ^ a3);
        s[4 * c + 3] ^= all ^ xt(a3 ^ a0);
      }
    }
    for (let i = 0; i < 16; i++) s[i] ^= rk[r][i];
  }
  return s;
}

/** AES-CTR: the same call encrypts and decrypts. */
export function aesCtr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const rk = expandKey(key);
  const out = new Uint8Array(data.length);
  const ctr = iv.slice();
  for (let off = 0; off < data.length; off += 16) {
    const ks = encryptBlock(rk, ctr);
    for (let i = 0; i < 16 && off + i < data.length; i++) out[off + i] = data[off + i] ^ ks[i];
    for (let i = 15; i >= 0; i--) {
      ctr[i] = (ctr[i] + 1) & 0xff;
      if (ctr[i] !== 0) break;
    }
  }
  return out;
}
