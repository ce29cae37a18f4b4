import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../../src/lib/highlights/import';
import {
  annotationIri,
  escapeMarkdown,
  highlightIdOf,
  toAnnotation,
  toCollection,
  toMarkdown,
} from '../../../../src/lib/highlights/web-annotation';
import { highlight, threeHighlights, UUID_A } from '../../support/highlight-fixtures';

const NOW = '2025-11-22T10:00:00.000Z';

describe('W3C Web Annotation JSON-LD', () => {
  it('maps a highlight onto the model: quote + main-text position selectors, note body, style class', () => {
    const a = toAnnotation(highlight());
    expect(a).toMatchObject({
      id: `urn:uuid:${UUID_A}`,
      type: 'Annotation',
      motivation: 'commenting',
      created: '2025-10-20T10:00:00.000Z',
      modified: '2025-10-21T09:30:00.000Z',
      target: {
        type: 'SpecificResource',
        source: { id: 'https://news.example/world/sharaa-putin', type: 'Text' },
        styleClass: 'glossa-hl-yellow',
        selector: [
          { type: 'TextQuoteSelector', exact: highlight().quote.exact },
          { type: 'CssSelector', value: 'article', refinedBy: { type: 'TextPositionSelector', start: 340, end: 413 } },
        ],
      },
    });
    expect(a.body).toEqual([
      { type: 'TextualBody', purpose: 'commenting', value: 'Compare with the Kremlin readout.', format: 'text/plain' },
      { type: 'SpecificResource', purpose: 'identifying', source: 'urn:glossa:entity:vladimir-putin' },
      { type: 'SpecificResource', purpose: 'identifying', source: 'urn:glossa:entity:russia' },
      { type: 'SpecificResource', purpose: 'identifying', source: 'urn:glossa:entity:damascus' },
    ]);
    // The whole body: a plain TextPositionSelector; no note: motivation highlighting, no body.
    const b = toAnnotation(highlight({ scope: undefined, note: '', entityIds: [] }));
    expect(b.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: 340, end: 413 });
    expect(b.motivation).toBe('highlighting');
    expect(b.body).toBeUndefined();
  });

  it('round-trips through a collection: export, serialize, import → the same highlights', () => {
    const hs = threeHighlights();
    const text = JSON.stringify(toCollection(hs, NOW));
    const parsed = parseImport(text, NOW);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(parsed.items.sort(byId)).toEqual([...hs].sort(byId));
    expect(parsed.duplicates).toBe(0);
  });

  it('the collection is a W3C AnnotationCollection with one embedded page', () => {
    const c = toCollection(threeHighlights(), NOW);
    expect(c['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(c).toMatchObject({
      type: 'AnnotationCollection',
      total: 3,
      first: { type: 'AnnotationPage', startIndex: 0 },
    });
    expect(c.first.items).toHaveLength(3);
  });

  it('ids: UUIDs become urn:uuid IRIs and back; other IRIs stay as they are', () => {
    expect(highlightIdOf(annotationIri(UUID_A))).toBe(UUID_A);
    expect(annotationIri('https://hypothes.is/a/abc')).toBe('https://hypothes.is/a/abc');
    expect(highlightIdOf('https://hypothes.is/a/abc')).toBe('https://hypothes.is/a/abc');
  });
});

describe('Markdown export', () => {
  it('groups by page with linked headings, quotes, notes and metadata, escaping Markdown', () => {
    const md = toMarkdown(threeHighlights(), {
      generated: NOW,
      entityNames: new Map([
        ['vladimir-putin', 'Vladimir Putin'],
        ['hmeimim', 'Hmeimim air base'],
      ]),
    });
    expect(md).toMatch(/^# Glossa highlights\n\nExported 2025-11-22: 3 highlights on 2 pages\.\n/);
    // The page with the most recent highlight comes first.
    const other = md.indexOf('## [Analysis: \\[Bases\\] & \\*leverage\\*](<https://other.example/analysis?id=4>)');
    const news = md.indexOf(
      "## [Syria's interim leader meets Putin in Moscow](<https://news.example/world/sharaa-putin>)",
    );
    expect(other).toBeGreaterThan(0);
    expect(news).toBeGreaterThan(other);
    // In page order: Hmeimim (position 120) before the Putin passage (340).
    expect(md.indexOf('> Hmeimim')).toBeLessThan(md.indexOf('> Putin told reporters'));
    expect(md).toContain('> a cautious reset\n> rather than a new alliance');
    expect(md).toContain('**Note:** Line one\n\\# not a heading');
    expect(md).toContain('_Yellow · 2025-10-20 · Vladimir Putin, russia, damascus_');
    expect(md).toContain('_Green · 2025-10-20 · Hmeimim air base_');
    expect(md).toContain('news.example, 2 highlights');
  });

  it('escapeMarkdown neutralizes inline markup and line-start list/heading markers', () => {
    expect(escapeMarkdown('*a* _b_ [c](d) <e> `f`')).toBe('\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\`f\\`');
    expect(escapeMarkdown('- item\n1. first\n# h')).toBe('\\- item\n1\\. first\n\\# h');
  });
});
