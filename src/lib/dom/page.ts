/**
 * The relevance gate over a document, the same way in the content script and in
 * `npm run annotate`: `gateInput` (gate-input.ts) takes the headline, lead and opening
 * paragraphs; `decideRelevance` (../gate.ts) decides with the vocabulary the KB build
 * wrote (src/generated/gate-vocabulary.json), which the caller passes in.
 */
import { decideRelevance, type GateResult, type GateVocabulary } from '../gate';
import { legacyRelevance } from './gate-legacy';
import { gateInput } from './gate-input';

/**
 * Is `doc` in Glossa's domain? Pass the shipped vocabulary. Without it (callers not yet
 * moved to the loader's gate) the former hand-written gate answers: see gate-legacy.ts.
 *
 * The loader should call `decideRelevance(gateInput(document), vocabulary)` itself
 * (../gate.ts, ./gate-input.ts): importing this module bundles the former gate too.
 */
export function gateDocument(doc: Document, vocabulary?: GateVocabulary): GateResult {
  if (vocabulary) return decideRelevance(gateInput(doc), vocabulary);
  return legacyRelevance(doc);
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
