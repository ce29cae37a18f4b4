/**
 * `content/recognize`: the names in a page walk's text, for the main chunk. The matcher is
 * built once per background lifetime (a service worker's, in Chrome) and runs warm here,
 * outside the page's main thread. The text comes in parts (splitWire), numbered from 0,
 * joined here per sender frame until the last; a walk in one part is never kept.
 */
import matchData from '../generated/content-match.json';
import { shippedRecognizer, type ShippedMatchData } from '../lib/match/shipped';
import { WalkText, WireJoiner, type Recognized, type WalkTextData, type WalkTextWire } from '../lib/match/walk-text';
import type { MessageSender } from '../lib/protocol/sender';

const recognize = shippedRecognizer(matchData as ShippedMatchData);

/** Walks whose last part has not come yet: at most one per frame, this many in all. */
export const MAX_OPEN_WALKS = 32;
/** …holding this many characters in all (the oldest are dropped first). */
export const MAX_OPEN_CHARS = 32_000_000;
/** A walk that has had no part for this long is dropped (ms). */
export const OPEN_WALK_MS = 60_000;
/** The error for a part that does not follow the last one received (the sender starts again). */
export const PART_MISSING = 'a part of this walk is missing: send it again from the start';

interface OpenWalk {
  joiner: WireJoiner;
  next: number;
  chars: number;
  touched: number;
}

const open = new Map<string, OpenWalk>();

export interface WalkPart extends WalkTextWire {
  walk: string;
  part: number;
  last: boolean;
  about: boolean;
}

function answer(text: WalkTextData | string, about: boolean): Recognized {
  if (typeof text === 'string') throw new Error(`not a walk's text: ${text}`);
  warming ??= Promise.resolve(); // a page's walk made the matcher: no warm-up needed
  return recognize(text, { about });
}

/** The warm-up of this background's lifetime (prewarmRecognition), once asked for. */
let warming: Promise<void> | null = null;

/** What prewarmRecognition recognizes: one sentence naming a few of the KB's entities. */
export const WARM_UP_TEXT =
  'President Ahmed al-Sharaa met Vladimir Putin at the Kremlin; Russia keeps the Hmeimim air base in Latakia.';

/**
 * Make the matcher and recognize one sentence, in a task of its own, unless done before in
 * this background's lifetime. Called where a page's walk will follow (its gate said it is
 * about the domain; its main chunk is injected): a service worker is stopped after 30 s
 * idle, and a new one made the matcher and compiled the scanner's code on the first walk,
 * while the reader waited for the marks. Now that runs while the page loads the main chunk
 * and walks.
 */
export function prewarmRecognition(): Promise<void> {
  warming ??= new Promise<void>((done) =>
    setTimeout(() => {
      try {
        const text = new WalkText(true);
        text.addText(WARM_UP_TEXT, 0);
        text.length = WARM_UP_TEXT.length;
        recognize(text.data(), { about: true });
      } catch (error) {
        // Nothing lost: the page's walk makes the matcher (and says what failed) itself.
        console.warn('Glossa: the warm-up of recognition failed:', error);
      }
      done();
    }, 0),
  );
  return warming;
}

/** For tests: the warm-up asked for in this background's lifetime (or a walk made the matcher), else null. */
export const warmUp = (): Promise<void> | null => warming;

function evict(): void {
  let chars = 0;
  for (const w of open.values()) chars += w.chars;
  for (const [key, w] of open) {
    if (open.size <= MAX_OPEN_WALKS && chars <= MAX_OPEN_CHARS) break;
    open.delete(key);
    chars -= w.chars;
  }
}

/** One part of a walk's text; the mentions once the last has come (null before). */
export function recognizeWalkPart(part: WalkPart, sender: MessageSender, now = Date.now()): Recognized | null {
  for (const [key, w] of open) if (now - w.touched > OPEN_WALK_MS) open.delete(key);
  const frame = `${sender.tab?.id}:${sender.frameId ?? 0}:`;
  const key = `${frame}${sender.documentId ?? ''}:${part.walk}`;
  if (part.part === 0) {
    // A walk in one part (a highlighted passage, a short page) is answered at once and
    // replaces nothing: a frame's page walk under way goes on meanwhile.
    if (part.last) return answer(new WireJoiner().finish(part), part.about);
    // A frame has one walk of several parts under way: a new one replaces what it had not finished.
    for (const k of open.keys()) if (k.startsWith(frame)) open.delete(k);
    const joiner = new WireJoiner();
    if (!joiner.add(part)) throw new Error('too much text to recognize');
    open.set(key, { joiner, next: 1, chars: part.joined.length, touched: now });
    evict();
    return null;
  }
  const walk = open.get(key);
  if (!walk || walk.next !== part.part) {
    open.delete(key);
    throw new Error(PART_MISSING);
  }
  if (part.last) {
    open.delete(key);
    return answer(walk.joiner.finish(part), part.about);
  }
  if (!walk.joiner.add(part)) {
    open.delete(key);
    throw new Error('too much text to recognize');
  }
  walk.next++;
  walk.chars += part.joined.length;
  walk.touched = now;
  evict();
  return null;
}
