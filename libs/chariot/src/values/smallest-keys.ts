/** Code-unit order: what `Array.prototype.sort()` does to strings, and Go's sorted map keys. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The `k` smallest distinct keys in order. A preview never shows more than a few hundred
 * entries, so for a large collection this keeps a bounded max-heap (n log k) instead of sorting
 * every key. Repeats are skipped: a key that has left the heap is never smaller than its top again.
 */
export function smallestKeys(
  keys: Iterable<string>,
  k: number,
  compare: (a: string, b: string) => number = compareCodeUnits,
): string[] {
  const heap: string[] = [];
  const inHeap = new Set<string>();
  if (k <= 0) return heap;
  for (const key of keys) {
    if (heap.length === k && compare(key, heap[0]) >= 0) continue;
    if (inHeap.has(key)) continue;
    inHeap.add(key);
    if (heap.length < k) {
      heap.push(key);
      siftUp(heap, heap.length - 1, compare);
    } else {
      inHeap.delete(heap[0]);
      heap[0] = key;
      siftDown(heap, 0, compare);
    }
  }
  return heap.sort(compare);
}

/** Max-heap: every parent compares greater than or equal to its children (moves a hole, no swaps). */
function siftUp(heap: string[], i: number, compare: (a: string, b: string) => number): void {
  const key = heap[i];
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (compare(key, heap[parent]) <= 0) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = key;
}

function siftDown(heap: string[], i: number, compare: (a: string, b: string) => number): void {
  const key = heap[i];
  const n = heap.length;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && compare(heap[child + 1], heap[child]) > 0) child++;
    if (compare(heap[child], key) <= 0) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = key;
}
