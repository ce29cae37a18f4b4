import { describe, expect, it } from 'vitest';
import { MAX_MESSAGES, parseImport } from '../../../../src/lib/highlights/import';
import { toCollection } from '../../../../src/lib/highlights/web-annotation';
import { highlight, threeHighlights, UUID_A, UUID_B } from '../../support/highlight-fixtures';

const NOW = '2025-11-22T10:00:00.000Z';

function exported() {
  return JSON.parse(JSON.stringify(toCollection(threeHighlights(), NOW)));
}

describe('parseImport: what is accepted', () => {
  it('a page, a bare list and a single annotation', () => {
    const c = exported();
    const page = parseImport(JSON.stringify({ type: 'AnnotationPage', items: c.first.items }), NOW);
    const list = parseImport(JSON.stringify(c.first.items), NOW);
    const one = parseImport(JSON.stringify(c.first.items[0]), NOW);
    expect(page.ok && page.items.length).toBe(3);
    expect(list.ok && list.items.length).toBe(3);
    expect(one.ok && one.items.length).toBe(1);
  });

  it('merges duplicate ids in the file: the most recently modified wins', () => {
    const c = exported();
    const withNote = c.first.items.find((a: { id: string }) => a.id === `urn:uuid:${UUID_A}`);
    const older = structuredClone(withNote);
    const newer = structuredClone(withNote);
    newer.modified = '2025-12-01T00:00:00.000Z';
    newer.body[0].value = 'Newer note';
    const r = parseImport(JSON.stringify([newer, older]), NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.note).toBe('Newer note');
    expect(r.duplicates).toBe(1);
  });

  it('another tool’s minimal annotation: quote only, string source, bodyValue; times default to now', () => {
    const r = parseImport(
      JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'https://annotations.example/a/1',
        type: 'Annotation',
        bodyValue: 'A comment',
        target: { source: 'https://news.example/x', selector: { type: 'TextQuoteSelector', exact: 'Tartus' } },
      }),
      NOW,
    );
    expect(r).toEqual({
      ok: true,
      duplicates: 0,
      items: [
        {
          id: 'https://annotations.example/a/1',
          url: 'https://news.example/x',
          title: '',
          quote: { exact: 'Tartus', prefix: '', suffix: '' },
          position: { start: 0, end: 0 },
          color: 'yellow',
          note: 'A comment',
          entityIds: [],
          created: NOW,
          updated: NOW,
          // No time in the file: it replaces no copy already in the library.
          undated: true,
        },
      ],
    });
  });

  it('times as instants in UTC, and the source under the key its page looks it up by', () => {
    const a = {
      id: 'https://annotations.example/a/2',
      type: 'Annotation',
      created: '2025-11-22T09:00:00+02:00',
      modified: '2025-11-22T13:00:00+05:00',
      target: {
        source: 'https://news.example/story?utm_source=feed&id=7#para-3',
        selector: { type: 'TextQuoteSelector', exact: 'Tartus' },
      },
    };
    const r = parseImport(JSON.stringify(a), NOW);
    expect(r.ok && r.items[0]).toMatchObject({
      created: '2025-11-22T07:00:00.000Z',
      updated: '2025-11-22T08:00:00.000Z',
      url: 'https://news.example/story?id=7',
    });
    expect(r.ok && 'undated' in r.items[0]!).toBe(false);
  });

  it('duplicate ids: a copy that says when it was modified wins over one that does not', () => {
    const base = {
      id: 'urn:example:dup',
      type: 'Annotation',
      target: { source: 'https://news.example/x', selector: { type: 'TextQuoteSelector', exact: 'Tartus' } },
    };
    const dated = { ...base, modified: '2020-01-01T00:00:00Z', bodyValue: 'dated' };
    const undated = { ...base, bodyValue: 'undated' };
    for (const order of [
      [dated, undated],
      [undated, dated],
    ]) {
      const r = parseImport(JSON.stringify(order), NOW);
      expect(r.ok && r.items.map((i) => i.note)).toEqual(['dated']);
    }
  });
});

describe('parseImport: what is rejected, all or nothing', () => {
  it('a partly invalid file: every problem named by annotation number, id and field; no items', () => {
    const c = exported();
    delete c.first.items[1].target.selector[0].exact; // annotation 2: quote text missing
    c.first.items[2].target.source.id = 'ftp://files.example/x'; // annotation 3: not http(s)
    c.first.items[2].created = 'yesterday';
    const r = parseImport(JSON.stringify(c), NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe('2 of 3 annotations are invalid, so nothing was imported. Fix the file or export it again:');
    expect(r.problems).toEqual([
      `Annotation 2 (urn:uuid:${c.first.items[1].id.slice(9)}): target.selector[0].exact is missing`,
      `Annotation 3 (${c.first.items[2].id}): created must be an ISO 8601 date and time`,
    ]);
    expect('items' in r).toBe(false);
  });

  it('reports the source URL problem once the structure is sound', () => {
    const c = exported();
    c.first.items[0].target.source.id = 'ftp://files.example/x';
    const r = parseImport(JSON.stringify(c), NOW);
    expect(!r.ok && r.problems).toEqual([
      `Annotation 1 (${c.first.items[0].id}): target.source must be an http(s) URL`,
    ]);
  });

  it('unknown colors, negative offsets, missing quote selector, wrong type', () => {
    const c = exported();
    c.first.items[0].target.styleClass = 'glossa-hl-orange';
    c.first.items[1].target.selector[1] = { type: 'TextPositionSelector', start: -1, end: 5 };
    c.first.items[2].target.selector = [{ type: 'FragmentSelector', value: 'p=1' }];
    const r = parseImport(JSON.stringify(c), NOW);
    expect(!r.ok && r.problems).toEqual([
      expect.stringMatching(/^Annotation 1 .*: target\.styleClass must be one of glossa-hl-yellow, glossa-hl-green/),
      expect.stringMatching(/^Annotation 2 .*: target\.selector\[1\]\.start must not be negative$/),
      expect.stringMatching(/^Annotation 3 .*: target\.selector needs a TextQuoteSelector \(the highlighted text\)$/),
    ]);
    const t = parseImport(JSON.stringify([{ id: 'x', type: 'Note', target: {} }]), NOW);
    expect(!t.ok && t.problems[0]).toBe('Annotation 1 (x): type must be "Annotation"');
  });

  it('broken JSON, a non-annotation document, an empty list, a linked-only collection', () => {
    const broken = parseImport('{"type": "AnnotationCollection", "first": {"items": [', NOW);
    expect(!broken.ok && broken.error).toBe(
      'The file is not valid JSON, so it is not a Glossa export (a .jsonld file of W3C Web Annotations). Nothing was imported.',
    );
    const other = parseImport('{"hello": "world"}', NOW);
    expect(!other.ok && other.error).toMatch(/^The file is not a W3C Web Annotation export/);
    const empty = parseImport('[]', NOW);
    expect(!empty.ok && empty.error).toBe('The file holds no annotations. Nothing was imported.');
    const linked = parseImport('{"type": "AnnotationCollection", "first": "https://x.example/page1"}', NOW);
    expect(!linked.ok && linked.error).toMatch(/only a link/);
  });

  it('lists at most MAX_MESSAGES problems and says how many more', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      id: `n${i}`,
      type: 'Annotation',
      target: 'https://x.example/',
    }));
    const r = parseImport(JSON.stringify(items), NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(MAX_MESSAGES + 1);
    expect(r.problems.at(-1)).toBe('…and 10 more problems.');
    expect(r.error).toBe('30 of 30 annotations are invalid, so nothing was imported. Fix the file or export it again:');
  });
});

void highlight;
void UUID_B;
