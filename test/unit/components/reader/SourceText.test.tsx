import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { paragraphs, SourceText } from '../../../../src/components/reader/SourceText';

const TEXT = 'Heading line\nFirst sentence. Second sentence.\n\nThird one here.';
const claims = [
  { id: 's#0', start: 13, end: 28 },
  { id: 's#1', start: 29, end: 45 },
  { id: 's#2', start: 47, end: 62 },
];

describe('SourceText', () => {
  it('splits on newlines, keeps every character, cuts claims out as spans', () => {
    const ps = paragraphs(TEXT, claims);
    expect(ps.map((p) => p.segments.map((s) => s.text).join(''))).toEqual([
      'Heading line',
      'First sentence. Second sentence.',
      'Third one here.',
    ]);
    expect(ps[1]!.segments).toEqual([
      { text: 'First sentence.', claimId: 's#0', first: true },
      { text: ' ', claimId: null, first: false },
      { text: 'Second sentence.', claimId: 's#1', first: true },
    ]);
  });

  it('a claim across a newline is split into pieces; only the first is the target', () => {
    const ps = paragraphs('One two\nthree four.', [{ id: 'x#0', start: 4, end: 19 }]);
    expect(ps.flatMap((p) => p.segments.filter((s) => s.claimId).map((s) => [s.text, s.first]))).toEqual([
      ['two', true],
      ['three four.', false],
    ]);
  });

  it('highlights the target claim as a focusable mark, as text', () => {
    const { document } = parseHTML('<!doctype html><html><body><div id="r"></div></body></html>');
    const root = document.getElementById('r') as unknown as HTMLElement;
    render(<SourceText text={`${TEXT} <b>x</b>`} claims={claims} targetClaimId="s#1" />, root);
    const mark = root.querySelector('mark[data-testid="target-claim"]')!;
    expect(mark.getAttribute('data-claim-id')).toBe('s#1');
    expect(mark.getAttribute('tabindex')).toBe('-1');
    expect(mark.textContent).toBe('Second sentence.');
    expect(root.querySelectorAll('span.claim-span')).toHaveLength(2);
    expect(root.querySelectorAll('p')).toHaveLength(3);
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('<b>x</b>');
    render(null, root);
  });
});
