/**
 * The matcher as shipped (src/generated/content-match.json, from npm run kb), recognizing
 * a walk's text: in the background for web pages (`content/recognize`), in the reader
 * page for itself.
 */
import type { EntityKind } from '../kb/types';
import { sharedMatcher } from './matcher';
import type { PackedMatcherData } from './packed';
import type { PageContext } from './page-rules';
import { recognizeWalk } from './walk-reader';
import { packRecognized, type Recognized, type WalkTextData } from './walk-text';

/** What npm run kb ships for recognition. */
export interface ShippedMatchData {
  version: string;
  kinds: Record<string, EntityKind>;
  /** The matcher compiled at build time (Matcher.toData), its aliases in columns (packed.ts). */
  compiled: PackedMatcherData;
}

/** Recognition of a walk's text with the shipped matcher (made on first use, once). */
export function shippedRecognizer(data: ShippedMatchData): (text: WalkTextData, ctx: PageContext) => Recognized {
  return (text, ctx) =>
    packRecognized(recognizeWalk(sharedMatcher(data.compiled), text, ctx), (id) => data.kinds[id] ?? 'other');
}
