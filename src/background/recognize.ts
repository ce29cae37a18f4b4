/**
 * `content/recognize`: the names in a page walk's text, for the main chunk. The matcher is
 * built once per background lifetime (a service worker's, in Chrome) and runs warm here,
 * outside the page's main thread.
 */
import matchData from '../generated/content-match.json';
import { shippedRecognizer, type ShippedMatchData } from '../lib/match/shipped';
import type { Recognized, WalkTextData } from '../lib/match/walk-text';

const recognize = shippedRecognizer(matchData as ShippedMatchData);

export function recognizeWalkText(text: WalkTextData, about: boolean): Recognized {
  return recognize(text, { about });
}
