/**
 * `content/recognize`: the names in a page walk's text, for the main chunk. The matcher is
 * built once per background lifetime (a service worker's, in Chrome) and runs warm here,
 * outside the page's main thread.
 */
import matchData from '../generated/content-match.json';
import type { EntityKind } from '../lib/kb/types';
import { sharedMatcher, type PackedMatcherData } from '../lib/match/matcher';
import { packRecognized, recognizeWalk, type Recognized, type WalkTextData } from '../lib/match/walk-text';

const data = matchData as { kinds: Record<string, EntityKind>; compiled: PackedMatcherData };

export function recognizeWalkText(text: WalkTextData, about: boolean): Recognized {
  const found = recognizeWalk(sharedMatcher(data.compiled), text, { about });
  return packRecognized(found, (id) => data.kinds[id] ?? 'other');
}
