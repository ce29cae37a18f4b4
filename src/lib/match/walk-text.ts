/**
 * The text a page walk read: each text node's data at its walk offset, the block
 * boundaries between them, the walk's length. The walk fills it (src/lib/dom/page-walk.ts);
 * as plain data (`WalkTextData`, in messages `WalkTextWire` parts) it is what the content
 * script sends to the background, which recognizes the names there, warm (`recognizeWalk`
 * in walk-reader.ts, `content/recognize`) — the same scanner over the same pieces in the
 * same order, so the same mentions as a scan during the walk. Only collecting and sending
 * it is here: how the scanner reads it is walk-reader.ts, which the page does not load.
 */
import type { EntityKind } from '../kb/types';
import type { Match } from './types';

/**
 * At most this much text is sent to be recognized (UTF-16 code units, in at most
 * MAX_WALK_PIECES pieces): a message of tens of megabytes, far past any article (the
 * bench's 3 MB page is 3 million). A page beyond it is recognized up to there (cutWalkText).
 */
export const MAX_WALK_CHARS = 16_000_000;
export const MAX_WALK_PIECES = 1_000_000;

/** A walk's text as plain data (structured-clone and JSON safe). */
export interface WalkTextData {
  /** Each text node read, in walk order, and the walk offset it starts at (ascending). */
  texts: string[];
  starts: number[];
  /** Block boundaries, walk offsets in walk order (ascending; one may repeat). */
  breaks: number[];
  /** The walk's length: the text read and the text passed over (scripts, hidden blocks). */
  length: number;
  /** The document says it is in English, or nothing about its language (names.ts). */
  english: boolean;
}

/**
 * The index of the last of `offsets` (ascending walk offsets, repeats allowed) at or before
 * `at`, 0 where none is: in a walk's `starts`, the text containing `at` (where a mark's
 * offsets are in the DOM, PageWalk.position; where the scanner's verification reads,
 * walk-reader.ts); in its `breaks`, the last boundary up to `at`.
 */
export function lastAtOrBefore(offsets: readonly number[], at: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A walk's text as the walk collects it (PageWalk.text): pushed to, then sent (`data`). */
export class WalkText {
  readonly texts: string[] = [];
  readonly starts: number[] = [];
  readonly breaks: number[] = [];
  /** The walk's length: set by the walk at the end of each step (PageWalk.step). */
  length = 0;

  constructor(readonly english: boolean) {}

  addText(data: string, at: number): void {
    this.texts.push(data);
    this.starts.push(at);
  }

  addBreak(at: number): void {
    this.breaks.push(at);
  }

  /** As plain data: the arrays themselves, not copies (send it, do not keep it). */
  data(): WalkTextData {
    return { texts: this.texts, starts: this.starts, breaks: this.breaks, length: this.length, english: this.english };
  }
}

/**
 * A walk's text as it travels in a message (`content/recognize`): the texts joined into
 * one string, with their lengths, in parts of at most PART_CHARS (splitWire). Sending a
 * message costs the page's main thread time in proportion to its size (Chrome serializes
 * it there): a 3 MB page's text in one message was one task of 55–60 ms.
 */
export interface WalkTextWire {
  joined: string;
  lengths: number[];
  starts: number[];
  breaks: number[];
  length: number;
  english: boolean;
}

/** Text per part of a walk's text sent to be recognized: a few milliseconds of a task to send. */
export const PART_CHARS = 200_000;

/**
 * `data` in parts of at most `partChars` each: whole texts, and a longer text cut into
 * pieces (the scanner reads pieces of one text as it reads an inline element's texts:
 * "Sha" + "raa"). Joined again in order (WireJoiner), they are `data`, its long texts in
 * pieces. Each boundary goes with the part of the text after it.
 */
export function splitWire(data: WalkTextData, partChars = PART_CHARS): WalkTextWire[] {
  const parts: WalkTextWire[] = [];
  const { breaks } = data;
  let { texts, starts } = data;
  // Plain loops, no callbacks: this runs cold, once per text node, on every page's walk.
  let long = false;
  for (let i = 0; i < texts.length && !long; i++) long = texts[i]!.length > partChars;
  if (long) {
    const cutTexts: string[] = [];
    const cutStarts: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i]!;
      let k = 0;
      do {
        cutTexts.push(t.slice(k, k + partChars));
        cutStarts.push(starts[i]! + k);
        k += partChars;
      } while (k < t.length);
    }
    texts = cutTexts;
    starts = cutStarts;
  }
  let i = 0;
  let b = 0;
  do {
    let j = i;
    let chars = 0;
    const lengths: number[] = [];
    while (j < texts.length) {
      const n = texts[j]!.length;
      if (j > i && chars + n > partChars) break;
      chars += n;
      lengths.push(n);
      j++;
    }
    const last = j >= texts.length;
    const until = last ? Infinity : starts[j]!;
    const b0 = b;
    while (b < breaks.length && breaks[b]! < until) b++;
    parts.push({
      joined: texts.slice(i, j).join(''),
      lengths,
      starts: starts.slice(i, j),
      breaks: breaks.slice(b0, b),
      length: data.length,
      english: data.english,
    });
    i = j;
  } while (i < texts.length);
  return parts;
}

/** Parts of one walk's text (splitWire), joined back as they arrive; at most MAX_WALK_CHARS. */
export class WireJoiner {
  private readonly joined: string[] = [];
  private readonly lengths: number[] = [];
  private readonly starts: number[] = [];
  private readonly breaks: number[] = [];
  private chars = 0;

  /** Adds a part; false where the parts exceed the limits. */
  add(part: WalkTextWire): boolean {
    this.chars += part.joined.length;
    if (this.chars > MAX_WALK_CHARS || this.lengths.length + part.lengths.length > MAX_WALK_PIECES) return false;
    this.joined.push(part.joined);
    // One at a time, not push(...): a page's hundreds of thousands of numbers as arguments
    // overflow the stack.
    for (const n of part.lengths) this.lengths.push(n);
    for (const n of part.starts) this.starts.push(n);
    for (const n of part.breaks) this.breaks.push(n);
    return true;
  }

  /** The walk's text the parts make with `last`, or why they make none (fromWire). */
  finish(last: WalkTextWire): WalkTextData | string {
    if (!this.add(last)) return `at most ${MAX_WALK_CHARS} characters in ${MAX_WALK_PIECES} texts`;
    return fromWire({
      joined: this.joined.join(''),
      lengths: this.lengths,
      starts: this.starts,
      breaks: this.breaks,
      length: last.length,
      english: last.english,
    });
  }
}

/** The walk's text a message carried, or why it is not one (walkTextProblem, or lengths that do not add up). */
export function fromWire(wire: WalkTextWire): WalkTextData | string {
  const { joined, lengths } = wire;
  if (lengths.length !== wire.starts.length) return 'as many lengths as offsets';
  if (joined.length > MAX_WALK_CHARS) return `at most ${MAX_WALK_CHARS} characters`;
  const texts: string[] = [];
  let at = 0;
  for (const n of lengths) {
    if (!Number.isSafeInteger(n) || n < 0 || at + n > joined.length) return 'lengths that add up to the text';
    texts.push(joined.slice(at, at + n));
    at += n;
  }
  if (at !== joined.length) return 'lengths that add up to the text';
  const data = { texts, starts: wire.starts, breaks: wire.breaks, length: wire.length, english: wire.english };
  return walkTextProblem(data) ?? data;
}

/**
 * Why `data` is not a walk's text as the walk makes it, or null: as many offsets as
 * texts, offsets ascending and inside the length, each text ending before the next
 * starts, boundaries ascending, within the limits. The background checks it before it
 * recognizes (content scripts live on hostile pages).
 */
export function walkTextProblem(data: WalkTextData): string | null {
  const { texts, starts, breaks, length } = data;
  if (texts.length !== starts.length) return 'as many offsets as texts';
  if (texts.length > MAX_WALK_PIECES || breaks.length > MAX_WALK_PIECES) return `at most ${MAX_WALK_PIECES} texts`;
  if (!Number.isSafeInteger(length) || length < 0) return 'a length';
  let chars = 0;
  let end = 0;
  for (let i = 0; i < texts.length; i++) {
    const at = starts[i]!;
    if (!Number.isSafeInteger(at) || at < end) return 'offsets ascending, each text after the last';
    end = at + texts[i]!.length;
    chars += texts[i]!.length;
  }
  if (end > length) return 'texts inside the length';
  if (chars > MAX_WALK_CHARS) return `at most ${MAX_WALK_CHARS} characters`;
  let last = 0;
  for (const b of breaks) {
    if (!Number.isSafeInteger(b) || b < last || b > length) return 'boundaries ascending, inside the length';
    last = b;
  }
  return null;
}

/** `data` cut to the limits (MAX_WALK_CHARS, MAX_WALK_PIECES): its first texts, whole. */
export function cutWalkText(data: WalkTextData): WalkTextData {
  // The texts read are within the walk's length: a walk within both limits is not looked
  // through (a loop over every text, cold, on each call: ~1.3 ms on a 300 KB page).
  if (data.length <= MAX_WALK_CHARS && data.texts.length <= MAX_WALK_PIECES) return data;
  let chars = 0;
  let n = 0;
  while (n < data.texts.length && n < MAX_WALK_PIECES && chars + data.texts[n]!.length <= MAX_WALK_CHARS)
    chars += data.texts[n++]!.length;
  if (n === data.texts.length) return data;
  const length = data.starts[n]!;
  return {
    texts: data.texts.slice(0, n),
    starts: data.starts.slice(0, n),
    breaks: data.breaks.filter((b) => b <= length),
    length,
    english: data.english,
  };
}

/**
 * Recognized mentions as the background answers them: the entities (id and kind) once
 * each, and a flat list of (entity index, start, end) triples in document order.
 */
export interface Recognized {
  ids: string[];
  kinds: EntityKind[];
  at: number[];
}

/** A mention as `Recognized` gives it back. */
export interface RecognizedMention {
  entityId: string;
  kind: EntityKind;
  start: number;
  end: number;
}

/** The mentions of `r`, in page order (the inverse of packRecognized). */
export function mentionsOf(r: Recognized): RecognizedMention[] {
  const out: RecognizedMention[] = [];
  for (let i = 0; i + 2 < r.at.length; i += 3) {
    const e = r.at[i]!;
    const entityId = r.ids[e];
    if (entityId !== undefined)
      out.push({ entityId, kind: r.kinds[e] ?? 'other', start: r.at[i + 1]!, end: r.at[i + 2]! });
  }
  return out;
}

export function packRecognized(found: readonly Match[], kindOf: (id: string) => EntityKind): Recognized {
  const out: Recognized = { ids: [], kinds: [], at: [] };
  const index = new Map<string, number>();
  for (const m of found) {
    let i = index.get(m.entityId);
    if (i === undefined) {
      i = out.ids.length;
      index.set(m.entityId, i);
      out.ids.push(m.entityId);
      out.kinds.push(kindOf(m.entityId));
    }
    out.at.push(i, m.start, m.end);
  }
  return out;
}
