/**
 * `npm run annotate` sees what the browser sees: the HTML standard's parser (parse5
 * through jsdom), the page's own encoding, the same main-text rules, a clear error on
 * input it cannot read, and `--active` to skip the gate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotateHtml, checkHtml, matcherFromSeeds, parsePage, UnreadableInput } from '../../../scripts/annotate';
import { repoRoot } from '../../../scripts/load-seeds';

const matcher = matcherFromSeeds();
const bytes = (s: string) => new TextEncoder().encode(s);

describe('npm run annotate', () => {
  it('builds the body a browser builds (foster parenting, implied tags)', () => {
    const doc = parsePage('<title>x</title><p>Damascus<table><tr><td>Idlib</td>Homs</table>');
    // The HTML standard moves text that stands in a table outside it, before the table.
    expect(doc.body.textContent).toBe('DamascusHomsIdlib');
  });

  it('decodes the page in its own encoding', () => {
    const latin1 = Buffer.from('<meta charset="windows-1252"><p>T\u00fcrkiye</p>', 'latin1');
    expect(parsePage(latin1).body.textContent).toBe('Türkiye');
    // Undeclared: UTF-8 when the bytes are valid UTF-8 (as a browser guesses), else windows-1252.
    expect(parsePage(Buffer.from('<p>Erdoğan in Türkiye</p>', 'utf8')).body.textContent).toBe('Erdoğan in Türkiye');
    expect(parsePage(Buffer.from('<p>T\u00fcrkiye</p>', 'latin1')).body.textContent).toBe('Türkiye');
  });

  it('says what is wrong with input it cannot read', () => {
    expect(() => checkHtml(bytes(''))).toThrow(new UnreadableInput('the file is empty'));
    expect(() => checkHtml(bytes('Syria and Russia, plain text, no markup at all.'))).toThrow(/no HTML tags/);
    expect(() => checkHtml(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))).toThrow(/binary data/);
    expect(() => checkHtml(bytes('<p>fine</p>'))).not.toThrow();
  });

  it('leaves a page outside the domain dormant, and annotates it with --active', () => {
    const html =
      '<title>Dinner</title><article><h1>Dinner ideas</h1>' +
      `<p>${'We roasted vegetables and talked about the weekend, the weather and the garden. '.repeat(6)}</p>` +
      '<p>Later the radio said Putin had spoken about Tartus and Damascus, and we changed the station.</p></article>';
    expect(annotateHtml(html, matcher)).toEqual({ about_syria_russia: false, mentions: [] });
    const active = annotateHtml(html, matcher, { active: true });
    expect(active.about_syria_russia).toBe(false);
    expect(active.mentions.map((m) => m.entity)).toEqual(['vladimir-putin', 'tartus', 'damascus']);
    const text = parsePage(html).body.textContent ?? '';
    for (const m of active.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('as a command: JSON out, exit 1 and a message on a file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'annotate-'));
    const good = join(dir, 'good.html');
    const bad = join(dir, 'plain.txt');
    writeFileSync(good, '<title>x</title><p>Nothing to see.</p>');
    writeFileSync(bad, 'just words');
    const run = (...args: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/annotate.ts'), ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    expect(JSON.parse(run(good))).toEqual({ about_syria_russia: false, mentions: [] });
    let error: { status?: number; stderr?: string } = {};
    try {
      run(bad);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.status).toBe(1);
    expect(error.stderr).toMatch(/plain\.txt: no HTML tags/);
  }, 60_000);
});
