/**
 * Bytes of log messages each user has stored (UTF-8, over all their executions) against
 * MAX_STORED_BYTES_PER_USER, checked as each line is written: past it a run's lines are dropped
 * and counted, after one notice. Per-execution caps bound one run; this bounds what a user keeps
 * with many (RETENTION_MAX_PER_USER runs of MAX_LOG_BYTES each was 64 GB).
 *
 * A user's total is read from storage when their first live run opens (the run starts once it is
 * known) and kept in memory while any of their runs lives; each run's bytes are written beside its
 * row when it ends, so the next read (after deletions and retention) is up to date. Deleting runs
 * while others of the user live frees the space only once those end. Within one instance of a
 * cluster.
 */
export class StorageQuota {
  private readonly users = new Map<string, UserUsage>();

  constructor(
    private readonly maxBytes: number,
    /** The bytes a user's stored executions hold. */
    private readonly storedBytes: (ownerId: string) => Promise<number>,
    private readonly onLoadError: (error: unknown) => void = () => undefined,
  ) {}

  /** A run of this user begins: its lines are admitted and charged through the gate. */
  open(ownerId: string): QuotaGate {
    let usage = this.users.get(ownerId);
    if (!usage) {
      const fresh: UserUsage = { bytes: 0, runs: 0, loaded: Promise.resolve() };
      // a failed read counts nothing stored: the runs go on, charged from zero
      fresh.loaded = this.storedBytes(ownerId).then((stored) => void (fresh.bytes += stored), this.onLoadError);
      this.users.set(ownerId, (usage = fresh));
    }
    usage.runs++;
    return new QuotaGate(usage, this.maxBytes, () => {
      if (--usage.runs === 0 && this.users.get(ownerId) === usage) this.users.delete(ownerId);
    });
  }
}

interface UserUsage {
  bytes: number;
  /** Resolves once the bytes stored before are counted in. */
  loaded: Promise<void>;
  /** Live runs of the user holding this. */
  runs: number;
}

/** One run's way into its user's quota. */
export class QuotaGate {
  /** Bytes of this run's lines admitted. */
  bytes = 0;
  /** Lines dropped over the quota. */
  dropped = 0;
  private closed = false;
  private noticed = false;

  constructor(
    private readonly usage: UserUsage,
    private readonly maxBytes: number,
    private readonly onClose: () => void,
  ) {}

  /** Resolves once the user's stored total is known: start the run then, so its first line is checked against it. */
  get ready(): Promise<void> {
    return this.usage.loaded;
  }

  /** 'keep' to store the line, 'notice' to store the quota notice instead, 'drop' to count it. */
  admit(message: string): 'keep' | 'notice' | 'drop' {
    if (this.noticed) {
      this.dropped++;
      return 'drop';
    }
    const size = Buffer.byteLength(message, 'utf8');
    if (this.usage.bytes + size > this.maxBytes) {
      this.dropped++;
      this.noticed = true;
      return 'notice';
    }
    this.usage.bytes += size;
    this.bytes += size;
    return 'keep';
  }

  noticeText(): string {
    return `Storage quota reached (MAX_STORED_BYTES_PER_USER, ${this.maxBytes} bytes of log for each user): later entries of this run are dropped and counted; delete old executions to free space`;
  }

  /** The run ended and its bytes are stored beside it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
