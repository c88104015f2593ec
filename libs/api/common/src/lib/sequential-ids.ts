import type { IdSource } from './id-source';

/**
 * An IdSource that counts: 00000000-0000-4000-8000-000000000001, then …002, … (valid version 4
 * UUIDs), so a spec knows every id in advance.
 */
export class SequentialIds implements IdSource {
  private count = 0;

  uuid(): string {
    this.count += 1;
    return `00000000-0000-4000-8000-${this.count.toString().padStart(12, '0')}`;
  }
}
