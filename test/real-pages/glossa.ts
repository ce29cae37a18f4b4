/** The annotator of this checkout for the real-pages scorer: `npm run annotate`'s own code. */
import { annotateDocument, matcherFromSeeds, parsePage, vocabularyFromSeeds } from '../../scripts/annotate';
import { quietPage } from '../../src/lib/dom/gate-input';
import { mayBeAbout } from '../../src/lib/gate';
import type { Annotator, ToolResult } from './score';
import { visibleOf } from './score';

export function glossaAnnotator(): Annotator {
  const matcher = matcherFromSeeds();
  const vocabulary = vocabularyFromSeeds();
  // The normal and the --active run read the same bytes: parse once, and on a page the
  // gate lets through the two runs are one.
  let last: { bytes: Uint8Array; doc: Document; normal?: ToolResult } | null = null;
  return (bytes, active) => {
    if (last?.bytes !== bytes) last = { bytes, doc: parsePage(bytes) };
    if (active && last.normal?.about) return last.normal;
    const doc = last.doc;
    // Before annotating: what the loader's precheck sees is the page as loaded.
    const quiet = active ? undefined : quietPage(doc, (t) => mayBeAbout(t, vocabulary));
    const a = annotateDocument(doc, matcher, vocabulary, { active });
    const { text, visible } = visibleOf(doc.body);
    const result = { about: a.about_syria_russia, quiet, text, visible, mentions: a.mentions };
    if (!active) last.normal = result;
    return result;
  };
}
