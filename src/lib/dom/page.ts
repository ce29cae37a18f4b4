/**
 * What the relevance gate reads from a document, the same way in the content
 * script and in `npm run annotate`.
 */
import { decideRelevance, GATE_SAMPLE_CHARS, type GateResult } from '../gate';
import { visibleSample } from './text-walk';

export function gateDocument(doc: Document): GateResult {
  const body = doc.body;
  return decideRelevance({
    title: doc.title ?? '',
    description: pageDescription(doc),
    sample: body ? visibleSample(body, GATE_SAMPLE_CHARS) : '',
  });
}

/**
 * The meta description, else og:description. Looked up in <head> only: a query over
 * the whole document for a tag a page lacks would walk every element of it.
 */
export function pageDescription(doc: Document): string {
  let og: string | null = null;
  for (const m of doc.head?.getElementsByTagName('meta') ?? []) {
    const name = m.getAttribute('name');
    if (name === 'description') return m.getAttribute('content') ?? '';
    if (og === null && m.getAttribute('property') === 'og:description') og = m.getAttribute('content');
  }
  return og ?? '';
}
