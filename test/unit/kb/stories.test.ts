/**
 * The KB against the hand-read list of cross-source stories and disagreements
 * (test/kb-stories/stories.json, written by reading the five articles): prints the
 * figures and fails below the targets of issue #13.
 */
import { describe, expect, it } from 'vitest';
import { loadSeeds } from '../../../scripts/load-seeds';
import { buildKb } from '../../../src/lib/kb/build';
import { formatStoryScore, scoreStories, type ScoredKb, type StoryList } from '../../kb-stories/score';
import list from '../../kb-stories/stories.json';

const { articles, catalog, notEntities } = loadSeeds();
const { kb } = buildKb(articles, catalog, notEntities);
const score = scoreStories(kb as unknown as ScoredKb, list as unknown as StoryList);
console.log(`KB stories (test/kb-stories/stories.json)\n${formatStoryScore(score)}`);

describe('stories and differences, scored against the hand-read list', () => {
  it('finds every quote of the list in exactly one claim', () => {
    expect(score.unresolved).toEqual([]);
  });

  it('captures at least 80 % of the cross-source stories', () => {
    expect(score.stories.captured.length / score.stories.total).toBeGreaterThanOrEqual(0.8);
  });

  it('reports the Moscow meeting as told by all five sources', () => {
    expect(score.moscowMeeting).toEqual({ sources: 5, of: 5 });
  });

  it('joins no claims that report different facts', () => {
    expect(score.groups.joiningDifferentFacts).toEqual([]);
  });

  it('shows every listed difference, and none the list does not hold', () => {
    expect(score.differences.missing).toEqual([]);
    expect(score.differences.unconfirmed).toEqual([]);
  });

  it('dates at least 95 % of the main actors’ timeline entries right', () => {
    expect(score.timeline.mainRight / score.timeline.mainEntries).toBeGreaterThanOrEqual(0.95);
  });
});
