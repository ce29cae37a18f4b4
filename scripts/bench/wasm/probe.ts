/**
 * `npm run bench:wasm`: does WebAssembly pay for the scan (issue #12: "consider WebAssembly
 * where it pays")? A probe, not the product: the scan's core — every code unit through a
 * symbol class and one step of the shipped Aho–Corasick DFA (the matcher's automaton, from
 * src/generated/content-match.json) — in plain JavaScript and in WebAssembly (scan.wat;
 * scan.wasm is its binary, made with wabt 1.0: wat2wasm, or the npm package's parseWat and
 * toBinary), against the char floor (charCodeAt over every code unit), over the bench's
 * 30 KB, 300 KB and 3 MB news text as one string each.
 * Each sample is a fresh Node process (child.mjs: nothing else loaded), so its first call
 * is cold; V8 there is the engine Chromium runs. Writes .tmp/wasm-probe.json.
 *
 * The class table is the skeleton's letters, digits, separators and full stop without its
 * digraph and vowel-run rules: a lower bound of the shipped transducer's work per code unit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import contentMatch from '../../../src/generated/content-match.json';
import { Matcher, unpackMatcherData, type PackedMatcherData } from '../../../src/lib/match/matcher';
import { ALPHABET_SIZE, SKELETON_SYMBOL } from '../../../src/lib/match/skeleton';
import { newsPage } from '../pages';
import { median } from '../stats';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..', '..');
const OUT_DIR = join(ROOT, '.tmp', 'wasm-probe');
const SAMPLES = Number(process.argv[2] ?? 5);
const SIZES = [
  ['30k', 30_000, 30],
  ['300k', 300_000, 300],
  ['3m', 3_000_000, 3],
] as const;
const VARIANTS = ['floor', 'js', 'wasm8', 'wasm16'] as const;

mkdirSync(OUT_DIR, { recursive: true });
const dfa = Matcher.fromData(unpackMatcherData(contentMatch.compiled as unknown as PackedMatcherData)).dfa;
if (!(dfa.delta instanceof Uint16Array) || ALPHABET_SIZE !== 39)
  throw new Error('scan.wat expects 39 symbols, u16 states');
const ends = new Uint8Array(dfa.stateCount);
for (let s = 0; s < dfa.stateCount; s++) ends[s] = dfa.firstOutput[s] !== 0 ? 1 : 0;
const classes = new Uint8Array(65536); // 0: a break
for (let c = 0; c < 128; c++) {
  const lower = String.fromCharCode(c).toLowerCase();
  if (/[a-z0-9]/.test(lower)) classes[c] = SKELETON_SYMBOL[lower.charCodeAt(0)]!;
}
classes[0x20] = classes[0x2d] = SKELETON_SYMBOL[0x20]!;
classes[0x2e] = SKELETON_SYMBOL[0x2e]!;
writeFileSync(join(OUT_DIR, 'delta.bin'), new Uint8Array(dfa.delta.buffer, dfa.delta.byteOffset, dfa.delta.byteLength));
writeFileSync(join(OUT_DIR, 'out.bin'), ends);
writeFileSync(join(OUT_DIR, 'cls16.bin'), classes);
for (const [name, chars, seed] of SIZES) {
  const html = newsPage(name, chars, seed).html;
  const body = html.slice(html.indexOf('<body>'));
  const text = body
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;/g, ' ');
  writeFileSync(join(OUT_DIR, `text-${name}.txt`), text);
}

interface Sample {
  variant: string;
  size: string;
  setup: number;
  cold: number;
  warm: number;
  warmCopy: number | null;
  result: number;
}
const samples: Sample[] = [];
for (let i = 0; i < SAMPLES; i++)
  for (const [size] of SIZES)
    for (const variant of VARIANTS) {
      const line = execFileSync(process.execPath, [join(HERE, 'child.mjs'), OUT_DIR, variant, size], {
        encoding: 'utf8',
      });
      samples.push(JSON.parse(line) as Sample);
    }

const round = (x: number) => Math.round(x * 1000) / 1000;
const report: Record<string, Record<string, unknown>> = {};
for (const [size] of SIZES) {
  const of = (v: string) => samples.filter((s) => s.size === size && s.variant === v);
  const floorCold = median(of('floor').map((s) => s.cold));
  const floorWarm = median(of('floor').map((s) => s.warm));
  const results = new Set(
    of('js')
      .concat(of('wasm8'), of('wasm16'))
      .map((s) => s.result),
  );
  if (results.size !== 1)
    throw new Error(`${size}: the variants disagree on the patterns ending (${[...results].join(', ')})`);
  report[size] = { endsFound: [...results][0] };
  for (const v of VARIANTS) {
    const xs = of(v);
    const setup = median(xs.map((s) => s.setup));
    const cold = median(xs.map((s) => s.cold));
    const warm = median(xs.map((s) => s.warm));
    const copies = xs.map((s) => s.warmCopy).filter((c): c is number => c !== null);
    report[size]![v] = {
      setupMs: round(setup),
      coldMs: round(cold),
      coldXFloor: round(cold / floorCold),
      coldWithSetupXFloor: round((cold + setup) / floorCold),
      warmMs: round(warm),
      warmXFloor: round(warm / floorWarm),
      ...(copies.length > 0 ? { warmCopyMs: round(median(copies)) } : {}),
    };
  }
}
const json = { date: new Date().toISOString(), node: process.version, samples: SAMPLES, report };
writeFileSync(join(ROOT, '.tmp', 'wasm-probe.json'), JSON.stringify(json, null, 1));
console.log(JSON.stringify(json, null, 1));
