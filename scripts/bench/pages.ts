/**
 * Deterministic bench pages: news-style articles about Syria and Russia of a given
 * amount of visible text, and an unrelated page (cooking and sports prose with
 * confusable words). Everything comes from a seeded PRNG, so a run is comparable
 * with the last one.
 */
import matchData from '../../src/generated/match-data.json';
import { prng } from './prng';

export interface BenchPage {
  name: string;
  html: string;
  /** Visible characters the generator wrote (text outside script/style/head). */
  visibleChars: number;
  /** Entity mentions the generator planted (the page's "truth", roughly). */
  planted: number;
  /** Planted mentions split across an inline element ("Suwayda <strong>Governorate</strong>"). */
  plantedSplit: number;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Ordinary news prose. Lowercase words dominate, as in real text; "us" is there on purpose.
const NEWS_WORDS = (
  'the the the the of of of to to to and and and a a a in in in that that for for on on is was was said said ' +
  'with with as as by by at at from from it it its be be has has have have had had were were are are not not this this ' +
  'but but after after will will would would which which their their they they who who also also been been more more ' +
  'government officials forces military security talks agreement ministry minister president troops base bases ' +
  'ceasefire negotiations delegation sanctions reconstruction region border province city villages residents ' +
  'fighters militia opposition rebels regime transition election council committee statement spokesman sources ' +
  'according analysts diplomats week month year years day days late early last first new former interim current ' +
  'political economic humanitarian international regional local national foreign defense energy oil gas wheat ' +
  'prices contracts ports naval air strike strikes drone drones attack attacks clashes control withdrawal presence ' +
  'meeting meetings visit visited announced reported told us we our people country countries state relations ' +
  'cooperation support aid supplies investment debt loans deal deals plan plans proposal future role influence ' +
  'pressure demands conditions guarantees return refugees prisoners detainees families victims bodies evidence ' +
  'investigation report reports documents records archive archives video images satellite footage footage ' +
  'between during while since before under over against into about than there those these such other many several ' +
  'some most much only even still however because though although whether could should might may must can ' +
  'turkey us china jordan washington congress homs'
).split(/\s+/);

const CONNECTORS = ['said', 'told reporters', 'added', 'according to', 'met with', 'warned', 'criticized', 'welcomed'];

// Spellings news uses besides the catalog's own (transliteration, diacritics, case, possessives).
const EXTRA_SPELLINGS: Record<string, string[]> = {
  'ahmed-al-sharaa': ['Al-Sharaa', 'al Sharaa', 'Shara’a', 'al-Shara’a', 'AL-SHARAA', 'Ahmad al-Sharaa'],
  'asaad-al-shaibani': ['ash-Shaibani', 'Asaad al-Shaybani', 'Shaybani'],
  'bashar-al-assad': ['Bashar al-Asad', 'al-Asad', 'ASSAD'],
  'hmeimim-air-base': ['Khmeymim', 'Hmeimim air base', 'Humaymim'],
  latakia: ['Lattaquié', 'Ladhiqiyah'],
  tartus: ['Tartous', 'Tartūs'],
  'recep-tayyip-erdogan': ['Erdoğan', 'Recep Tayyip Erdoğan'],
  turkey: ['Türkiye', 'TURKEY'],
  'sergey-lavrov': ['Sergei Lavrov', 'Lavrov’s'],
  'volodymyr-zelensky': ['Zelenskiy', 'Volodymyr Zelenskyy'],
  syria: ['SYRIA', 'Syria’s', 'Syrians'],
  russia: ['RUSSIA', 'Russia’s', 'Russians'],
  'vladimir-putin': ['Putin’s', 'PUTIN'],
  'united-states': ['U.S.', 'US', 'Washington’s'],
  'hayat-tahrir-al-sham': ['Hayat Tahrir al-Sham', 'Hay’at Tahrir al-Sham'],
  suwayda: ['Sweida', 'As-Suwayda', 'Suwayda'],
  idlib: ['Idleb'],
  qamishli: ['Qamishlo'],
  daraa: ['Deraa', 'Dar’a'],
};

// How often an entity comes up in this kind of news (others weigh 1).
const PROMINENCE: Record<string, number> = {
  syria: 14,
  russia: 14,
  'ahmed-al-sharaa': 8,
  'bashar-al-assad': 8,
  'vladimir-putin': 6,
  damascus: 8,
  moscow: 6,
  kremlin: 4,
  'united-states': 6,
  turkey: 4,
  israel: 4,
  'hmeimim-air-base': 5,
  tartus: 5,
  'hayat-tahrir-al-sham': 3,
  'sergey-lavrov': 3,
  'asaad-al-shaibani': 3,
  latakia: 3,
  'united-nations': 3,
  iran: 3,
  suwayda: 2,
  'syrian-democratic-forces': 2,
};

interface Spelling {
  entityId: string;
  text: string;
}

function stripGloss(s: string): string {
  return s.replace(/\s*\([^)]*\)/g, '').trim();
}

function buildSpellings(): { pick: (r: () => number) => Spelling } {
  const pool: Spelling[] = [];
  const ids = new Set<string>();
  for (const e of matchData.entities) {
    ids.add(e.id);
    const w = PROMINENCE[e.id] ?? 1;
    const forms = [...new Set([e.name, ...e.aliases].map(stripGloss))];
    const extra = EXTRA_SPELLINGS[e.id] ?? [];
    for (let k = 0; k < w; k++) {
      // The canonical name and the shortest form are the most common; every form shows up.
      const shortest = forms.reduce((a, b) => (b.length < a.length ? b : a));
      pool.push({ entityId: e.id, text: forms[0]! }, { entityId: e.id, text: shortest });
      for (const f of forms) pool.push({ entityId: e.id, text: f });
      for (const f of extra) pool.push({ entityId: e.id, text: f });
    }
  }
  for (const id of [...Object.keys(PROMINENCE), ...Object.keys(EXTRA_SPELLINGS)]) {
    if (!ids.has(id)) throw new Error(`bench pages: no entity "${id}" in match-data.json (catalog changed?)`);
  }
  return { pick: (r) => pool[Math.floor(r() * pool.length)]! };
}

const SPELLINGS = buildSpellings();

function choice<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Builds HTML while counting visible characters and planted mentions. */
class Writer {
  html: string[] = [];
  visible = 0;
  planted = 0;
  split = 0;
  text(s: string): void {
    this.html.push(esc(s));
    this.visible += s.length;
  }
  raw(s: string): void {
    this.html.push(s);
  }
  /** Opening and closing tags around visible text. */
  el(tag: string, inner: () => void, attrs = ''): void {
    this.raw(`<${tag}${attrs ? ' ' + attrs : ''}>`);
    inner();
    this.raw(`</${tag}>`);
  }
  /** A newline between blocks: a text node the walk reads, as on real pages. */
  nl(): void {
    this.html.push('\n');
    this.visible += 1;
  }
}

/** One sentence of news prose with roughly `mentionRate` mentions per character. */
function sentence(w: Writer, r: () => number, mentionRate: number): void {
  const words = 8 + Math.floor(r() * 18);
  const approxLen = words * 6;
  let mentions = 0;
  const expect = approxLen * mentionRate;
  mentions = Math.floor(expect) + (r() < expect - Math.floor(expect) ? 1 : 0);
  const slots = new Set<number>();
  for (let k = 0; k < mentions; k++) slots.add(Math.floor(r() * words));
  for (let i = 0; i < words; i++) {
    const sep = i === 0 ? '' : r() < 0.08 ? ', ' : ' ';
    if (sep) w.text(sep);
    if (slots.has(i)) {
      mention(w, r);
      if (r() < 0.3) w.text(' ' + choice(r, CONNECTORS));
      continue;
    }
    let word = choice(r, NEWS_WORDS);
    if (r() < 0.04) word = String(Math.floor(r() * 3000));
    if (i === 0) word = capitalize(word);
    const inline = r();
    if (inline < 0.015) w.el('a', () => w.text(word), 'href="#story"');
    else if (inline < 0.02) w.el('em', () => w.text(word));
    else w.text(word);
  }
  w.text(r() < 0.1 ? '?' : '.');
}

function mention(w: Writer, r: () => number): void {
  const s = SPELLINGS.pick(r);
  w.planted++;
  const words = s.text.split(' ');
  const how = r();
  if (words.length > 1 && how < 0.03) {
    // ~1.5% of all mentions (half the multi-word ones drawn here) cross an inline element.
    w.split++;
    w.text(words.slice(0, -1).join(' ') + ' ');
    w.el('strong', () => w.text(words[words.length - 1]!));
  } else if (how < 0.12) {
    w.el('a', () => w.text(s.text), `href="/topic/${s.entityId}"`);
  } else if (how < 0.15) {
    w.el('strong', () => w.text(s.text));
  } else {
    w.text(s.text);
  }
}

function paragraph(w: Writer, r: () => number, mentionRate: number, chars: number): void {
  w.el('p', () => {
    const start = w.visible;
    let first = true;
    while (w.visible - start < chars) {
      if (!first) w.text(' ');
      first = false;
      if (r() < 0.12) {
        w.text('“');
        sentence(w, r, mentionRate);
        w.text('”');
      } else sentence(w, r, mentionRate);
    }
  });
  w.nl();
}

const NAV = ['World', 'Middle East', 'Europe', 'Politics', 'Business', 'Opinion', 'Video', 'Podcasts', 'Newsletters'];

function scriptBlob(r: () => number, size: number): string {
  // Analytics/ad config and serialized state, mentioning names the walk must not read.
  const parts: string[] = [];
  let n = 0;
  while (n < size) {
    const s = SPELLINGS.pick(r);
    const piece = `{"id":${Math.floor(r() * 1e6)},"tag":${JSON.stringify(s.text)},"slot":"ad-${Math.floor(r() * 99)}","w":${Math.floor(r() * 900)}},`;
    parts.push(piece);
    n += piece.length;
  }
  return `window.__state=[${parts.join('')}null];`;
}

const STYLE = `
body{font:18px/1.6 Georgia,serif;margin:0;color:#222}header nav ul{display:flex;gap:1em;list-style:none;margin:0;padding:.5em 1em;background:#eee}
main{max-width:720px;margin:0 auto;padding:0 1em}article h2{font-size:1.3em;margin-top:2em}aside{border-left:3px solid #ccc;padding-left:1em;color:#555}
figure{margin:1em 0}figcaption{font-size:.85em;color:#666}blockquote{font-style:italic;margin:1em 2em}footer{padding:2em;background:#f4f4f4;font-size:.9em}
.byline{color:#666;font-size:.9em}.ad{height:90px;background:#fafafa}`;

function newsSection(w: Writer, r: () => number, mentionRate: number, idx: number): void {
  w.raw(`<section class="entry" id="entry-${idx}">`);
  w.el('h2', () => sentence(w, r, mentionRate * 2));
  w.nl();
  w.el(
    'p',
    () => w.text(`Updated ${1 + (idx % 28)} November 2026, ${10 + (idx % 12)}:${10 + (idx % 50)} GMT`),
    'class="byline"',
  );
  w.nl();
  const paras = 3 + Math.floor(r() * 4);
  for (let i = 0; i < paras; i++) paragraph(w, r, mentionRate, 300 + Math.floor(r() * 500));
  const extra = r();
  if (extra < 0.25) {
    w.el('ul', () => {
      for (let i = 0; i < 3 + Math.floor(r() * 3); i++) w.el('li', () => sentence(w, r, mentionRate));
    });
    w.nl();
  } else if (extra < 0.4) {
    w.el('blockquote', () => sentence(w, r, mentionRate));
    w.nl();
  } else if (extra < 0.55) {
    w.el('figure', () => {
      w.raw('<div class="img" role="img" style="height:120px;background:#ddd"></div>');
      w.el('figcaption', () => sentence(w, r, mentionRate));
    });
    w.nl();
  } else if (extra < 0.65) {
    w.el('aside', () => {
      w.el('h3', () => w.text('Related'));
      w.el('ul', () => {
        for (let i = 0; i < 3; i++) w.el('li', () => w.el('a', () => sentence(w, r, mentionRate * 2), 'href="#rel"'));
      });
    });
    w.nl();
  }
  if (r() < 0.2)
    w.raw(`<script>${scriptBlob(r, 400)}</script><noscript>Enable JavaScript for Syria coverage.</noscript>`);
  w.raw('</section>\n');
}

/** A news page with about `targetChars` of visible text, 1 mention per ~150 characters. */
export function newsPage(name: string, targetChars: number, seed: number): BenchPage {
  const r = prng(seed);
  const w = new Writer();
  const rate = 1 / 150;
  w.raw('<!doctype html><html lang="en"><head><meta charset="utf-8">');
  w.raw('<title>Russia and Syria negotiate over Hmeimim and Tartus bases as Sharaa visits Moscow</title>');
  w.raw(
    '<meta name="description" content="Syria’s interim president Ahmed al-Sharaa met Vladimir Putin in the Kremlin.">',
  );
  w.raw(`<style>${STYLE}</style><script>${scriptBlob(r, 4000)}</script></head>\n<body>\n`);
  w.raw('<header>');
  w.el('nav', () =>
    w.el('ul', () => {
      for (const n of NAV) w.el('li', () => w.el('a', () => w.text(n), 'href="#"'));
    }),
  );
  w.raw('</header>\n<main><article>\n');
  w.el('h1', () => w.text('Russia and Syria negotiate over Hmeimim and Tartus bases as Sharaa visits Moscow'));
  w.nl();
  w.el(
    'p',
    () => {
      w.text('By ');
      w.el('a', () => w.text('Staff Reporter'), 'href="#author"');
      w.text(' · ');
      w.el('time', () => w.text('22 November 2026'));
    },
    'class="byline"',
  );
  w.nl();
  let idx = 0;
  while (w.visible < targetChars - 200) {
    newsSection(w, r, rate, idx++);
    if (idx % 5 === 0) w.raw(`<div class="ad"><script>${scriptBlob(r, 300)}</script></div>\n`);
  }
  w.raw('</article></main>\n');
  w.el('footer', () => {
    w.el('p', () => w.text('© 2026 The Daily Example. All rights reserved. Terms · Privacy · Contact'));
  });
  w.raw(`\n<script>${scriptBlob(r, 6000)}</script>\n</body></html>`);
  return { name, html: w.html.join(''), visibleChars: w.visible, planted: w.planted, plantedSplit: w.split };
}

// Unrelated prose with words that a careless matcher would take for entities.
const OTHER_WORDS = (
  'the the the of of and and a a to to in in with with for for is is was it it you you your we us us our ' +
  'turkey turkey roast roasting oven minutes degrees salt pepper butter garlic onion stock gravy stuffing sage ' +
  'thyme carve rest baste pan tray dish recipe serve serves guests table dinner holiday sauce cranberry potatoes ' +
  'china plates bowls cup cups spoon whisk flour sugar eggs milk cream bake baking dough crust pie apple pumpkin ' +
  'game season team coach players player points rebounds assists quarter half court field goal goals league ' +
  'playoffs win won lost score scored defense offense shot shots minutes fans stadium arena trade contract ' +
  'homs homes jordan washington congress senate house union soviet golan novak jamal saddam'
).split(/\s+/);
/** The look-alikes above and in OTHER_NAMES: left out of the plain unrelated page. */
const LOOKALIKES = new Set(['homs', 'soviet', 'golan', 'novak', 'jamal', 'saddam', 'Novak Djokovic', 'Jamal Murray']);

const OTHER_NAMES = [
  'Jordan',
  'Michael Jordan',
  'Novak Djokovic',
  'Washington Wizards',
  'Jamal Murray',
  'Chef Ramsay',
  'Julia Child',
  'Boston',
  'Chicago',
  'Thanksgiving',
  'Turkey Trot',
  'US Open',
  'Golden State',
];

function otherSentence(w: Writer, r: () => number, names = OTHER_NAMES, words_ = OTHER_WORDS): void {
  const words = 8 + Math.floor(r() * 16);
  for (let i = 0; i < words; i++) {
    if (i > 0) w.text(r() < 0.07 ? ', ' : ' ');
    if (r() < 0.05) {
      w.text(choice(r, names));
      continue;
    }
    const word = choice(r, words_);
    w.text(i === 0 ? capitalize(word) : word);
  }
  w.text('.');
}

/**
 * Cooking and sports prose, ~targetChars visible: the relevance gate must stay dormant.
 * With `lookalikes` (the default) it also holds words a careless matcher would take for
 * the KB's names ("Novak Djokovic", "soviet", "Golan"), so the loader cannot stay quiet
 * and the whole gate runs; without, it is the plain unrelated page most readers open.
 */
export function unrelatedPage(name: string, targetChars: number, seed: number, lookalikes = true): BenchPage {
  const names = lookalikes ? OTHER_NAMES : OTHER_NAMES.filter((n) => !LOOKALIKES.has(n));
  const words = lookalikes ? OTHER_WORDS : OTHER_WORDS.filter((n) => !LOOKALIKES.has(n));
  const sentence = (w: Writer, r: () => number) => otherSentence(w, r, names, words);
  const r = prng(seed);
  const w = new Writer();
  w.raw('<!doctype html><html lang="en"><head><meta charset="utf-8">');
  w.raw('<title>How to roast a turkey, and Jordan’s comeback season</title>');
  w.raw('<meta name="description" content="A holiday turkey recipe for us all, plus the weekend in basketball.">');
  w.raw(
    `<style>${STYLE}</style><script>window.__cfg={"section":"food","tags":["turkey","recipes","nba"]};</script></head>\n<body>\n`,
  );
  w.raw('<header>');
  w.el('nav', () =>
    w.el('ul', () => {
      for (const n of ['Food', 'Recipes', 'Sports', 'NBA', 'Travel', 'Home'])
        w.el('li', () => w.el('a', () => w.text(n), 'href="#"'));
    }),
  );
  w.raw('</header>\n<main><article>\n');
  w.el('h1', () => w.text('How to roast a turkey, and Jordan’s comeback season'));
  w.nl();
  let idx = 0;
  while (w.visible < targetChars - 200) {
    if (idx % 4 === 0) {
      w.el('h2', () => sentence(w, r));
      w.nl();
    }
    w.el('p', () => {
      const start = w.visible;
      while (w.visible - start < 400 + r() * 400) {
        sentence(w, r);
        w.text(' ');
      }
    });
    w.nl();
    idx++;
  }
  w.raw('</article></main>\n</body></html>');
  return { name, html: w.html.join(''), visibleChars: w.visible, planted: 0, plantedSplit: 0 };
}
