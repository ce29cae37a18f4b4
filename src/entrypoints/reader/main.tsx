import { render } from 'preact';
import '@/components/base.css';
import '@/components/page/page.css';
// The marks' styles, as the content script has them on web pages.
import '../content/style.css';
import './style.css';
import matchData from '@/generated/content-match.json';
import { ReaderApp } from '@/components/reader/ReaderApp';
import { PageController, type MatchData } from '@/content/entities/controller';
import { readerPath } from '@/lib/reader-url';

const root = document.getElementById('app');
if (!root) throw new Error('reader.html has no #app element');

/**
 * The reader's own text gets Glossa's marks and cards like any page: the content script's
 * controller, run on this document (content scripts do not run on extension pages). It is
 * forced active (no relevance gate or site rule applies to Glossa's own page), and a
 * card's claim links navigate this tab rather than opening another.
 */
let controller: PageController | null = null;
function startMarks(): void {
  if (controller) return;
  const abort = new AbortController();
  controller = new PageController(window, matchData as MatchData, abort.signal, {
    forceActive: true,
    openReader: (target) => window.location.assign(readerPath(target)),
  });
  window.addEventListener('pagehide', () => abort.abort(), { once: true });
  void controller.start();
}

render(<ReaderApp onContent={startMarks} />, root);
