import matchData from '@/generated/content-match.json';
import { PageController, type MatchData } from '@/content/entities/controller';
import { HighlightsController } from '@/content/highlights/controller';
import './style.css';

// Composition root: everything lives in src/lib (see controller.ts for the flow).
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const controller = new PageController(window, matchData as MatchData, ctx.signal);
    ctx.addEventListener(window, 'wxt:locationchange', () => controller.onLocationChange());
    void controller.start();
    // The reader's highlights: on every page, not only those about Syria and Russia.
    const highlights = new HighlightsController(window, (matchData as MatchData).compiled, ctx.signal);
    ctx.addEventListener(window, 'wxt:locationchange', () => highlights.onLocationChange());
    void highlights.start();
  },
});
