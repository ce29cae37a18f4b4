/**
 * Differences: where sources report the same story with facts that contradict each
 * other, the KB says so rather than grouping them or hiding one.
 *
 * Each clause may carry frames, read from a few shapes of news prose (closed word lists,
 * no guessing):
 * - move: someone went somewhere ("a Syrian military delegation … visited Moscow", "the
 *   visit of a Russian military delegation to Damascus", "fled to Russia"): who travelled
 *   (a delegation, military or not, and who led it; or a person) and where to;
 * - stance: someone's position on someone's doing ("Russia did not object to the
 *   strikes", "Russia has maintained its position of condemning Israeli attacks", "…
 *   is viewed in Tel Aviv as a potential nuisance"): holder, target, topic, for or against
 *   (a negation turns it round);
 * - status: how talks, a deal or a summit stand ("negotiations … stalled", "the potential
 *   failure of the talks", "a security deal … collapsed", "postponed");
 * - initiative: who proposed something ("It has also floated the possibility of …",
 *   "some claimed that it was President Al-Sharaa who proposed this"); "it" and "this"
 *   are read from the sentence before.
 *
 * Two clauses of different sources differ when their frames are about the same thing
 * and disagree: delegations of the same kind in the same month going opposite ways; one
 * holder's stance on the same target and topic, for and against; the same talks stalled
 * and collapsed; the same proposal made by different sides. Such clauses never join a
 * group (corroboration.ts), and each difference lists both sides: the claims of each
 * side's corroboration cluster that say the same as that side.
 */
import { compareStrings } from './claim-ids';
import { compareDates, type FactUnit } from './corroboration';
import { contentWords } from './lexicon';

export interface FrameMention {
  entityId: string;
  /** What the entity stands for (Moscow → russia), for comparing sides. */
  referent: string;
  kind: string;
  /** Offsets into the clause text. */
  start: number;
  end: number;
}

/** The sentence before, for "it" and "this". */
export interface FrameContext {
  /** The first entity of its main clause, as a referent. */
  subject: string | null;
  words: Set<string>;
}

export type Frame =
  | {
      kind: 'move';
      traveller: 'delegation' | 'person';
      military: boolean;
      /** Who led the delegation, or the person travelling. */
      leader: string | null;
      /** Whose delegation or person (a referent), when written. */
      from: string | null;
      /** Where to (a referent). */
      to: string;
    }
  | { kind: 'stance'; holder: string; targets: string[]; topic: string; polarity: 1 | -1; word: string }
  | {
      kind: 'status';
      topic: 'talks' | 'summit';
      about: string[];
      status: 'stalled' | 'collapsed' | 'postponed' | 'held';
      word: string;
    }
  | { kind: 'initiative'; proposer: string; topic: Set<string>; word: string };

export type Facet = 'direction' | 'stance' | 'status' | 'initiative';

const MOVE = /\b(?:visit(?:ed|s|ing)?|trip|arrived|fled|flee|travell?ed|outreach)\b/gi;
const STATE_KINDS = new Set(['state']);

/** Frames of one clause (see the module doc). */
export function framesOf(text: string, mentions: readonly FrameMention[], context: FrameContext | null): Frame[] {
  const frames: Frame[] = [];
  const move = moveFrame(text, mentions);
  if (move) frames.push(move);
  frames.push(...stanceFrames(text, mentions, context));
  const status = statusFrame(text, mentions);
  if (status) frames.push(status);
  const initiative = initiativeFrame(text, mentions, context);
  if (initiative) frames.push(initiative);
  return frames;
}

function mentionAfter(
  mentions: readonly FrameMention[],
  pos: number,
  within: string,
  text: string,
): FrameMention | null {
  for (const m of mentions) {
    if (m.start < pos) continue;
    const between = text.slice(pos, m.start);
    if (new RegExp(within, 'i').test(between)) return m;
  }
  return null;
}

function moveFrame(text: string, mentions: readonly FrameMention[]): Frame | null {
  for (const verb of text.matchAll(MOVE)) {
    const at = (verb.index ?? 0) + verb[0].length;
    // "visited Moscow" / "visit … to Damascus" / "arrived in Russia" / "arrived at the Kremlin".
    const dest =
      mentionAfter(mentions, at, '^\\s*$', text) ??
      mentionAfter(mentions, at, '^(?:[^.;:]{0,90}?)\\b(?:to|in|at)\\s+(?:the\\s+)?$', text);
    if (!dest || dest.kind === 'person' || (dest.kind === 'organization' && dest.referent === dest.entityId)) continue;
    const delegation = /\bdelegation\b/i.exec(text);
    if (delegation) {
      const phraseStart = Math.max(0, delegation.index - 45);
      const phrase = text.slice(phraseStart, delegation.index + 10);
      const military = /\b(?:military|defen[cs]e)\b/i.test(phrase);
      const own = mentions.filter(
        (m) => m.start >= phraseStart && m.end <= delegation.index && STATE_KINDS.has(m.kind),
      );
      const ledBy = /\b(?:led|headed)\s+by\b|\bat\s+the\s+head\s+of\b|\bLed\s+by\b/i.exec(text);
      const leader = mentions.find(
        (m) => m.kind === 'person' && (ledBy ? Math.abs(m.start - ledBy.index) < 80 : false),
      );
      return {
        kind: 'move',
        traveller: 'delegation',
        military,
        leader: leader?.entityId ?? null,
        from: own.at(-1)?.referent ?? null,
        to: dest.referent,
      };
    }
    const person = mentions.find((m) => m.kind === 'person' && m.start < (verb.index ?? 0));
    return {
      kind: 'move',
      traveller: 'person',
      military: false,
      leader: person?.entityId ?? null,
      from: null,
      to: dest.referent,
    };
  }
  return null;
}

const AGAINST =
  /\b(?:condemn(?:s|ed|ing|ation)?|object(?:s|ed|ing)?\s+to|object(?:ed)?\b(?=\s+(?:to|and|\.))|oppos(?:e|es|ed|ing)|reject(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|nuisance|unnecessary)\b/gi;
const FOR = /\b(?:at\s+ease|welcom(?:e|es|ed|ing)|prefer(?:s|red)?)\b/gi;
const NEGATION = /\b(?:not|no|never|unlikely\s+to|n’t|n't|without)\s+(?:\w+\s+){0,1}$/i;

/** What a stance is about: the first topic word after it (or, for "X is viewed … as", before it). */
const TOPICS: Array<[string, RegExp]> = [
  ['military action', /\b(?:strikes?|airstrikes?|attacks?|activity|operations|violations|aggression)\b/i],
  ['annexation', /\bannexation\b/i],
  ["Russia's role", /\b(?:ties|relations|guarantee|presence|bases?|role|partnership|offer|return)\b/i],
];

function topicOf(text: string): string | null {
  let best: { at: number; topic: string } | null = null;
  for (const [topic, re] of TOPICS) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, topic };
  }
  return best?.topic ?? null;
}

function stanceFrames(text: string, mentions: readonly FrameMention[], context: FrameContext | null): Frame[] {
  const out: Frame[] = [];
  const found: Array<{ index: number; word: string; polarity: 1 | -1 }> = [];
  for (const m of text.matchAll(AGAINST)) found.push({ index: m.index ?? 0, word: m[0], polarity: -1 });
  for (const m of text.matchAll(FOR)) found.push({ index: m.index ?? 0, word: m[0], polarity: 1 });
  for (const f of found.sort((a, b) => a.index - b.index)) {
    const before = text.slice(0, f.index);
    const negated = NEGATION.test(before);
    const polarity = (negated ? -f.polarity : f.polarity) as 1 | -1;
    // "X … is (now) viewed in Tel Aviv as … a nuisance": the holder is Tel Aviv, the target X.
    const viewed = /\bviewed\s+(?:in|by)\s+$/i;
    let holder: FrameMention | null = null;
    let targets: FrameMention[];
    let topic: string | null;
    const viewer = mentions.find(
      (m) => viewed.test(text.slice(Math.max(0, m.start - 20), m.start)) && m.start < f.index,
    );
    if (viewer) {
      holder = viewer;
      targets = mentions.filter((m) => m.end <= viewer.start - 1 && m.referent !== viewer.referent);
      topic = topicOf(text.slice(0, viewer.start));
    } else {
      holder = mentions.filter((m) => m.end <= f.index).at(0) ?? null;
      targets = mentions.filter((m) => m.start >= f.index && m.referent !== holder?.referent);
      topic = topicOf(text.slice(f.index));
    }
    const holderRef = holder?.referent ?? (/^\s*(?:it|its)\b/i.test(text) ? (context?.subject ?? null) : null);
    if (!holderRef || targets.length === 0 || !topic) continue;
    out.push({
      kind: 'stance',
      holder: holderRef,
      targets: [...new Set(targets.map((t) => t.referent))],
      topic,
      polarity,
      word: (negated ? 'not ' : '') + f.word.toLowerCase(),
    });
  }
  return out;
}

const STATUS: Array<['stalled' | 'collapsed' | 'postponed' | 'held', RegExp]> = [
  ['stalled', /\b(?:stalled|potential\s+failure|suspended|frozen)\b/i],
  ['collapsed', /\b(?:collapsed|broke\s+down|(?<!potential\s)failure|failed)\b/i],
  ['postponed', /\b(?:postponed|postponement)\b/i],
  ['held', /\b(?:have|has)\s+taken\s+place\b/i],
];

function statusFrame(text: string, mentions: readonly FrameMention[]): Frame | null {
  const topic = /\bsummit\b/i.test(text)
    ? 'summit'
    : /\b(?:talks|negotiations|deal|agreement)\b/i.test(text)
      ? 'talks'
      : null;
  if (!topic) return null;
  for (const [status, re] of STATUS) {
    const m = re.exec(text);
    if (!m) continue;
    return {
      kind: 'status',
      topic,
      about: [...new Set(mentions.map((x) => x.referent))],
      status,
      word: m[0].toLowerCase(),
    };
  }
  return null;
}

const PROPOSE = /\b(?:floated|proposed|suggested|requested)\b/i;

function initiativeFrame(text: string, mentions: readonly FrameMention[], context: FrameContext | null): Frame | null {
  const m = PROPOSE.exec(text);
  if (!m) return null;
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length).replace(/\[\d+\]/g, '');
  // "it was President Al-Sharaa who proposed this" / "Russia proposed …" / "It has also floated …".
  const cleft = /\bit\s+was\s+[^.]*?\bwho\s+$/i.exec(before);
  let proposer: string | null = null;
  if (cleft) proposer = mentions.find((x) => x.start >= cleft.index && x.end <= m.index)?.referent ?? null;
  else {
    const subject = mentions.find((x) => x.end <= m.index);
    if (subject) proposer = subject.referent;
    else if (/^\s*(?:it|they)\b/i.test(before)) proposer = context?.subject ?? null;
  }
  if (!proposer) return null;
  const object = /^\s*(?:this|it|that)\b\W*$/i.test(after)
    ? (context?.words ?? new Set<string>())
    : contentWords(after);
  return { kind: 'initiative', proposer, topic: object, word: m[0].toLowerCase() };
}

/** Words that make two proposals one topic only if rarer than this share of the units. */
const TOPIC_WORD_SHARE = 0.08;

/**
 * How two clauses of different sources conflict, if they do: the facet and what each side
 * says. `wordShare` tells how common a content word is (share of units naming it).
 */
export function conflict(
  a: FactUnit & { frames: readonly Frame[] },
  b: FactUnit & { frames: readonly Frame[] },
  wordShare: (w: string) => number,
): { facet: Facet; a: string; b: string } | null {
  if (a.sourceId === b.sourceId) return null;
  for (const x of a.frames) {
    for (const y of b.frames) {
      if (x.kind === 'move' && y.kind === 'move') {
        const dates = compareDates(a.dates, b.dates);
        if (dates !== 'month' && dates !== 'day') continue;
        if (x.traveller !== 'delegation' || y.traveller !== 'delegation') continue;
        const sameKind = (x.military && y.military) || (x.leader !== null && x.leader === y.leader);
        if (!sameKind || x.to === y.to) continue;
        return { facet: 'direction', a: `to ${x.to}`, b: `to ${y.to}` };
      }
      if (x.kind === 'stance' && y.kind === 'stance') {
        if (x.holder !== y.holder || x.topic !== y.topic || x.polarity === y.polarity) continue;
        if (!x.targets.some((t) => y.targets.includes(t))) continue;
        return { facet: 'stance', a: x.word, b: y.word };
      }
      if (x.kind === 'status' && y.kind === 'status') {
        if (x.topic !== y.topic || !x.about.some((r) => y.about.includes(r))) continue;
        const pair = [x.status, y.status].sort().join(' ');
        if (pair !== 'collapsed stalled') continue;
        return { facet: 'status', a: x.word, b: y.word };
      }
      if (x.kind === 'initiative' && y.kind === 'initiative') {
        if (x.proposer === y.proposer) continue;
        const shared = [...x.topic].filter((w) => y.topic.has(w) && wordShare(w) <= TOPIC_WORD_SHARE);
        if (shared.length < 1) continue;
        return { facet: 'initiative', a: `${x.word} by ${x.proposer}`, b: `${y.word} by ${y.proposer}` };
      }
    }
  }
  return null;
}

/** Whether two clauses' moves go different ways: never the same story, even when nothing else differs. */
export function divergent(a: { frames: readonly Frame[] }, b: { frames: readonly Frame[] }): boolean {
  for (const x of a.frames)
    for (const y of b.frames) {
      if (x.kind !== 'move' || y.kind !== 'move') continue;
      if (x.to !== y.to) return true;
      if (x.leader && y.leader && x.leader !== y.leader) return true;
      if (x.traveller !== y.traveller) return true;
    }
  return false;
}

export interface DifferenceSide {
  claimIds: string[];
  sourceIds: string[];
  /** What this side says, in the build's words ("to russia", "not object"): for the build's report. */
  says: string;
}

export interface DifferenceRecord {
  facet: Facet;
  sides: [DifferenceSide, DifferenceSide];
}

/** Sides and facet of a difference found between two units, widened to their clusters. */
export function differenceSides(
  facet: Facet,
  a: { units: readonly FactUnit[]; says: string },
  b: { units: readonly FactUnit[]; says: string },
): DifferenceRecord {
  const side = (units: readonly FactUnit[], says: string): DifferenceSide => ({
    claimIds: [...new Set(units.map((u) => u.claimId))].sort(compareStrings),
    sourceIds: [...new Set(units.map((u) => u.sourceId))].sort(compareStrings),
    says,
  });
  return { facet, sides: [side(a.units, a.says), side(b.units, b.says)] };
}
