import matchData from '@/generated/content-match.json';
import { attachMain } from '@/content/attach';
import type { MatchData } from '@/content/entities/controller';

// The main chunk, injected by the background (content/activate) where the loader found work.
export default defineUnlistedScript(() => {
  attachMain(matchData as MatchData);
});
