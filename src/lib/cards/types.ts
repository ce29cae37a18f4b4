/**
 * A context card: what the KB says about one entity, shaped for the content script's
 * popover and (later) the popup. Every text on a card is KB text — claim sentences, the
 * role line, names, source metadata — never a sentence composed here.
 */
import type { DatePrecision, EntityKind } from '../kb/types';

/** A source as cards show it: its metadata only, never its text. */
export interface CardSource {
  sourceId: string;
  title: string | null;
  /** What an untitled article is ("A MEMRI report on …"), from the seed's front matter. */
  description: string | null;
  outlet: string | null;
  /** Publication date (ISO, truncated to its precision), null when unknown. */
  date: string | null;
}

export interface CardDate {
  /** The expression as written. */
  text: string;
  iso: string;
  precision: DatePrecision;
}

export interface CardClaim {
  claimId: string;
  /** The claim's display text, verbatim. */
  text: string;
  source: CardSource;
  /** The speaker as written, when the claim reports someone's words. */
  speaker: string | null;
  dates: CardDate[];
  /** Number of OTHER sources reporting the same: the most of any of the claim's corroboration groups. */
  corroboratingSources: number;
}

export interface CardRoleSource {
  /** The cited span's text, verbatim. */
  quote: string;
  claimId: string | null;
  source: CardSource;
}

export interface CardEvent {
  iso: string;
  precision: DatePrecision;
  /** The claim's text. */
  text: string;
  claimId: string;
  source: CardSource;
}

/** One side of a difference as a card shows it: each claim's sentence and source. */
export interface CardDifferenceSide {
  claims: Array<{ claimId: string; text: string; source: CardSource }>;
}

/** Sources that report the same story with facts that contradict each other (KB `Difference`). */
export interface CardDifference {
  id: string;
  sides: [CardDifferenceSide, CardDifferenceSide];
}

export interface CardRelated {
  id: string;
  name: string;
  kind: EntityKind;
  /** Number of claims naming both. */
  weight: number;
}

export interface EntityCard {
  id: string;
  kind: EntityKind;
  name: string;
  role: string;
  roleSources: CardRoleSource[];
  /** Spellings a reader meets (the KB's `Entity.spellings`): not every transliteration variant. */
  otherSpellings: string[];
  /** At most `KEY_CLAIM_LIMIT`, best first (see `build.ts`). */
  keyClaims: CardClaim[];
  /** Claims naming the entity, in the whole KB. */
  totalClaims: number;
  /** Dated claims, one per claim, chronological, none of the key claims; at most `EVENT_LIMIT`. */
  events: CardEvent[];
  /** Where sources differ on a story of this entity; at most `DIFFERENCE_LIMIT`. */
  differences: CardDifference[];
  /** Entities most often named together with this one; at most `RELATED_LIMIT`. */
  related: CardRelated[];
}
