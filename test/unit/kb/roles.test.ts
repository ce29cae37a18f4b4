/**
 * The catalog's role lines (seeds/entities.yaml): every cite says which words of the role
 * it backs, and every part of a role is backed by some cite. Whether a quote really says
 * what its `supports` claims, and whether analysis is attributed to its outlet, is read
 * by hand; these checks keep the mapping complete.
 */
import { describe, expect, it } from 'vitest';
import { loadSeeds } from '../../../scripts/load-seeds';

const { catalog } = loadSeeds();

/** The parts of a role line: split at semicolons, full stops and colons that end a clause. */
function parts(role: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (const m of role.matchAll(/[;:]\s|\.\s(?=\p{Lu})|\.$/gu)) {
    const end = m.index ?? 0;
    if (end > start) out.push([start, end]);
    start = end + m[0].length;
  }
  if (start < role.length) out.push([start, role.length]);
  return out.filter(([s, e]) => /\p{L}/u.test(role.slice(s, e)));
}

describe('role lines', () => {
  it('give every cite the words of the role it supports', () => {
    const missing = catalog.flatMap((e) => e.cite.filter((c) => !c.supports).map((c) => `${e.id}: "${c.quote}"`));
    expect(missing).toEqual([]);
  });

  it.each(catalog.map((e) => [e.id, e] as const))('%s: every part of the role is backed by a cite', (_id, e) => {
    const spans = e.cite.map((c) => {
      const at = e.role.indexOf(c.supports!);
      return [at, at + c.supports!.length] as const;
    });
    const unbacked = parts(e.role)
      .filter(([s, t]) => !spans.some(([a, b]) => a < t && b > s))
      .map(([s, t]) => e.role.slice(s, t));
    expect(unbacked).toEqual([]);
  });
});
