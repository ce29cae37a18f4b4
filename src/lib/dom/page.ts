/**
 * What the relevance gate reads from a document, the same way in the content
 * script and in `npm run annotate`.
 */
import { decideRelevance, GATE_SAMPLE_CHARS, type GateResult } from '../gate';
import { visibleSample } from './text-walk';

export function gateDocument(doc: Document): GateResult {
  const meta =
    doc.querySelector('meta[name="description"]')?.getAttribute('content') ??
    doc.querySelector('meta[property="og:description"]')?.getAttribute('content') ??
    '';
  const body = doc.body;
  return decideRelevance({
    title: doc.title ?? '',
    description: meta,
    sample: body ? visibleSample(body, GATE_SAMPLE_CHARS) : '',
  });
}
