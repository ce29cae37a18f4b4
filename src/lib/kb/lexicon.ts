/**
 * The words corroboration compares: what a clause says happened (its predicate, as a
 * family of words that name the same kind of event: "visited" = "arrived" = "trip" =
 * "met"), what it is about (objects: "bases", "oil", "weapons", "summit"), and its other
 * content words, crudely stemmed. The families and objects are a small domain lexicon of
 * news about Syria, Russia and their neighbours; nothing in it names a particular
 * sentence. Pure.
 */
import { words } from './sentences';

/** Function words, and words so common in this domain or in argument that they say nothing about which story a sentence tells. */
const STOP = words(`
  a an the and or but nor of in on at to for from by with as is was were be been being are am has have had
  having it its this that these those which who whom whose while during after before since until into
  onto over under between about against than then there their they them he his him she her we our you your
  i me my not no also even such so if would could should may might will can did does do done more most
  other others some any all both each one two three four five said says say according what when where why
  how very much many few own same just only still yet already again ever never now today here upon within
  without through throughout via per among amid despite toward towards around because though although
  whether either neither however thus therefore moreover furthermore meanwhile indeed instead rather quite
  well let made make makes making get got gets take takes taken become became becomes like unlike regime
  government governments country countries state states side sides relations relationship ties part way ways
  fact issue issues matter matters time times year years month months week weeks day days recent recently
  past previous previously current currently future number numbers level levels several various further
  along whole every another else mr mrs ms dr president presidents minister ministers official officials
  leader leaders people syrian syrians russian russians israeli israelis american americans turkish iranian
  play plays played playing role roles key important importantly major significant significance seek seeks
  seeking sought hope hopes hoping hoped want wants wanted aim aims aimed aiming indicate indicating
  indicates suggest suggests expect expected expects likely unlikely appear appears appeared seem seems
  seemed alone half large largely name named out put puts set serious threat threats pose posed poses
  concern concerns group groups system systems interest interests need needs new former first-ever
  kind sort thing things view views believe believes believed think thinks potential possible possibility
  remain remains remained continue continues continued continuing follow follows followed following
  lead leads position positions experience experienced
`);

/**
 * Families of words that name the same kind of event or state. A clause's predicates
 * are the families its words belong to; two clauses tell one story only if their
 * predicates meet (corroboration.ts).
 */
export const FAMILIES: Record<string, string[]> = {
  encounter: [
    'visit',
    'visits',
    'visited',
    'visiting',
    'trip',
    'trips',
    'journey',
    'arrived',
    'arrive',
    'arrives',
    'arrival',
    'met',
    'meet',
    'meets',
    'meeting',
    'meetings',
    'counterpart',
    'travelled',
    'traveled',
  ],
  accompany: ['accompanied', 'accompany', 'accompanying', 'along'],
  welcome: ['welcome', 'welcomed', 'red-carpet', 'carpet'],
  negotiate: [
    'talks',
    'negotiations',
    'negotiation',
    'negotiate',
    'negotiating',
    'deal',
    'agreement',
    'broker',
    'brokered',
  ],
  postpone: ['postponed', 'postponement', 'postpone', 'delayed', 'cancelled', 'canceled'],
  discuss: ['agenda', 'discuss', 'discussed', 'discussion', 'discussions', 'topics', 'topic'],
  keep: [
    'maintain',
    'maintaining',
    'maintained',
    'preserve',
    'preserving',
    'preserved',
    'safeguard',
    'retain',
    'keep',
    'keeping',
    'kept',
    'protecting',
    'honor',
    'honour',
  ],
  allow: ['allowed', 'allow', 'allowing', 'permission', 'permitted', 'permit'],
  supply: [
    'supply',
    'supplying',
    'supplied',
    'supplies',
    'deliver',
    'delivering',
    'delivered',
    'provide',
    'provided',
    'providing',
    'receive',
    'received',
    'obtain',
    'purchase',
    'purchasing',
    'purchased',
    'acquire',
    'acquires',
    'buy',
    'rely',
    'print',
  ],
  flee: ['fled', 'flee', 'escaped', 'escape'],
  asylum: ['asylum', 'hosting', 'host', 'hosts', 'extradite', 'extradition'],
  takeover: ['overthrew', 'overthrown', 'overthrow', 'toppled', 'liberation', 'takeover'],
  intervene: ['intervened', 'intervene', 'intervention', 'interventions'],
  back: ['backed', 'backing', 'back', 'ally', 'allies', 'partner', 'procurer', 'shielded', 'defended'],
  fight: ['fighting', 'fight', 'fought', 'target'],
  lead: ['led', 'leader', 'leading'],
  destroy: ['destroyed', 'destroying', 'destruction', 'destroy'],
  strike: [
    'strikes',
    'strike',
    'airstrikes',
    'airstrike',
    'attacks',
    'attack',
    'attacked',
    'targeted',
    'struck',
    'bombardments',
    'operations',
    'activity',
  ],
  mediate: ['mediate', 'mediator', 'mediating', 'mediation', 'mediated'],
  protect: ['buffer', 'safety', 'deter', 'defend', 'curbing', 'curb', 'restrain', 'barrier', 'countering'],
  integrate: ['integrate', 'integration', 'integrating', 'disarm', 'autonomy', 'autonomous', 'resisted'],
  oppose: ['oppose', 'opposes', 'opposed', 'opponents', 'opponent', 'separation', 'secession'],
  violence: ['violence', 'massacre', 'massacres', 'massacred', 'atrocities', 'clashes'],
  veto: ['veto', 'vetoes', 'vetoed'],
  deconflict: ['deconfliction', 'communication', 'contact', 'touch'],
  occupy: [
    'occupied',
    'occupy',
    'positions',
    'deployed',
    'advances',
    'captured',
    'territories',
    'withdrawal',
    'withdraw',
    'retreat',
  ],
  balance: ['balance', 'balancing', 'counterbalance', 'balanced', 'friendships'],
  resent: ['resentment', 'criticism', 'critics', 'remember', 'memory', 'enemy'],
  fund: ['fund', 'funding', 'aid'],
  embargo: ['embargo', 'unwilling'],
  impose: ['reimpose', 'impose', 'imposing'],
  lift: ['repeal', 'repealing', 'lifting', 'lift', 'easing', 'relief', 'remove', 'removing'],
  condemn: ['condemn', 'condemning', 'condemned', 'condemnation', 'object', 'objected'],
};

/** Things a story is about; two clauses with the same predicate must also share what it is about. */
export const OBJECTS: Record<string, string[]> = {
  base: [
    'base',
    'bases',
    'airbase',
    'airbases',
    'facilities',
    'port',
    'ports',
    'basing',
    'naval',
    'presence',
    'stationed',
  ],
  access: ['access', 'warmwater'],
  oil: ['oil', 'crude', 'barrels', 'energy'],
  wheat: ['wheat'],
  weapons: ['weapons', 'weapon', 'arms', 'arming', 'equipment', 'drones', 'tanks', 'jets'],
  capability: ['capabilities', 'capability', 'infrastructure', 'infrastructures'],
  summit: ['summit'],
  delegation: ['delegation', 'delegations'],
  military: ['military', 'defense', 'defence'],
  currency: ['currency'],
  designation: ['designations', 'designation'],
  agreements: ['agreements'],
  status: ['status'],
  first: ['first', 'unprecedented'],
  permanent: ['permanent'],
  south: ['southern', 'south', 'border', 'borders'],
  west: ['west', 'western'],
  reconstruction: ['reconstruction'],
  coast: ['coast', 'coastal'],
  affairs: ['regional', 'international', 'bilateral'],
};

/**
 * Families specific enough that sharing one is itself something in common ("both report
 * a veto"), unlike "supply" or "strike", which say little without what was supplied or
 * struck.
 */
export const SPECIFIC_FAMILIES = new Set([
  'postpone',
  'allow',
  'flee',
  'asylum',
  'takeover',
  'intervene',
  'veto',
  'welcome',
  'deconflict',
  'integrate',
  'oppose',
  'violence',
  'destroy',
  'embargo',
  'balance',
  'resent',
  'fund',
  'accompany',
  'discuss',
  'occupy',
]);

/**
 * Families that change what a clause reports: "allowed Russia to keep its bases" is not
 * "Russia wants to keep its bases", "postponed" is not "held". A clause with one of
 * these and a clause without it report different facts.
 */
export const DISTINCT_FAMILIES = new Set(['allow', 'postpone', 'embargo']);

/** Phrases that name a family in several words. */
const PHRASES: Array<[RegExp, string]> = [
  [/(?:ris(?:e|ing)|com(?:e|ing)|came|rose)\s+to\s+power/gi, ' takeover '],
  [/(?:tak(?:e|ing)|took)\s+office/gi, ' takeover '],
  [/(?:power|coal)\s+plants?/gi, ' plants '],
  [/red-carpet/gi, ' welcome '],
];

const FAMILY_OF = new Map<string, string[]>();
for (const [family, ws] of Object.entries(FAMILIES))
  for (const w of ws) FAMILY_OF.set(w, [...(FAMILY_OF.get(w) ?? []), family]);
const OBJECT_OF = new Map<string, string>();
for (const [object, ws] of Object.entries(OBJECTS)) for (const w of ws) OBJECT_OF.set(w, object);

/** Time phrases that only date a clause ("since Assad’s fall", "following the fall of the Assad regime"): not what happened. */
const TIME_PHRASE =
  /\b(?:[Ss]ince|[Aa]fter|[Ff]ollowing|[Bb]efore|[Uu]ntil)\s+(?:the\s+)?(?:[\p{Lu}][\p{L}’'-]*\s+)*(?:[\p{L}’'-]+[’']s\s+)?(?:fall|collapse|downfall|advent|takeover|rise|liberation)\b(?:\s+of\s+(?:the\s+)?(?:[\p{Lu}][\p{L}’'-]*|al-[\p{L}’'-]+)(?:\s+(?:[\p{Lu}][\p{L}’'-]*|regime|government))*)?/gu;

/** A crude English stem: enough to fold "mediating"/"mediation", not a linguist's stemmer. */
function stem(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(?:ations?|ings?|ements?|ments?|ness|edly|ed|es|s|ly)$/u, '').slice(0, 7);
}

export interface ClauseWords {
  /** Predicate families (FAMILIES). */
  predicates: Set<string>;
  /** Objects (OBJECTS). */
  objects: Set<string>;
  /** Other content words, stemmed. */
  words: Set<string>;
}

/**
 * The comparable words of a text: lower case, possessives and footnote markers removed,
 * time phrases that only date it left out, stop words out. Capitalized words are left
 * out: names are compared as entities, months as dates.
 */
export function clauseWords(text: string): ClauseWords {
  const out: ClauseWords = { predicates: new Set(), objects: new Set(), words: new Set() };
  let cleaned = text.replace(/\[\d+\]/g, ' ').replace(TIME_PHRASE, ' ');
  for (const [re, to] of PHRASES) cleaned = cleaned.replace(re, to);
  for (const raw of cleaned.match(/[\p{L}][\p{L}’'-]*/gu) ?? []) {
    const w = raw.replace(/[’']s$/u, '').replace(/[’']$/u, '');
    if (w !== w.toLowerCase()) continue;
    for (const part of w.includes('-') && (FAMILY_OF.has(w) || OBJECT_OF.has(w)) ? [w] : w.split('-')) {
      if (part.length < 3) continue;
      const families = FAMILY_OF.get(part);
      const object = OBJECT_OF.get(part);
      if (families) for (const f of families) out.predicates.add(f);
      if (object) out.objects.add(object);
      if (!families && !object && !STOP.has(part)) out.words.add(stem(part));
    }
  }
  return out;
}

/** [start, end) of the time phrases in a text ("since Assad’s fall"): what they name dates the clause, it does not act in it. */
export function timePhrases(text: string): Array<[number, number]> {
  return [...text.matchAll(TIME_PHRASE)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
}

/** All comparable words of a text as one set (predicates and objects by their family name). */
export function contentWords(text: string): Set<string> {
  const w = clauseWords(text);
  return new Set([...w.predicates, ...w.objects, ...w.words]);
}
