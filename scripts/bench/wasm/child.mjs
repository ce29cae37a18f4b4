/**
 * One sample of the WebAssembly probe (probe.ts), in a process of its own so that its first
 * call is cold: no project module is loaded here, only the inputs probe.ts wrote.
 *
 *   node child.mjs <dir> <variant> <size>
 *
 * Variants, each over the same text as one string:
 * - floor: every UTF-16 code unit read with charCodeAt (the bench's char floor, without the DOM walk);
 * - js: the same loop, each code unit through a symbol class table and one step of the shipped
 *   Aho–Corasick DFA (the matcher's automaton), counting states where a pattern ends;
 * - wasm8: that loop in WebAssembly (scan.wat) over the text encoded to UTF-8 into its memory
 *   (TextEncoder.encodeInto, native);
 * - wasm16: the same over UTF-16 code units copied in with a charCodeAt loop.
 * Prints JSON: setup (compile, instantiate, tables copied in), cold (first call), warm
 * (median over ~1.5 s of calls), and for wasm the warm copy alone; ms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, variant, size] = process.argv.slice(2);
const text = readFileSync(join(dir, `text-${size}.txt`), 'utf8');
const delta = new Uint16Array(new Uint8Array(readFileSync(join(dir, 'delta.bin'))).buffer);
const out = new Uint8Array(readFileSync(join(dir, 'out.bin')));
const cls16 = new Uint8Array(readFileSync(join(dir, 'cls16.bin')));
const wasmBytes = readFileSync(new URL('scan.wasm', import.meta.url));
const now = () => performance.now();

let setup = 0;
let run;
let copy = null;
if (variant === 'floor') {
  run = (t) => {
    let s = 0;
    for (let i = 0; i < t.length; i++) s = (s + t.charCodeAt(i)) | 0;
    return s;
  };
} else if (variant === 'js') {
  run = (t) => {
    let s = 0;
    let hits = 0;
    for (let i = 0; i < t.length; i++) {
      s = delta[s * 39 + cls16[t.charCodeAt(i)]];
      hits += out[s];
    }
    return hits;
  };
} else {
  const t0 = now();
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), {});
  const { mem, scan8, scan16 } = instance.exports;
  const CLS = 0;
  const DELTA = 65536;
  const OUT = DELTA + delta.byteLength;
  const TEXT = (OUT + out.length + 7) & ~7;
  mem.grow(Math.ceil((TEXT + text.length * 3 + 16 - mem.buffer.byteLength) / 65536));
  const u8 = new Uint8Array(mem.buffer);
  // The tables: a shipped module would hold them in its data segment; copied in once here.
  if (variant === 'wasm8') for (let c = 0; c < 256; c++) u8[CLS + c] = c < 128 ? cls16[c] : 0;
  else u8.set(cls16, CLS);
  u8.set(new Uint8Array(delta.buffer), DELTA);
  u8.set(out, OUT);
  setup = now() - t0;
  const encoder = new TextEncoder();
  const u16 = new Uint16Array(mem.buffer, TEXT, text.length);
  let units = 0;
  copy =
    variant === 'wasm8'
      ? (t) => (units = encoder.encodeInto(t, new Uint8Array(mem.buffer, TEXT)).written)
      : (t) => {
          for (let i = 0; i < t.length; i++) u16[i] = t.charCodeAt(i);
          units = t.length;
        };
  run =
    variant === 'wasm8'
      ? (t) => (copy(t), scan8(TEXT, units, DELTA, OUT))
      : (t) => (copy(t), scan16(TEXT, units, CLS, DELTA, OUT));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
function warmOf(fn) {
  const times = [];
  const deadline = now() + 1500;
  while ((now() < deadline || times.length < 5) && times.length < 400) {
    const t = now();
    fn(text);
    times.push(now() - t);
  }
  return median(times);
}
let t = now();
const result = run(text);
const cold = now() - t;
const warm = warmOf(run);
const warmCopy = copy ? warmOf(copy) : null;
console.log(JSON.stringify({ variant, size, setup, cold, warm, warmCopy, result }));
