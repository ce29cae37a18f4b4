/**
 * The relevance gate over a document, the same way in the content script and in
 * `npm run annotate`: `gateInput` (gate-input.ts) takes the headline, lead and opening
 * paragraphs; `decideRelevance` (../gate.ts) decides with the vocabulary the KB build
 * wrote (src/generated/gate-vocabulary.json), which the caller passes in.
 */
import { decideRelevance, type GateResult, type GateVocabulary } from '../gate';
import { gateInput } from './gate-input';

/** Is `doc` in Glossa's domain? `vocabulary` is the shipped one (src/generated/gate-vocabulary.json). */
export function gateDocument(doc: Document, vocabulary: GateVocabulary): GateResult {
  return decideRelevance(gateInput(doc), vocabulary);
}

/** The meta description, else og:description (looked up in <head> only). */
export function pageDescription(doc: Document): string {
  let og: string | null = null;
  for (const m of doc.head?.getElementsByTagName('meta') ?? []) {
    const name = m.getAttribute('name');
    if (name === 'description') return m.getAttribute('content') ?? '';
    if (og === null && m.getAttribute('property') === 'og:description') og = m.getAttribute('content');
  }
  return og ?? '';
}
