import { describe, expect, it } from 'vitest';

// WXT and Vitest need Node >= 22; the project gets Node 24 from the `node`
// devDependency. A bare `node` on the machine is older and would run silently.
describe('toolchain', () => {
  it('runs on the Node that package.json pins, not the machine default', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });
});
