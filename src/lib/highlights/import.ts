/**
 * Reading a W3C Web Annotation JSON-LD file back (Glossa's export, or another tool's
 * annotations of web pages). All or nothing: every annotation is checked first, and one
 * problem anywhere rejects the whole file with messages that name the annotation (its
 * number in the file, from 1, and its id) and the field — nothing is written.
 *
 * Accepted shapes: an AnnotationCollection with an embedded first page, an
 * AnnotationPage, a JSON array of annotations, or one annotation. Duplicate ids in the
 * file are merged (the most recently modified wins).
 */
import * as v from 'valibot';
import { DEFAULT_COLOR, HIGHLIGHT_COLORS, isHighlightColor, type HighlightColor } from './colors';
import {
  Exact,
  ImportRow,
  type Highlight,
  type ImportItem,
  IsoTime,
  KbId,
  MAX_CONTEXT,
  MAX_ITEMS,
  MAX_NOTE,
  MAX_SCOPE,
  MAX_TITLE,
  Offset,
  Rev,
  text,
} from './schema';
import { normalizeUrl } from './url';
import { ENTITY_IRI_PREFIX, highlightIdOf } from './web-annotation';

/** Files larger than this are refused before parsing. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Messages listed at most; the summary says how many more there were. */
export const MAX_MESSAGES = 20;

export type ImportParse =
  { ok: true; items: ImportItem[]; duplicates: number } | { ok: false; error: string; problems: string[] };

const TypeName = v.union([v.string(), v.array(v.string())], 'must be a string or a list of strings');
// Arrays first: a looseObject schema would accept an array too.
const OneOrMany = <T extends v.GenericSchema>(s: T) => v.union([v.array(s), s]);

const QuoteSelector = v.looseObject({
  type: v.literal('TextQuoteSelector'),
  exact: Exact,
  prefix: v.optional(text(MAX_CONTEXT)),
  suffix: v.optional(text(MAX_CONTEXT)),
});

const PositionSelector = v.pipe(
  v.looseObject({ type: v.literal('TextPositionSelector'), start: Offset, end: Offset }),
  v.check((p) => p.end >= p.start, 'end must not be before start'),
);

const CssSelector = v.looseObject({
  type: v.literal('CssSelector'),
  value: v.pipe(text(MAX_SCOPE), v.minLength(1, 'must not be empty')),
  refinedBy: v.optional(v.unknown()),
});

const SelectorShape = v.looseObject({ type: v.string('must name the selector type') });

const SourceShape = v.union(
  [v.string(), v.looseObject({ id: v.string('must be a string'), title: v.optional(text(MAX_TITLE)) })],
  'must be the page URL or an object with an id',
);

const TargetShape = v.looseObject({
  source: SourceShape,
  selector: OneOrMany(SelectorShape),
  styleClass: v.optional(v.string('must be a string')),
});

const BodyShape = v.looseObject({
  type: v.optional(TypeName),
  purpose: v.optional(v.string('must be a string')),
  value: v.optional(text(MAX_NOTE)),
  source: v.optional(v.unknown()),
});

const AnnotationShape = v.looseObject({
  id: v.pipe(v.string('must be a string (the annotation’s IRI)'), v.minLength(1, 'must not be empty')),
  type: v.pipe(
    TypeName,
    v.check((t) => (Array.isArray(t) ? t : [t]).includes('Annotation'), 'must be "Annotation"'),
  ),
  created: v.optional(IsoTime),
  modified: v.optional(IsoTime),
  body: v.optional(OneOrMany(BodyShape)),
  bodyValue: v.optional(text(MAX_NOTE)),
  /** Glossa's own term: the row's revision in the database it was exported from. */
  rev: v.optional(Rev),
  target: v.union([v.array(v.unknown()), TargetShape], 'must be an object with source and selector'),
});

type Problem = { path: string; message: string };

function issuesOf(issues: readonly v.BaseIssue<unknown>[], base: string): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    // A union reports its branches' issues; the first branch's are the clearest.
    if (issue.issues && issue.type === 'union' && issue.issues.length > 0) {
      out.push(...issuesOf([issue.issues[0]!], base));
      continue;
    }
    const rel = v.getDotPath(issue);
    const path = rel ? (base ? `${base}.${rel}` : rel).replace(/\.(\d+)(?=\.|$)/g, '[$1]') : base;
    const received =
      issue.received && issue.kind === 'schema' && issue.input === undefined ? 'is missing' : issue.message;
    out.push({ path, message: received });
  }
  return out;
}

/** Converts one validated annotation, or lists what is wrong with it. */
function convert(raw: unknown, now: string): { ok: true; item: ImportItem } | { ok: false; problems: Problem[] } {
  const shape = v.safeParse(AnnotationShape, raw);
  if (!shape.success) return { ok: false, problems: issuesOf(shape.issues, '') };
  const a = shape.output;
  const problems: Problem[] = [];

  const targets = Array.isArray(a.target) ? a.target : [a.target];
  const targetIndex = targets.findIndex((t) => typeof t === 'object' && t !== null && 'selector' in t);
  const targetBase = Array.isArray(a.target) ? `target[${Math.max(0, targetIndex)}]` : 'target';
  const target = v.safeParse(TargetShape, targetIndex >= 0 ? targets[targetIndex] : targets[0]);
  if (!target.success) return { ok: false, problems: issuesOf(target.issues, targetBase) };
  const t = target.output;

  const url = typeof t.source === 'string' ? t.source : t.source.id;
  const title = typeof t.source === 'string' ? '' : (t.source.title ?? '');

  const selectors = Array.isArray(t.selector) ? t.selector : [t.selector];
  const selBase = (i: number) =>
    Array.isArray(t.selector) ? `${targetBase}.selector[${i}]` : `${targetBase}.selector`;
  let quote: Highlight['quote'] | null = null;
  let position: Highlight['position'] | null = null;
  let scope: string | undefined;
  selectors.forEach((s, i) => {
    if (s.type === 'TextQuoteSelector' && quote === null) {
      const q = v.safeParse(QuoteSelector, s);
      if (q.success) quote = { exact: q.output.exact, prefix: q.output.prefix ?? '', suffix: q.output.suffix ?? '' };
      else problems.push(...issuesOf(q.issues, selBase(i)));
    } else if (s.type === 'TextPositionSelector' && position === null) {
      const p = v.safeParse(PositionSelector, s);
      if (p.success) position = { start: p.output.start, end: p.output.end };
      else problems.push(...issuesOf(p.issues, selBase(i)));
    } else if (s.type === 'CssSelector' && position === null) {
      const c = v.safeParse(CssSelector, s);
      if (!c.success) {
        problems.push(...issuesOf(c.issues, selBase(i)));
        return;
      }
      if (c.output.refinedBy === undefined) return;
      const p = v.safeParse(PositionSelector, c.output.refinedBy);
      if (p.success) {
        position = { start: p.output.start, end: p.output.end };
        scope = c.output.value;
      } else problems.push(...issuesOf(p.issues, `${selBase(i)}.refinedBy`));
    }
  });
  if (quote === null && problems.length === 0) {
    problems.push({ path: `${targetBase}.selector`, message: 'needs a TextQuoteSelector (the highlighted text)' });
  }

  let color: HighlightColor = DEFAULT_COLOR;
  if (t.styleClass !== undefined) {
    const name = t.styleClass.replace(/^glossa-hl-/, '');
    if (isHighlightColor(name)) color = name;
    else
      problems.push({
        path: `${targetBase}.styleClass`,
        message: `must be one of ${HIGHLIGHT_COLORS.map((c) => `glossa-hl-${c}`).join(', ')}`,
      });
  }

  const notes: string[] = [];
  const entityIds: string[] = [];
  if (a.bodyValue !== undefined && a.bodyValue.trim()) notes.push(a.bodyValue);
  const bodies = a.body === undefined ? [] : Array.isArray(a.body) ? a.body : [a.body];
  bodies.forEach((b, i) => {
    const path = Array.isArray(a.body) ? `body[${i}]` : 'body';
    const types = b.type === undefined ? [] : Array.isArray(b.type) ? b.type : [b.type];
    if (b.purpose === 'identifying' || b.purpose === 'tagging' || types.includes('SpecificResource')) {
      const src = typeof b.source === 'string' ? b.source : '';
      if (src.startsWith(ENTITY_IRI_PREFIX)) {
        const id = src.slice(ENTITY_IRI_PREFIX.length);
        if (v.is(KbId, id)) {
          if (!entityIds.includes(id)) entityIds.push(id);
        } else problems.push({ path: `${path}.source`, message: 'is not a valid Glossa entity IRI' });
      }
      return;
    }
    if (typeof b.value === 'string' && (types.length === 0 || types.includes('TextualBody'))) {
      if (b.value.trim()) notes.push(b.value);
    }
  });
  const note = notes.join('\n\n');
  if (note.length > MAX_NOTE)
    problems.push({ path: 'body', message: `the note must be at most ${MAX_NOTE} characters` });

  if (problems.length > 0) return { ok: false, problems };

  // As instants in one form (UTC, milliseconds: what every other write stores), so that
  // they compare as text: "13:00+05:00" is earlier than "12:00Z", not later.
  const created = instant(a.created ?? a.modified ?? now);
  const updated = a.modified === undefined ? created : instant(a.modified);
  if (created === null || updated === null)
    return {
      ok: false,
      problems: [{ path: created === null ? 'created' : 'modified', message: 'is not a date this browser can read' }],
    };
  const item = {
    id: highlightIdOf(a.id),
    // The key the page's own highlights are stored under: a source with tracking
    // parameters or a fragment (another tool's annotations) would be shown on no page.
    url: normalizeUrl(url),
    title: title.slice(0, MAX_TITLE),
    quote: quote!,
    // Without a TextPositionSelector: an empty position, read as "no hint" when anchoring.
    position: position ?? { start: 0, end: 0 },
    color,
    note,
    entityIds,
    created,
    updated,
    ...(scope ? { scope } : {}),
    ...(a.rev !== undefined ? { rev: a.rev } : {}),
    ...(a.created === undefined && a.modified === undefined ? { undated: true as const } : {}),
  };
  // The same checks as every stored row (URL scheme, id format, lengths).
  const row = v.safeParse(ImportRow, item);
  if (!row.success) {
    const paths: Record<string, string> = {
      url: `${targetBase}.source`,
      id: 'id',
      title: `${targetBase}.source.title`,
      updated: 'modified',
    };
    return {
      ok: false,
      problems: row.issues.map((issue) => {
        const p = v.getDotPath(issue) ?? '';
        return { path: paths[p] ?? p, message: issue.message };
      }),
    };
  }
  return { ok: true, item: row.output };
}

/** An ISO 8601 time as `toISOString` writes it, or null where it names no instant. */
function instant(iso: string): string | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function describeItem(index: number, raw: unknown): string {
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : null;
  return `Annotation ${index + 1}${id ? ` (${id.length > 60 ? `${id.slice(0, 57)}…` : id})` : ''}`;
}

/** The list of annotations in a parsed JSON-LD document, or why there is none. */
function itemsOf(doc: unknown): { ok: true; items: unknown[] } | { ok: false; error: string } {
  if (Array.isArray(doc)) return { ok: true, items: doc };
  if (typeof doc !== 'object' || doc === null) {
    return { ok: false, error: 'The file is not a Web Annotation export: it holds no JSON object or list.' };
  }
  const o = doc as Record<string, unknown>;
  const types = Array.isArray(o['type']) ? (o['type'] as unknown[]) : [o['type']];
  if (types.includes('AnnotationCollection')) {
    const first = o['first'];
    if (typeof first === 'string') {
      return {
        ok: false,
        error: 'The collection’s annotations are not in the file (its "first" page is only a link).',
      };
    }
    if (typeof first !== 'object' || first === null || !Array.isArray((first as Record<string, unknown>)['items'])) {
      return {
        ok: false,
        error: 'The AnnotationCollection has no embedded page: "first.items" must be a list of annotations.',
      };
    }
    return { ok: true, items: (first as { items: unknown[] }).items };
  }
  if (types.includes('AnnotationPage')) {
    if (!Array.isArray(o['items'])) return { ok: false, error: 'The AnnotationPage has no "items" list.' };
    return { ok: true, items: o['items'] as unknown[] };
  }
  if (types.includes('Annotation')) return { ok: true, items: [doc] };
  return {
    ok: false,
    error:
      'The file is not a W3C Web Annotation export: expected an AnnotationCollection, an AnnotationPage, a list of annotations or one Annotation.',
  };
}

/**
 * Parses and validates an import file's text. `now` stamps annotations without times.
 * Never throws: a broken file comes back as `{ ok: false, error, problems }`.
 */
export function parseImport(text: string, now: string): ImportParse {
  if (text.length > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      error: `The file is too large (more than ${MAX_IMPORT_BYTES / 1024 / 1024} MB).`,
      problems: [],
    };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // Not the parser's message: it quotes the file's first bytes, unreadable for a binary one.
    return {
      ok: false,
      error:
        'The file is not valid JSON, so it is not a Glossa export (a .jsonld file of W3C Web Annotations). Nothing was imported.',
      problems: [],
    };
  }
  const list = itemsOf(doc);
  if (!list.ok) return { ok: false, error: `${list.error} Nothing was imported.`, problems: [] };
  if (list.items.length === 0)
    return { ok: false, error: 'The file holds no annotations. Nothing was imported.', problems: [] };
  if (list.items.length > MAX_ITEMS) {
    return {
      ok: false,
      error: `The file holds ${list.items.length} annotations; at most ${MAX_ITEMS} can be imported at once. Nothing was imported.`,
      problems: [],
    };
  }

  const problems: string[] = [];
  let bad = 0;
  const byId = new Map<string, ImportItem>();
  let duplicates = 0;
  list.items.forEach((raw, i) => {
    const r = convert(raw, now);
    if (!r.ok) {
      bad++;
      for (const p of r.problems) problems.push(`${describeItem(i, raw)}: ${p.path ? `${p.path} ` : ''}${p.message}`);
      return;
    }
    const prior = byId.get(r.item.id);
    if (prior) {
      duplicates++;
      // The later one, a copy that says when it was modified over one that does not.
      if (prior.undated || (!r.item.undated && r.item.updated >= prior.updated)) byId.set(r.item.id, r.item);
    } else byId.set(r.item.id, r.item);
  });
  if (bad > 0) {
    const shown = problems.slice(0, MAX_MESSAGES);
    if (problems.length > shown.length) shown.push(`…and ${problems.length - shown.length} more problems.`);
    return {
      ok: false,
      error: `${bad} of ${list.items.length} annotations ${bad === 1 ? 'is' : 'are'} invalid, so nothing was imported. Fix the file or export it again:`,
      problems: shown,
    };
  }
  return { ok: true, items: [...byId.values()], duplicates };
}
