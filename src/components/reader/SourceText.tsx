/**
 * A source article's text as the reader shows it: paragraphs split on newlines, each
 * claim (sentence) a span carrying `data-claim-id`, the target claim a focusable `<mark>`.
 * Text only, never HTML.
 */
import type { Claim } from '../../lib/kb/types';

export interface SourceTextProps {
  text: string;
  /** The source's claims; any order. */
  claims: readonly Pick<Claim, 'id' | 'start' | 'end'>[];
  /** The claim to highlight. */
  targetClaimId: string | null;
}

type Segment = { text: string; claimId: string | null; first: boolean };

interface Paragraph {
  start: number;
  segments: Segment[];
}

/** Paragraphs (non-empty lines) cut into plain text and claim pieces. Exported for tests. */
export function paragraphs(text: string, claims: SourceTextProps['claims']): Paragraph[] {
  const sorted = [...claims]
    .filter((c) => c.start >= 0 && c.end > c.start && c.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Paragraph[] = [];
  const started = new Set<string>();
  let lineStart = 0;
  let k = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    if (text.slice(lineStart, lineEnd).trim().length > 0) {
      const segments: Segment[] = [];
      let at = lineStart;
      while (k < sorted.length && sorted[k]!.end <= lineStart) k++;
      for (let j = k; j < sorted.length && sorted[j]!.start < lineEnd; j++) {
        const c = sorted[j]!;
        const s = Math.max(c.start, at);
        const e = Math.min(c.end, lineEnd);
        if (e <= s) continue; // nested in or overlapping the previous claim: keep the first
        if (s > at) segments.push({ text: text.slice(at, s), claimId: null, first: false });
        segments.push({ text: text.slice(s, e), claimId: c.id, first: !started.has(c.id) });
        started.add(c.id);
        at = e;
      }
      if (at < lineEnd) segments.push({ text: text.slice(at, lineEnd), claimId: null, first: false });
      out.push({ start: lineStart, segments });
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return out;
}

/** A short line without closing punctuation reads as a subheading in the scraped text. */
function looksLikeHeading(p: Paragraph): boolean {
  const line = p.segments
    .map((s) => s.text)
    .join('')
    .trim();
  return line.length < 100 && !/[.!?:;,”"’')\]]$/.test(line);
}

export function SourceText({ text, claims, targetClaimId }: SourceTextProps) {
  return (
    <div class="source-text" data-testid="source-text">
      {paragraphs(text, claims).map((p) => (
        <p key={p.start} class={looksLikeHeading(p) ? 'source-subhead' : undefined}>
          {p.segments.map((s, i) => {
            if (s.claimId === null) return s.text;
            const target = s.claimId === targetClaimId;
            if (target) {
              return (
                <mark
                  key={i}
                  class="claim-span target"
                  data-claim-id={s.claimId}
                  data-target={s.first ? '' : undefined}
                  data-testid={s.first ? 'target-claim' : undefined}
                  tabindex={s.first ? -1 : undefined}
                >
                  {s.text}
                </mark>
              );
            }
            return (
              <span key={i} class="claim-span" data-claim-id={s.claimId}>
                {s.text}
              </span>
            );
          })}
        </p>
      ))}
    </div>
  );
}
