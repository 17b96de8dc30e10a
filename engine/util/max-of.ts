// The largest of a function over a list, for lists of any length: Math.max(...list) passes every
// item as an argument and fails past about 100,000 of them.

export function maxOf<T>(items: readonly T[], value: (item: T) => number, start = 0): number {
  let max = start;
  for (const item of items) {
    const v = value(item);
    if (v > max) max = v;
  }
  return max;
}
