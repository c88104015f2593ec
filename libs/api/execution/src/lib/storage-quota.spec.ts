import { StorageQuota } from './storage-quota';

describe('StorageQuota', () => {
  it("charges a user's runs together against the quota in UTF-8 bytes, with one notice per run past it", async () => {
    const quota = new StorageQuota(20, () => Promise.resolve(0));
    const first = quota.open('ada');
    const second = quota.open('ada');
    await second.ready;
    expect(first.admit('€€€')).toBe('keep'); // 9 bytes
    expect(second.admit('€€€')).toBe('keep'); // 18
    expect(second.admit('€')).toBe('notice'); // 21 > 20
    expect(second.admit('x')).toBe('drop');
    expect(first.admit('€')).toBe('notice');
    expect([first.bytes, first.dropped, second.bytes, second.dropped]).toEqual([9, 1, 9, 2]);
    // another user has a quota of their own
    expect(quota.open('bob').admit('x'.repeat(20))).toBe('keep');
  });

  it('adds what storage holds once it is read, and reads it again once the user has no live run', async () => {
    const stored = jest.fn().mockResolvedValueOnce(15).mockResolvedValueOnce(5);
    const quota = new StorageQuota(20, stored);
    const run = quota.open('ada');
    await run.ready;
    expect(run.admit('12345')).toBe('keep'); // 15 + 5
    expect(run.admit('1')).toBe('notice');
    run.close();
    run.close();
    const later = quota.open('ada');
    await later.ready;
    expect(later.admit('x'.repeat(15))).toBe('keep'); // 5 stored now (old runs deleted)
    expect(stored).toHaveBeenCalledTimes(2);
  });
});
