/**
 * `content/recognize`: the names in a page walk's text, for the main chunk. The matcher is
 * built once per background lifetime (a service worker's, in Chrome) and runs warm here,
 * outside the page's main thread. The text comes in parts (splitWire), joined here per
 * sender's frame and walk until the last.
 */
import matchData from '../generated/content-match.json';
import { shippedRecognizer, type ShippedMatchData } from '../lib/match/shipped';
import { WireJoiner, type Recognized, type WalkTextWire } from '../lib/match/walk-text';
import type { MessageSender } from '../lib/protocol/sender';

const recognize = shippedRecognizer(matchData as ShippedMatchData);

/** Walks whose last part has not come yet; the oldest is dropped beyond this many. */
export const MAX_OPEN_WALKS = 32;
/** A walk whose last part has not come within this long is dropped (ms). */
export const OPEN_WALK_MS = 60_000;

const open = new Map<string, { joiner: WireJoiner; since: number }>();

export interface WalkPart extends WalkTextWire {
  walk: string;
  last: boolean;
  about: boolean;
}

/** One part of a walk's text; the mentions once the last has come (null before). */
export function recognizeWalkPart(part: WalkPart, sender: MessageSender, now = Date.now()): Recognized | null {
  for (const [key, w] of open) if (now - w.since > OPEN_WALK_MS) open.delete(key);
  const key = `${sender.tab?.id}:${sender.frameId ?? 0}:${sender.documentId ?? ''}:${part.walk}`;
  let walk = open.get(key);
  if (!walk) {
    walk = { joiner: new WireJoiner(), since: now };
    open.set(key, walk);
    if (open.size > MAX_OPEN_WALKS) open.delete(open.keys().next().value!);
  }
  if (!part.last) {
    if (walk.joiner.add(part)) return null;
    open.delete(key);
    throw new Error('too much text to recognize');
  }
  open.delete(key);
  const text = walk.joiner.finish(part);
  if (typeof text === 'string') throw new Error(`not a walk's text: ${text}`);
  return recognize(text, { about: part.about });
}
