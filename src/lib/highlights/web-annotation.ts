/**
 * Highlights as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), JSON-LD:
 *
 *   { id: "urn:uuid:…", type: "Annotation", motivation: "highlighting" | "commenting",
 *     created, modified, body: [ note as TextualBody (purpose commenting),
 *                                entities as SpecificResource (purpose identifying) ],
 *     target: { type: "SpecificResource", source: { id: url, type: "Text", title },
 *               styleClass: "glossa-hl-<color>",
 *               selector: [ TextQuoteSelector,
 *                           CssSelector (the main text) refinedBy TextPositionSelector
 *                           — or a plain TextPositionSelector for the whole body ] },
 *     stylesheet: { type: "CssStylesheet", value },
 *     rev: the row's revision (Glossa's term; an import into a fresh library keeps it) }
 *
 * and a Markdown export grouped by page. Pure; the import's validation is in import.ts.
 */
import type { Highlight } from './schema';
import { COLOR_LABELS, COLOR_SWATCHES, colorOf, highlightName } from './colors';
import { siteOf } from './url';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Glossa's own terms: the page title (Dublin Core) and the row's revision. */
export const EXPORT_CONTEXT = [
  ANNO_CONTEXT,
  { title: 'http://purl.org/dc/terms/title', rev: 'urn:glossa:revision' },
] as const;
export const ENTITY_IRI_PREFIX = 'urn:glossa:entity:';
export const GENERATOR = { id: 'urn:glossa:extension', type: 'Software', name: 'Glossa' } as const;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The annotation id (an IRI) of a highlight id. */
export function annotationIri(id: string): string {
  return UUID_RE.test(id) ? `urn:uuid:${id.toLowerCase()}` : id;
}

/** The highlight id of an annotation IRI (inverse of `annotationIri`). */
export function highlightIdOf(iri: string): string {
  const m = /^urn:uuid:(.+)$/i.exec(iri);
  return m && UUID_RE.test(m[1]!) ? m[1]!.toLowerCase() : iri;
}

export interface WebAnnotation {
  '@context'?: unknown;
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created: string;
  modified: string;
  generator?: typeof GENERATOR;
  body?: AnnotationBody[];
  target: {
    type: 'SpecificResource';
    source: { id: string; type: 'Text'; title?: string };
    styleClass: string;
    selector: Selector[];
  };
  stylesheet: { type: 'CssStylesheet'; value: string };
  /** The row's revision (Glossa's own term, see EXPORT_CONTEXT). */
  rev?: number;
}

export type AnnotationBody =
  | { type: 'TextualBody'; purpose: 'commenting'; value: string; format: 'text/plain' }
  | { type: 'SpecificResource'; purpose: 'identifying'; source: string };

export type Selector =
  | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
  | { type: 'TextPositionSelector'; start: number; end: number }
  | { type: 'CssSelector'; value: string; refinedBy: { type: 'TextPositionSelector'; start: number; end: number } };

export function toAnnotation(h: Highlight): WebAnnotation {
  const color = colorOf(h.color);
  const body: AnnotationBody[] = [];
  if (h.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: h.note, format: 'text/plain' });
  for (const id of h.entityIds)
    body.push({ type: 'SpecificResource', purpose: 'identifying', source: ENTITY_IRI_PREFIX + id });
  const position = { type: 'TextPositionSelector' as const, start: h.position.start, end: h.position.end };
  const annotation: WebAnnotation = {
    id: annotationIri(h.id),
    type: 'Annotation',
    motivation: h.note ? 'commenting' : 'highlighting',
    created: h.created,
    modified: h.updated,
    target: {
      type: 'SpecificResource',
      source: { id: h.url, type: 'Text', ...(h.title ? { title: h.title } : {}) },
      styleClass: highlightName(color),
      selector: [
        { type: 'TextQuoteSelector', exact: h.quote.exact, prefix: h.quote.prefix, suffix: h.quote.suffix },
        h.scope ? { type: 'CssSelector', value: h.scope, refinedBy: position } : position,
      ],
    },
    stylesheet: {
      type: 'CssStylesheet',
      value: `.${highlightName(color)} { background-color: ${COLOR_SWATCHES[color]}; }`,
    },
  };
  if (body.length > 0) annotation.body = body;
  annotation.rev = h.rev;
  return annotation;
}

export interface AnnotationCollection {
  '@context': typeof EXPORT_CONTEXT;
  type: 'AnnotationCollection';
  label: string;
  generator: typeof GENERATOR;
  generated: string;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

/** All highlights as one W3C AnnotationCollection with a single, embedded AnnotationPage. */
export function toCollection(highlights: readonly Highlight[], generated: string): AnnotationCollection {
  const items = sortForExport(highlights).map(toAnnotation);
  return {
    '@context': EXPORT_CONTEXT,
    type: 'AnnotationCollection',
    label: 'Glossa highlights',
    generator: GENERATOR,
    generated,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

function sortForExport(highlights: readonly Highlight[]): Highlight[] {
  return [...highlights].sort(
    (a, b) => a.url.localeCompare(b.url) || a.position.start - b.position.start || a.id.localeCompare(b.id),
  );
}

// ---------------------------------------------------------------- Markdown

/** Escapes text so Markdown shows it literally (inline; line starts handled too). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>#|~])/g, '\\$1')
    .split('\n')
    .map((line) => line.replace(/^(\s*)([-+=])(\s|$)/, '$1\\$2$3').replace(/^(\s*\d+)([.)])(\s|$)/, '$1\\$2$3'))
    .join('\n');
}

/** A URL for a Markdown link destination (angle-bracket form: spaces and parentheses are safe). */
function linkDestination(url: string): string {
  return `<${url.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;
}

export interface MarkdownOptions {
  /** ISO time of the export (shown in the header). */
  generated: string;
  /** Entity names by id (ids are shown where a name is missing). */
  entityNames?: ReadonlyMap<string, string>;
}

/**
 * Markdown, grouped by page (pages with the most recently edited highlights first;
 * highlights in the order they appear on the page): a linked heading per page, each
 * passage as a block quote, its note, then color, date and the entities it names.
 */
export function toMarkdown(highlights: readonly Highlight[], options: MarkdownOptions): string {
  const pages = new Map<string, Highlight[]>();
  for (const h of highlights) {
    const list = pages.get(h.url);
    if (list) list.push(h);
    else pages.set(h.url, [h]);
  }
  const latest = (list: Highlight[]) => list.reduce((m, h) => (h.updated > m ? h.updated : m), '');
  const ordered = [...pages.entries()].sort(
    ([ua, a], [ub, b]) => latest(b).localeCompare(latest(a)) || ua.localeCompare(ub),
  );
  const out: string[] = [
    '# Glossa highlights',
    '',
    `Exported ${options.generated.slice(0, 10)}: ${count(highlights.length, 'highlight')} on ${count(pages.size, 'page')}.`,
  ];
  for (const [url, list] of ordered) {
    const title = list.find((h) => h.title.trim())?.title.trim() || url;
    out.push(
      '',
      `## [${escapeMarkdown(title)}](${linkDestination(url)})`,
      '',
      `${escapeMarkdown(siteOf(url))}, ${count(list.length, 'highlight')}`,
    );
    for (const h of [...list].sort(
      (a, b) => a.position.start - b.position.start || a.created.localeCompare(b.created),
    )) {
      out.push('');
      for (const line of h.quote.exact.split('\n')) out.push(`> ${escapeMarkdown(line)}`);
      if (h.note.trim()) {
        out.push('');
        const [first, ...rest] = h.note.trim().split('\n');
        out.push(`**Note:** ${escapeMarkdown(first!)}`, ...rest.map((l) => escapeMarkdown(l)));
      }
      const meta = [COLOR_LABELS[colorOf(h.color)], h.created.slice(0, 10)];
      if (h.entityIds.length > 0) {
        meta.push(h.entityIds.map((id) => escapeMarkdown(options.entityNames?.get(id) ?? id)).join(', '));
      }
      out.push('', `_${meta.join(' · ')}_`);
    }
  }
  return out.join('\n') + '\n';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
