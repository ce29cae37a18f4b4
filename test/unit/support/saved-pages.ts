/**
 * The saved pages the walk's and the scope's tests run over: every corpus page (the test
 * corpus, the held-out one, the look-alikes) and the real pages of ../shared/real-pages
 * where they are beside the checkout (CI has only the corpus).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../corpus/score';
import { hasRealPages, loadLabels, SHARED } from '../../real-pages/score';

export interface SavedPage {
  name: string;
  html: string;
}

const TEST = join(__dirname, '..', '..');

export function corpusPages(): SavedPage[] {
  return [
    ...loadCorpus(),
    ...loadCorpus(join(TEST, 'corpus-heldout')),
    ...loadCorpus(join(TEST, 'corpus-lookalikes')),
  ].map((p) => ({ name: p.name, html: p.html }));
}

/** None where ../shared/real-pages is not beside the checkout. */
export function realPages(): SavedPage[] {
  return hasRealPages()
    ? loadLabels().map((l) => ({ name: l.file, html: readFileSync(join(SHARED, l.file), 'utf8') }))
    : [];
}
