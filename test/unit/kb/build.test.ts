import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSeeds } from '../../../scripts/load-seeds';
import { buildKb } from '../../../src/lib/kb/build';
import { normalizeKey } from '../../../src/lib/match/matcher';
import { displayText } from '../../../src/lib/kb/sentences';
import coverage from '../../fixtures/kb-coverage.json';

const { articles, catalog, notEntities } = loadSeeds();
const { kb, report } = buildKb(articles, catalog, notEntities);
const source = (id: string) => kb.sources.find((s) => s.id === id)!;
const rawSeeds = new Map(
  articles.map((a) => [
    a.source.id,
    readFileSync(new URL(`../../../seeds/articles/${a.source.id}.md`, import.meta.url), 'utf8'),
  ]),
);

describe('KB build', () => {
  it('is deterministic: same seeds, byte-identical KB, whatever the input order', () => {
    const again = buildKb([...articles].reverse(), [...catalog].reverse(), notEntities).kb;
    expect(JSON.stringify(again)).toBe(JSON.stringify(kb));
  });

  it('covers every entity of kb-coverage.json under its id', () => {
    const ids = new Set(kb.entities.map((e) => e.id));
    const missing = coverage.entities.map((e) => e.id).filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    for (const c of coverage.entities) expect(kb.entities.find((e) => e.id === c.id)!.kind).toBe(c.kind);
  });

  it('finds every catalog entity in the seeds, or lists it', () => {
    const mentioned = new Set(kb.mentions.map((m) => m.entityId));
    const unlisted = kb.entities.filter((e) => !mentioned.has(e.id) && !report.unmentioned.includes(e.id));
    expect(unlisted).toEqual([]);
    expect(report.unmentioned).toEqual([]);
  });

  it('gives no alias to two entities', () => {
    const owner = new Map<string, string>();
    for (const e of kb.entities) {
      for (const a of e.aliases) {
        const k = normalizeKey(a.replace(/\s*\([^)]*\)/g, ''));
        expect(owner.get(k) ?? e.id, `alias "${a}"`).toBe(e.id);
        owner.set(k, e.id);
      }
    }
  });

  it('keeps every claim verbatim in its seed, footnote markers aside', () => {
    for (const c of kb.claims) {
      const s = source(c.sourceId);
      const original = s.text.slice(c.start, c.end);
      expect(rawSeeds.get(c.sourceId)).toContain(original);
      expect(c.text).toBe(displayText(s.text, c.start, c.end));
      expect(c.text).not.toMatch(/\[\d+\]/);
      expect(
        original
          .replace(/\[\d+\]/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      ).toBe(c.text.replace(/\s+/g, ' ').trim());
    }
  });

  it('records mentions at their exact spans, inside the claims that name them', () => {
    for (const m of kb.mentions) expect(source(m.sourceId).text.slice(m.start, m.end)).toBe(m.text);
    for (const c of kb.claims) {
      for (const id of c.entityIds) {
        expect(
          kb.mentions.some(
            (m) => m.sourceId === c.sourceId && m.entityId === id && m.start >= c.start && m.end <= c.end,
          ),
        ).toBe(true);
      }
    }
  });

  it('cites a real span for every role line', () => {
    for (const e of kb.entities) {
      expect(e.roleCitations.length).toBeGreaterThan(0);
      for (const cit of e.roleCitations)
        expect(source(cit.sourceId).text.slice(cit.start, cit.end).length).toBeGreaterThan(0);
    }
  });

  it('does not split sentences at abbreviations', () => {
    const texts = kb.claims.map((c) => c.text);
    expect(texts.some((t) => t.includes('Defense Minister Maj.-Gen. Murhaf Abu Qasra'))).toBe(true);
    expect(texts.some((t) => /^And so, on Oct\. 3, a Syrian defense delegation/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('the U.S. and E.U., are still imposing'))).toBe(true);
  });

  it('resolves the dates of the 15 October 2025 meeting in every source that reports it', () => {
    const meeting = kb.claims.filter(
      (c) =>
        c.entityIds.includes('ahmed-al-sharaa') && c.dates.some((d) => d.iso === '2025-10-15' && d.precision === 'day'),
    );
    expect(new Set(meeting.map((c) => c.sourceId)).size).toBeGreaterThanOrEqual(4);
    const wednesday = kb.claims.find((c) =>
      c.text.startsWith('Syrian President Ahmed al-Shara’a arrived in Russia on Wednesday'),
    )!;
    expect(wednesday.dates).toContainEqual(
      expect.objectContaining({ text: expect.stringContaining('Wednesday'), iso: '2025-10-15', relative: true }),
    );
  });

  it('names the speaker of reported speech and quotations', () => {
    const novak = kb.claims.find((c) =>
      c.text.startsWith('Russian Deputy Prime Minister Alexander Novak stated that'),
    )!;
    expect(novak.speaker).toMatchObject({ entityId: 'alexander-novak', mode: 'report' });
    const jamal = kb.claims.find((c) => c.text.includes('Putin is a war criminal'))!;
    expect(jamal.speaker?.entityId).toBe('jisry-jamal');
  });

  it('groups only claims of different sources, and joins the Moscow meeting across sources', () => {
    const claimById = new Map(kb.claims.map((c) => [c.id, c]));
    for (const g of kb.corroboration) {
      expect(g.sourceIds.length).toBeGreaterThanOrEqual(2);
      expect(new Set(g.claimIds.map((id) => claimById.get(id)!.sourceId)).size).toBe(g.sourceIds.length);
    }
    // "met his Russian counterpart Vladimir Putin in Moscow on October 15": all five sources report the meeting.
    const hb0 = kb.claims.find((c) =>
      c.text.includes('met his Russian counterpart Vladimir Putin in Moscow on October 15'),
    )!;
    const meeting = kb.corroboration.find((g) => g.claimIds.includes(hb0.id) && g.label.startsWith('2025-10-15'));
    expect(meeting?.sourceIds.length).toBe(5);
    expect(meeting?.label).toContain('Vladimir Putin');
  });

  it('builds a timeline of dated claims and weighted relations', () => {
    const sharaa = kb.timeline.filter((t) => t.entityId === 'ahmed-al-sharaa');
    expect(sharaa.length).toBeGreaterThan(3);
    expect([...sharaa].map((t) => t.iso)).toEqual([...sharaa].map((t) => t.iso).sort());
    const rel = kb.relations.find((r) => r.a === 'ahmed-al-sharaa' && r.b === 'vladimir-putin')!;
    expect(rel.weight).toBe(rel.claimIds.length);
    expect(rel.weight).toBeGreaterThan(3);
  });
});
