import { capMessage, serialiseResult } from './outbound';

/** The `code` of what `fn` throws (undefined when it returns). */
function codeThrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return undefined;
}

describe('serialiseResult', () => {
  it('gives the JSON text of a value within the limit', () => {
    expect(serialiseResult({ a: [1, 'x'] }, 100)).toBe('{"a":[1,"x"]}');
  });

  it('refuses a value over the limit in UTF-8 bytes with RESULT_TOO_LARGE', () => {
    // 400 characters, 1,200 bytes: under the limit in characters, over it in bytes
    expect(codeThrownBy(() => serialiseResult('€'.repeat(400), 1000))).toBe('RESULT_TOO_LARGE');
    expect(() => serialiseResult('€'.repeat(300), 1000)).not.toThrow();
  });

  it('refuses a value too large to write out at all, without throwing anything else', () => {
    const huge = Array.from({ length: 40 }, () => 'x'.repeat(16_000_000));
    expect(codeThrownBy(() => serialiseResult(huge, 1_048_576))).toBe('RESULT_TOO_LARGE');
  });
});

describe('capMessage', () => {
  it('leaves a short message alone', () => {
    expect(capMessage('division by zero', 8192)).toBe('division by zero');
  });

  it('cuts a long one to the limit in bytes and says how long it was', () => {
    const cut = capMessage('é'.repeat(10_000), 8192);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(8192);
    expect(cut).toMatch(/^é+ … \[cut: 20000 bytes in all\]$/);
    expect(Buffer.byteLength(capMessage('x'.repeat(10_000), 8192), 'utf8')).toBe(8192);
  });
});
