// Checks the hand-written labels in test/real-pages/ against the saved pages, without running Glossa:
// every page of labels.json has a gate decision; every mention, trap and ambiguous entry is found,
// once, at its prefix in the page's visible text; mentions are in document order, whole words,
// name catalog entities, and carry `variant` exactly when the catalog does not list the spelling.
//
//   node test/real-pages/check-labels.mjs [--print <mentions file>]
//
// Visible text (README "Format"): the page decoded by its declared charset (else UTF-8 when valid,
// else windows-1252), parsed with parse5 (the HTML spec parser, as a browser), the text nodes of
// <body> in document order minus the invisible elements of test/corpus/score.ts (script, style,
// noscript, template, form controls, code, pre, svg, math, iframe, object, canvas, and `hidden` or
// aria-hidden="true" subtrees), concatenated with nothing added between elements, every run of
// whitespace collapsed to one space.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'parse5';
import { parse as parseYaml } from 'yaml';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SHARED = join(ROOT, '..', 'shared', 'real-pages');

export function decode(file) {
  const buf = readFileSync(file);
  const head = buf.subarray(0, 8000).toString('latin1');
  let label = (head.match(/charset\s*=\s*["']?([A-Za-z0-9_-]+)/i) || [])[1]?.toLowerCase();
  if (!label) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf);
      label = 'utf-8';
    } catch {
      label = 'windows-1252';
    }
  }
  if (label === 'iso-8859-1' || label === 'latin1') label = 'windows-1252';
  return { html: new TextDecoder(label).decode(buf), charset: label };
}

const INVISIBLE = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'button',
  'code',
  'pre',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'head',
  'title',
]);
const SPACE = /[\s\u00a0\u202f\u2009\u200b]/;
const attr = (n, a) => (n.attrs || []).find((t) => t.name === a)?.value ?? null;

/** Collapsed visible text of <body> and the offsets where one text node meets the next. */
export function visibleText(html) {
  const doc = parse(html);
  const body = doc.childNodes.find((n) => n.nodeName === 'html').childNodes.find((n) => n.nodeName === 'body');
  let text = '';
  const edges = new Set();
  const walk = (node, hidden) => {
    for (const k of node.childNodes || []) {
      if (k.nodeName === '#text') {
        if (hidden) continue;
        edges.add(text.length);
        for (const ch of k.value) {
          if (SPACE.test(ch)) {
            if (!text.endsWith(' ')) text += ' ';
          } else text += ch;
        }
        edges.add(text.length);
      } else if (k.tagName) {
        walk(k, hidden || INVISIBLE.has(k.tagName) || attr(k, 'hidden') !== null || attr(k, 'aria-hidden') === 'true');
      }
    }
  };
  walk(body, false);
  return { text, edges };
}

export function plainForm(s) {
  return s
    .replace(/\s*\([^)]*\)/g, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[’'ʼʻ`´′‘]/g, '')
    .replace(/[\s\u00a0\u2010-\u2013-]+/g, ' ')
    .trim();
}

const WORD = /[\p{L}\p{N}]/u;

function main() {
  const errors = [];
  const labels = JSON.parse(readFileSync(join(SHARED, 'labels.json'), 'utf8')).pages;
  const gate = JSON.parse(readFileSync(join(HERE, 'gate.json'), 'utf8'));
  for (const p of labels) {
    const g = gate[p.file];
    if (!g) errors.push(`gate.json: no decision for ${p.file}`);
    else if (typeof g.active !== 'boolean' || !g.why) errors.push(`gate.json: ${p.file} needs active and why`);
  }
  for (const f of Object.keys(gate)) if (!labels.some((p) => p.file === f)) errors.push(`gate.json: unknown page ${f}`);

  const catalog = parseYaml(readFileSync(join(ROOT, 'seeds', 'entities.yaml'), 'utf8'));
  const forms = new Map(catalog.map((c) => [c.id, new Set([c.name, ...(c.aliases || [])].map(plainForm))]));
  const printOnly = process.argv.includes('--print') ? process.argv[process.argv.indexOf('--print') + 1] : null;
  const dir = join(HERE, 'mentions');
  let total = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const m = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const where = `mentions/${name}`;
    if (`${m.file.replace(/^pages\//, '').replace(/\.html$/, '')}.json` !== name)
      errors.push(`${where}: file mismatch`);
    if (!gate[m.file]?.active) errors.push(`${where}: page is not active in gate.json`);
    const { text, edges } = visibleText(decode(join(SHARED, m.file)).html);
    const find = (e, kind) => {
      const needle = e.prefix + e.text;
      const at = text.indexOf(needle);
      if (at < 0) return (errors.push(`${where}: ${kind} "${e.text}" not found after "${e.prefix}"`), -1);
      if (text.indexOf(needle, at + 1) >= 0)
        errors.push(`${where}: ${kind} "${e.text}" after "${e.prefix}" is not unique`);
      const s = at + e.prefix.length;
      const end = s + e.text.length;
      const glued = (i) => !edges.has(i) && WORD.test(text[i - 1] ?? '') && WORD.test(text[i] ?? '');
      if (glued(s) || glued(end)) errors.push(`${where}: ${kind} "${e.text}" is not a whole word`);
      return s;
    };
    let last = -1;
    for (const e of m.mentions) {
      const s = find(e, 'mention');
      if (s >= 0 && s <= last) errors.push(`${where}: mention "${e.text}" after "${e.prefix}" is out of order`);
      last = Math.max(last, s);
      if (!forms.has(e.entity)) errors.push(`${where}: unknown entity ${e.entity}`);
      else if (forms.get(e.entity).has(plainForm(e.text)) === Boolean(e.variant))
        errors.push(`${where}: "${e.text}" variant=${Boolean(e.variant)}`);
      if (printOnly && name.startsWith(printOnly))
        console.log(`${e.entity}\t${e.text}${e.variant ? '\t(variant)' : ''}`);
    }
    for (const e of m.traps) if (find(e, 'trap') >= 0 && !e.why) errors.push(`${where}: trap "${e.text}" needs a why`);
    for (const e of m.ambiguous)
      if (find(e, 'ambiguous') >= 0 && !e.why) errors.push(`${where}: "${e.text}" needs a why`);
    total += m.mentions.length;
  }
  if (errors.length) {
    console.error(errors.join('\n'));
    process.exit(1);
  }
  console.log(`ok: ${Object.keys(gate).length} gate decisions, ${total} mentions`);
}

main();
