/**
 * What a test DOM is asked while some code runs: the tests that hold code to the work it
 * does on hostile pages count calls and reads (never time them). Each helper wraps the
 * members of one prototype for `run` only and puts them back as they were, whatever
 * happens. A plain counter, not vi.spyOn: a spy records every call's arguments, millions
 * of them when the code under test is quadratic again.
 */

/** Calls of the methods `names` of `proto` (summed) while `run` runs. */
export function countCalls(proto: object, names: readonly string[], run: () => void): number {
  let calls = 0;
  const saved = names.map((name) => [name, Object.getOwnPropertyDescriptor(proto, name)!] as const);
  for (const [name, own] of saved) {
    const method = own.value as (...args: unknown[]) => unknown;
    Object.defineProperty(proto, name, {
      ...own,
      value(this: unknown, ...args: unknown[]) {
        calls++;
        return method.apply(this, args);
      },
    });
  }
  try {
    run();
  } finally {
    for (const [name, own] of saved) Object.defineProperty(proto, name, own);
  }
  return calls;
}

/**
 * Reads of the getter `name` of `proto` while `run` runs, each weighing `weigh(node, value)`
 * (1 unless told).
 */
export function countReads(
  proto: object,
  name: string,
  run: () => void,
  weigh: (node: Node, value: unknown) => number = () => 1,
): number {
  let total = 0;
  const own = Object.getOwnPropertyDescriptor(proto, name)!;
  Object.defineProperty(proto, name, {
    ...own,
    get(this: Node) {
      const value: unknown = own.get!.call(this);
      total += weigh(this, value);
      return value;
    },
  });
  try {
    run();
  } finally {
    Object.defineProperty(proto, name, own);
  }
  return total;
}
