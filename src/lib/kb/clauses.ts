/**
 * The clauses of a claim: which entities a date belongs to, and which facts a
 * sentence states (a sentence often states two: "a Syrian delegation visited Moscow in
 * July, then Novak visited Damascus in September").
 *
 * A sentence is cut into chunks at commas, semicolons, colons, dashes and quotation
 * marks (never inside an entity name or a date: "July 31, 2025" stays whole), after a
 * speech verb's "that" ("Zaidan admitted in an August interview that | …"), after a verb
 * of hoping or believing that takes a clause without "that" ("Al-Sharaa is hoping |
 * Moscow will …"), and before "because". Each chunk gets a role from its first words:
 * - lead: an adverbial phrase without a verb of its own ("In 2019", "During his visit to
 *   Syria on September 9, 2025", "amid the visit of …") — it dates the clause it opens;
 * - predicate: it starts with a verb or participle ("met Putin in Moscow on Wednesday",
 *   "slated for signing in September", "forcing Assad to flee") — its subject is in an
 *   earlier chunk;
 * - relative ("which …", "who …"), continuation ("during which …", "where …");
 * - aside: a dash-enclosed phrase without a verb ("—more than 700 between December and
 *   April alone—"), which qualifies the chunk before it;
 * - subordinate: "because of …" and other adverbial clauses that carry no actor;
 * - quote: inside quotation marks; dates inside a quotation stay inside it, dates outside
 *   never reach it;
 * - main: anything else (a subject, a noun phrase, a whole clause).
 *
 * A date then goes to (see `attachDates`): the entity named right before "of" ("the
 * Disengagement Agreement of 1974"); otherwise the entities of its chunk, plus the
 * clause a lead phrase opens, plus the subject of a predicate, plus a continuation; with
 * several dates in one chunk, each entity takes the nearest date after it ("the
 * Alawites on the coast in March 2025 and the Druze in Suwayda in July 2025"). A date
 * that is only a reference point ("pre-December 2024 borders") dates nothing. A
 * possessor that only names someone else ("Al-Sharaa’s communications advisor Ahmad
 * Zaidan") is not an actor of the date.
 *
 * Pure; works on offsets into the source text.
 */
import { words } from './sentences';

export interface ClauseMention {
  entityId: string;
  start: number;
  end: number;
}

export interface ClauseDate {
  start: number;
  end: number;
  iso: string;
}

export type ChunkRole =
  'lead' | 'predicate' | 'relative' | 'continuation' | 'apposition' | 'aside' | 'subordinate' | 'quote' | 'main';

export interface Chunk {
  start: number;
  end: number;
  role: ChunkRole;
  /** Opens with a coordinator ("and", "then", "but", "while"). */
  coordinated: boolean;
  /** Follows a semicolon or a colon: a new item or clause. */
  afterBreak: boolean;
  /** Follows a speech verb's "that" or a verb of hoping: what was said or hoped. */
  complement: boolean;
  /** Indices into the mentions and dates given. */
  mentions: number[];
  dates: number[];
}

/** Prepositions and adverbs that open an adverbial lead phrase. */
const LEAD_WORDS = words(`
  in on during after since before back amid following within over by at until from throughout
  upon under despite as for with
  indeed meanwhile moreover furthermore however historically today now then thus therefore
  consequently additionally similarly apparently finally first second actually nevertheless
  previously recently later earlier instead also still yet so
`);

/** Words that open a relative clause. */
const RELATIVE = /^(?:which|who|whose|whom)\b/i;
/** Words that continue the event of the chunk before ("…, during which …", "…, where …"). */
const CONTINUATION = /^(?:during which|in which|at which|where|when)\b/i;
/** Coordinators that open a new clause or predicate. */
const COORDINATOR = /^(?:and|but|then|yet|while|whereas|or)(?:\s+(?:finally|then|also))?\s+/i;
/** A list or example attached to the chunk before ("…, including French President Emmanuel Macron"). */
const APPOSITION = /^(?:including|such as|namely|chiefly|particularly|especially|notably|like)\b/i;
/** Adverbial clauses that carry no actor of their own. */
const SUBORDINATE = /^(?:because|so that|in order to|given that|although|though|unless|whether)\b/i;

/** Auxiliaries and frequent irregular verbs: a finite verb in a chunk. */
const VERBS = words(`
  is are was were be been being has have had will would can could may might must shall should
  did does do met led took made left held fled said saw gave went came won lost sent put
  became began brought kept let ran set told struck
`);

/** Words that start a noun phrase or a non-verbal chunk, never a predicate. */
const NON_VERB_START = words(`
  the a an this that these those his her its their our my your some many most several few all both
  each every no any one two three four five more less much such other another only mainly chiefly
  particularly namely including like unlike roughly about nearly almost even just not
  of to in on at by for from with into onto over under between among against
  it he she they we i you there here who which whose whom what
`);

/** Verbs of saying after which "that" opens what was said. */
const SPEECH_THAT =
  /\b(?:said|says|say|stated|states|declared|declares|admitted|admits|acknowledged|emphasized|emphasised|stressed|reported|reports|wrote|writes|noted|notes|added|adds|claimed|claims|asserted|insisted|warned|announced|argued|confirmed|told\s+\S+|believes|believe|believed|hopes|hoped|fears|feared|thinks|thought|expects|expected|indicating|signaling|suggests|suggesting|underscores|proving)\s+that\b/gi;

/** Verbs of hoping and believing that may take a clause without "that" ("is hoping Moscow will …"). */
const HOPE_BARE =
  /\b(?:is\s+hoping|hopes|hoped|believes|believed|thinks|is\s+betting|is\s+gambling|expects|fears)\s+(?=(?:the\s+)?\p{Lu})/gu;

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

interface Span {
  start: number;
  end: number;
}

/** Quotation spans in text[from, to): curly quotes pair “ with ”; straight ones pair in order. An unclosed one runs to `to`; a close without an open quotes from `from`. */
function quotations(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  let open = -1;
  let mark = '';
  let firstClose = -1;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (open === -1 && (ch === '“' || (ch === '"' && !isWordChar(text[i - 1])))) {
      open = i;
      mark = ch;
    } else if (open !== -1 && ((mark === '“' && ch === '”') || (mark === '"' && ch === '"'))) {
      out.push({ start: open, end: i + 1 });
      open = -1;
    } else if (open === -1 && ch === '”' && out.length === 0 && firstClose === -1) {
      firstClose = i;
    }
  }
  if (firstClose !== -1) out.unshift({ start: from, end: firstClose + 1 });
  if (open !== -1) out.push({ start: open, end: to });
  return out;
}

/**
 * The chunks of text[start, end), the sentence of a claim. `mentions` and `dates` lie in
 * the span; chunks never cut through one of them.
 */
export function chunkSentence(
  text: string,
  start: number,
  end: number,
  mentions: readonly ClauseMention[],
  dates: readonly ClauseDate[],
): Chunk[] {
  const protectedSpans: Span[] = [...mentions, ...dates];
  const isProtected = (i: number) => protectedSpans.some((s) => i > s.start && i < s.end);
  const quotes = quotations(text, start, end);
  const inQuote = (i: number) => quotes.some((q) => i >= q.start && i < q.end);

  // Cut points: [offset where the next chunk starts, kind of break].
  const cuts = new Map<number, 'soft' | 'break' | 'complement' | 'dash'>();
  const cut = (at: number, kind: 'soft' | 'break' | 'complement' | 'dash') => {
    if (at <= start || at >= end) return;
    const prev = cuts.get(at);
    if (prev === 'break' || prev === 'complement') return;
    cuts.set(at, kind);
  };
  for (const q of quotes) {
    cut(q.start, 'soft');
    cut(q.end, 'soft');
  }
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (isProtected(i)) continue;
    if (ch === ',' && !(/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? ''))) cut(i + 1, 'soft');
    else if (ch === ';' || (ch === ':' && !/\d/.test(text[i + 1] ?? ''))) cut(i + 1, inQuote(i) ? 'soft' : 'break');
    else if (ch === '—' || ch === '–' || (ch === '-' && text[i - 1] === ' ' && text[i + 1] === ' ')) {
      cut(i, 'dash');
      cut(i + 1, 'dash');
    }
  }
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(SPEECH_THAT)) {
    const at = start + (m.index ?? 0) + m[0].length;
    if (!inQuote(at) && !isProtected(at)) cut(at, 'complement');
  }
  for (const m of slice.matchAll(HOPE_BARE)) {
    const at = start + (m.index ?? 0) + m[0].length;
    if (!inQuote(at) && !isProtected(at)) cut(at, 'complement');
  }
  for (const m of slice.matchAll(/\s(?=because\b)/g)) {
    const at = start + (m.index ?? 0) + 1;
    if (!inQuote(at)) cut(at, 'soft');
  }

  const points = [...cuts.keys()].sort((a, b) => a - b);
  const bounds = [start, ...points, end];
  const chunks: Chunk[] = [];
  // A break or complement before an empty chunk ("reports that, during …") passes to the next one.
  let carried: 'break' | 'complement' | null = null;
  for (let k = 0; k < bounds.length - 1; k++) {
    let s = bounds[k]!;
    let e = bounds[k + 1]!;
    while (s < e && /[\s,;:—–-]/.test(text[s]!) && !isWordChar(text[s])) s++;
    while (e > s && /[\s,;:—–\-.!?]/.test(text[e - 1]!)) e--;
    const cutKind = cuts.get(bounds[k]!);
    if (e <= s || !/[\p{L}\p{N}]/u.test(text.slice(s, e))) {
      if (cutKind === 'break' || cutKind === 'complement') carried = cutKind;
      continue;
    }
    const kindBefore = carried ?? cutKind;
    carried = null;
    const previousText = text.slice(Math.max(start, bounds[k]! - 2), bounds[k]!);
    const afterDash = kindBefore === 'dash' && /[—–-]/.test(previousText);
    const nextIsDash = cuts.get(bounds[k + 1]!) === 'dash' && /[—–-]/.test(text[bounds[k + 1]!] ?? '');
    chunks.push({
      start: s,
      end: e,
      role: 'main',
      coordinated: false,
      afterBreak: kindBefore === 'break',
      complement: kindBefore === 'complement',
      mentions: mentions.flatMap((m, i) => (m.start >= s && m.end <= e ? [i] : [])),
      dates: dates.flatMap((d, i) => (d.start >= s && d.end <= e ? [i] : [])),
    });
    const chunk = chunks[chunks.length - 1]!;
    // After a single dash, a phrase without a verb of its own is an aside to the end of the
    // sentence ("…—a regime ultimately toppled by forces led by Sharaa, forcing …").
    chunk.role = classify(text, chunk, inQuote(s), afterDash, mentions);
    void nextIsDash;
  }
  return chunks;
}

function firstWords(text: string, chunk: Span): string {
  return text.slice(chunk.start, Math.min(chunk.end, chunk.start + 60)).replace(/^[“"‘(\[]+/, '');
}

/** Whether the chunk holds a finite verb after its first word ("After Israel destroyed …"). */
function hasFiniteVerb(text: string, chunk: Span): boolean {
  const ws = text.slice(chunk.start, chunk.end).split(/\s+/);
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i]!.replace(/[^\p{L}’'-]/gu, '');
    const lower = w.toLowerCase();
    if (VERBS.has(lower)) return true;
    const prev = ws[i - 1]!.replace(/[^\p{L}’'-]/gu, '');
    const next = (ws[i + 1] ?? '').toLowerCase();
    if (/^\p{Ll}+ed$/u.test(w) && next !== 'by' && /^\p{Lu}/u.test(prev) && !/[’']s$/.test(prev)) return true;
  }
  return false;
}

function classify(
  text: string,
  chunk: Chunk,
  quoted: boolean,
  aside: boolean,
  mentions: readonly ClauseMention[],
): ChunkRole {
  if (quoted) return 'quote';
  let head = firstWords(text, chunk);
  const coordinator = COORDINATOR.exec(head);
  if (coordinator) {
    chunk.coordinated = true;
    head = head.slice(coordinator[0].length);
  }
  if (RELATIVE.test(head)) return 'relative';
  if (CONTINUATION.test(head)) return 'continuation';
  if (SUBORDINATE.test(head)) return 'subordinate';
  if (APPOSITION.test(head)) return 'apposition';
  const first = (/^[\p{L}’'-]+/u.exec(head)?.[0] ?? '').toLowerCase();
  const startsWithMention = mentions.some((m) => m.start === chunk.start);
  if (aside && !hasFiniteVerb(text, chunk)) return 'aside';
  if (/^\d/.test(head)) return 'lead';
  if (!startsWithMention && LEAD_WORDS.has(first) && !hasFiniteVerb(text, chunk)) {
    // "In a landmark move", "During the visit …", "amid the visit …", "Back in February".
    return 'lead';
  }
  if (!startsWithMention && /^\p{Ll}/u.test(head) && !NON_VERB_START.has(first) && !LEAD_WORDS.has(first)) {
    // "met Putin …", "slated for signing …", "forcing Assad to flee …", "has continued …".
    if (VERBS.has(first) || /(?:ed|ing|s)$/.test(first) || chunk.coordinated) return 'predicate';
  }
  return 'main';
}

/** Mentions that only possess someone else's name: "Al-Sharaa’s communications advisor Ahmad Muwaffaq Zaidan". */
function possessorsOnly(
  text: string,
  mentions: readonly ClauseMention[],
  isPerson: (id: string) => boolean,
): Set<number> {
  const out = new Set<number>();
  mentions.forEach((m, i) => {
    const after = text.slice(m.end, m.end + 50);
    const poss = /^[’']s\s+((?:\p{Ll}+\s+){1,3})/u.exec(after);
    if (!poss) return;
    const next = mentions.find((n) => n.start === m.end + poss[0].length);
    if (!next || !isPerson(next.entityId)) return;
    if (/\b(?:of|for|to|in|on|with|by|from|against|about)\b/.test(poss[1]!)) return;
    out.add(i);
  });
  return out;
}

export interface DateAttachment {
  /** Index into the dates given. */
  date: number;
  /** Entities the date belongs to, in order of mention, without repeats. */
  entityIds: string[];
}

/**
 * For each date of a sentence, the entities it belongs to (see the module doc). A date
 * that belongs to no named entity gets an empty list.
 */
export function attachDates(
  text: string,
  chunks: readonly Chunk[],
  mentions: readonly ClauseMention[],
  dates: readonly ClauseDate[],
  isPerson: (entityId: string) => boolean = () => false,
): DateAttachment[] {
  const skip = possessorsOnly(text, mentions, isPerson);
  const entitiesOf = (c: Chunk): number[] => c.mentions.filter((i) => !skip.has(i));
  const chunkOfDate = (d: number) => chunks.findIndex((c) => c.dates.includes(d));

  /** The chunk holding the subject of chunk k: back over predicates, leads, relatives, asides and quotes. */
  const subjectOf = (k: number): number[] => {
    // "—a regime ultimately toppled by forces led by Sharaa, forcing Assad to flee": the aside is what the participle continues.
    const before = chunks[k - 1];
    if (before && before.role === 'aside') return entitiesOf(before);
    for (let j = k - 1; j >= 0; j--) {
      const c = chunks[j]!;
      if (c.afterBreak && j < k - 1 && c.role !== 'main') return [];
      if (c.role === 'main' && !c.complement) {
        const own = entitiesOf(c);
        if (own.length > 0 || !chunks[j + 1] || chunks[j + 1]!.role !== 'main') return own;
        continue;
      }
      if (c.role === 'main' && c.complement) return entitiesOf(c);
      if (c.afterBreak) return [];
    }
    return [];
  };

  return dates.map((d, di): DateAttachment => {
    const k = chunkOfDate(di);
    const chunk = chunks[k];
    const before = text.slice(Math.max(0, d.start - 5), d.start);
    if (!chunk || /(?:pre|post|mid)-$/i.test(before)) return { date: di, entityIds: [] };

    // A date that is part of a name ("Syrian-Israeli Disengagement Agreement of 1974") dates that entity only.
    const named = mentions.find((m) => m.start <= d.start && m.end >= d.end);
    if (named) return { date: di, entityIds: [named.entityId] };
    // "the … Agreement of 1974": the year names the agreement.
    const ofName = /\bof\s+$/.exec(text.slice(Math.max(0, d.start - 4), d.start));
    if (ofName) {
      const owner = mentions.findIndex((m) => /^\s*of\s+$/.test(text.slice(m.end, d.start)));
      if (owner !== -1) return { date: di, entityIds: [mentions[owner]!.entityId] };
    }

    const picked: number[] = [];
    const add = (list: number[]) => picked.push(...list);

    // "since coming to power in December 2024 Al-Sharaa …": the date is the subject's.
    const lead = text.slice(chunk.start, d.start);
    if (/^(?:\p{L}+\s+)?(?:since|after|before|upon)\s+\p{L}+ing\b/iu.test(lead)) {
      const subject = entitiesOf(chunk).find((i) => mentions[i]!.start >= d.end);
      if (subject !== undefined) return { date: di, entityIds: [mentions[subject]!.entityId] };
    }

    let own = entitiesOf(chunk);
    if (chunk.dates.length > 1) {
      // Each entity takes the nearest date after it (or the last date, if it comes after all).
      const order = [...chunk.dates].sort((a, b) => dates[a]!.start - dates[b]!.start);
      own = own.filter((i) => {
        const nearest = order.find((x) => dates[x]!.start >= mentions[i]!.end) ?? order[order.length - 1]!;
        return dates[nearest]!.iso === d.iso || nearest === di;
      });
    }
    add(own);
    // A list after the chunk ("…, including French President Emmanuel Macron") shares its date.
    for (let j = k + 1; j < chunks.length && chunks[j]!.role === 'apposition'; j++) add(entitiesOf(chunks[j]!));

    if (chunk.role === 'quote') {
      // Inside a quotation: its own chunks only.
      return { date: di, entityIds: ids(picked) };
    }
    if (chunk.role === 'relative' && own.length === 0) {
      const prev = chunks[k - 1];
      const last = prev ? entitiesOf(prev).at(-1) : undefined;
      if (last !== undefined) add([last]);
    }
    if (chunk.role === 'lead') {
      // The clause it opens: following leads, then the main chunk and its predicates.
      let seenMain = false;
      for (let j = k + 1; j < chunks.length; j++) {
        const c = chunks[j]!;
        if (c.role === 'quote' || c.role === 'relative' || c.role === 'subordinate' || c.afterBreak) break;
        if (c.role === 'main') {
          if (seenMain && !c.complement) break;
          seenMain = true;
        }
        if (c.role === 'lead' && seenMain) break;
        if (c.role === 'aside') continue;
        add(entitiesOf(c));
      }
    }
    if (chunk.role === 'predicate' || (chunk.role === 'main' && chunk.coordinated && own.length === 0)) {
      add(subjectOf(k));
    }
    if (chunk.role === 'aside' && own.length === 0) {
      for (let j = k - 1; j >= 0 && picked.length === 0; j--) {
        if (chunks[j]!.role === 'lead') continue;
        add(entitiesOf(chunks[j]!));
        break;
      }
    }
    if (chunk.role === 'subordinate' && own.length === 0) return { date: di, entityIds: [] };
    // The event goes on in a continuation ("…, during which Bedouin tribes … massacred Druze locals").
    for (let j = k + 1; j < chunks.length && chunks[j]!.role === 'continuation'; j++) add(entitiesOf(chunks[j]!));
    return { date: di, entityIds: ids(picked) };
  });

  function ids(list: number[]): string[] {
    const out: string[] = [];
    for (const i of [...new Set(list)].sort((a, b) => mentions[a]!.start - mentions[b]!.start)) {
      const id = mentions[i]!.entityId;
      if (!out.includes(id)) out.push(id);
    }
    return out;
  }
}

/** A fact unit of a sentence: one clause, with the lead phrases that open it. */
export interface Clause {
  start: number;
  end: number;
  /** Indices into the chunks. */
  chunks: number[];
  quoted: boolean;
}

/**
 * The sentence's clauses: a new clause starts after a semicolon or colon, at a
 * coordinated chunk with its own subject ("…, and a Russian delegation … visited
 * Damascus"), at a relative clause, at what a speech verb introduces, at a quotation and
 * at a dash aside; lead phrases join the clause they open, predicates and continuations
 * the clause they continue.
 */
export function clausesOf(chunks: readonly Chunk[]): Clause[] {
  const out: Clause[] = [];
  let current: number[] = [];
  let pendingLeads: number[] = [];
  const last = () => (current.length > 0 ? chunks[current[current.length - 1]!]! : null);
  const flush = () => {
    if (current.length === 0) return;
    const ids = [...current].sort((a, b) => a - b);
    out.push({
      start: chunks[ids[0]!]!.start,
      end: chunks[ids[ids.length - 1]!]!.end,
      chunks: ids,
      quoted: ids.every((i) => chunks[i]!.role === 'quote'),
    });
    current = [];
  };
  chunks.forEach((c, i) => {
    if (c.role === 'lead') {
      if (c.afterBreak || c.complement) flush();
      // A lead phrase opens the next clause, unless it sits inside one ("Russia, in turn, has …").
      if (current.length === 0 || c.afterBreak || c.complement) pendingLeads.push(i);
      else current.push(i);
      return;
    }
    const prev = last();
    // "the Syrian Kurds, who deny any affiliation with the PKK, have refused to disarm": the
    // predicate after a relative clause belongs to the clause before it.
    if (c.role === 'predicate' && prev?.role === 'relative' && !c.coordinated && out.length > 0) {
      const owner = out[out.length - 1]!;
      flush();
      owner.chunks.push(i);
      owner.end = c.end;
      return;
    }
    const opensClause =
      c.afterBreak ||
      c.complement ||
      c.role === 'relative' ||
      c.role === 'quote' ||
      c.role === 'aside' ||
      (c.role === 'main' && c.coordinated) ||
      (prev !== null && (prev.role === 'quote' || prev.role === 'aside'));
    if (opensClause) flush();
    if (current.length === 0 && pendingLeads.length > 0) {
      if (c.role === 'quote') flush();
      current.push(...pendingLeads);
      pendingLeads = [];
    }
    current.push(i);
  });
  current.push(...pendingLeads);
  flush();
  return out.sort((a, b) => a.start - b.start);
}
