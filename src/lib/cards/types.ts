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
  /** Number of OTHER sources reporting the same (the claim's KB corroboration groups). */
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
  /** The catalog's aliases minus the name (no generated forms). */
  otherSpellings: string[];
  /** At most `KEY_CLAIM_LIMIT`, best first (see `build.ts`). */
  keyClaims: CardClaim[];
  /** Claims naming the entity, in the whole KB. */
  totalClaims: number;
  /** Dated claims, one per claim, chronological; at most `EVENT_LIMIT`. */
  events: CardEvent[];
  /** Entities most often named together with this one; at most `RELATED_LIMIT`. */
  related: CardRelated[];
}
