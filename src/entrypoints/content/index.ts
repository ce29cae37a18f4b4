import matchData from '@/generated/match-data.json';
import { PageController, type MatchData } from '@/lib/content/controller';
import './style.css';

// Composition root: everything lives in src/lib (see controller.ts for the flow).
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const controller = new PageController(window, matchData as MatchData, ctx.signal);
    ctx.addEventListener(window, 'wxt:locationchange', () => controller.onLocationChange());
    void controller.start();
  },
});
