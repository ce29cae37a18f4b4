/**
 * The knowledge base (KB) as the build emits it (`src/generated/kb.json`) and as the
 * extension stores it in IndexedDB. Every offset is a UTF-16 code-unit offset into
 * `Source.text`, so `source.text.slice(start, end)` is the original wording.
 */

/** Every entity kind, in display order. */
export const ENTITY_KINDS = ['person', 'organization', 'state', 'place', 'other'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** How precise a normalized date is: "15 October 2025" is a day, "in March" a month. */
export type DatePrecision = 'day' | 'month' | 'year';

export interface Source {
  /** Stable, readable id; the seed file's name without extension. */
  id: string;
  title: string | null;
  /** What the article is, for untitled ones ("A MEMRI report on …"): how a reader can tell it apart. */
  description?: string | null;
  outlet: string | null;
  /** Who republished the copy we have, when it is not the outlet itself. */
  republishedBy: string | null;
  author: string | null;
  /** Publication date (ISO, `YYYY-MM-DD` or shorter per `datePrecision`), null when unknown. */
  date: string | null;
  datePrecision: DatePrecision | null;
  /** Human note on how the date is known ("after 2025-10-15 (unknown exactly)"). */
  dateNote: string | null;
  /** The date relative expressions ("on Wednesday") are resolved against. */
  referenceDate: string;
  genre: string | null;
  /** The article text, verbatim (scrape boilerplate removed), with newline-separated paragraphs. */
  text: string;
}

/** A span of a source that supports a statement. */
export interface Citation {
  sourceId: string;
  start: number;
  end: number;
  /** The claim (sentence) the span lies in, when it lies in one. */
  claimId: string | null;
  /** For a role citation: the words of the role line this quote backs. */
  supports?: string | null;
}

export interface Entity {
  id: string;
  kind: EntityKind;
  name: string;
  /** Every spelling the catalog lists, the canonical name first. */
  aliases: string[];
  /** Short or ambiguous forms that are marked only where the page supports them. */
  weakAliases: string[];
  /** Demonyms, adjectives, languages ("Syrian", "Russians"): linked in the KB, never marked. */
  demonyms?: string[];
  /** One line on who or what this is, every fact of it backed by `roleCitations`. */
  role: string;
  roleCitations: Citation[];
  /**
   * False for an entity the KB knows but pages do not mark: a people named by its
   * demonym ("the Kurds"), an event without a proper name ("the civil war"). Its names are
   * looked for in the seeds only. Absent means true.
   */
  marked?: boolean;
  /** The entity this one stands for when used for a government: Moscow and the Kremlin for Russia. */
  standsFor?: string | null;
  /**
   * The spellings a reader meets, for a card's "Also written": the sources' own spellings
   * and the catalog's other forms, one per spelling skeleton (not every transliteration
   * variant), without short forms of a longer one ("Sharaa" of "Ahmed al-Sharaa").
   */
  spellings?: string[];
}

export interface Mention {
  sourceId: string;
  entityId: string;
  start: number;
  end: number;
  /** The surface form as written. */
  text: string;
}

export interface ClaimDate {
  /** The expression as written ("on Wednesday", "October 15, 2025"). */
  text: string;
  start: number;
  end: number;
  /** Normalized, truncated to its precision: `2025-10-15`, `2025-03`, `2024`. */
  iso: string;
  precision: DatePrecision;
  /** True when resolved against the article's reference date ("last December"). */
  relative: boolean;
}

export interface Speaker {
  /** The speaker as written ("Alexander Novak", "Syria's state media"). */
  name: string;
  entityId: string | null;
  /** `quote`: their words in quotation marks; `report`: reported speech ("X stated that …"). */
  mode: 'quote' | 'report';
}

export interface Claim {
  /** `<sourceId>#<n>`, n counting sentences of the source from 0. */
  id: string;
  sourceId: string;
  /** Span of the whole sentence in `Source.text`. */
  start: number;
  end: number;
  /** Display text: the sentence with footnote markers ("[12]") removed. */
  text: string;
  /** Entities named in the sentence, in order of first mention, without repeats. */
  entityIds: string[];
  speaker: Speaker | null;
  dates: ClaimDate[];
}

/** A dated claim on one entity's timeline. */
export interface TimelineEntry {
  entityId: string;
  claimId: string;
  iso: string;
  precision: DatePrecision;
}

/** Two entities named together; `a < b`. */
export interface Relation {
  a: string;
  b: string;
  /** Number of claims naming both. */
  weight: number;
  claimIds: string[];
}

/** Claims from different sources that report the same event or fact. A claim may be in several. */
export interface CorroborationGroup {
  id: string;
  /** What its members agree on: "2025-10-15 · Vladimir Putin, Ahmed al-Sharaa, Russia · meet, visit". */
  label: string;
  claimIds: string[];
  sourceIds: string[];
}

/** One side of a difference: the claims that say the same, against the other side. */
export interface DifferenceSide {
  claimIds: string[];
  sourceIds: string[];
  /** What this side says, in the build's words ("to russia", "not object"), for its report. */
  says: string;
}

/**
 * Sources that report the same story with facts that contradict each other: a Syrian
 * delegation going to Moscow in early October against a Russian one coming to Damascus.
 */
export interface Difference {
  id: string;
  /** What they differ on: where someone went, a stance, how talks stand, who proposed. */
  facet: 'direction' | 'stance' | 'status' | 'initiative';
  /** A short description, for the build's report. */
  label: string;
  /** Every claim of both sides (indexed in the database). */
  claimIds: string[];
  sides: [DifferenceSide, DifferenceSide];
}

export interface Kb {
  /** Content hash of everything below: changes exactly when the KB changes. */
  version: string;
  sources: Source[];
  entities: Entity[];
  mentions: Mention[];
  claims: Claim[];
  timeline: TimelineEntry[];
  relations: Relation[];
  corroboration: CorroborationGroup[];
  differences: Difference[];
}
