import { describe, expect, it } from 'vitest';
import { reasonOf } from '../../../src/lib/protocol/background-calls';

describe('reasonOf', () => {
  it("keeps a failed call's reason and drops the protocol's prefix", () => {
    expect(reasonOf('"highlights/update" failed: Storage is full.')).toBe('Storage is full.');
    // Only the prefix: quotes and "failed:" later in the reason stay.
    expect(reasonOf('"a" failed: "b" failed: x')).toBe('"b" failed: x');
    expect(reasonOf('No handler for "x"')).toBe('No handler for "x"');
    // The transport's prefix too (the background stopped or was being updated).
    expect(
      reasonOf('"highlights/update": could not reach the background: Receiving end does not exist.'),
    ).toBe('could not reach the background: Receiving end does not exist.');
    expect(reasonOf('"x": something else')).toBe('"x": something else');
  });
});
