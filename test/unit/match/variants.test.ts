import { describe, expect, it } from 'vitest';
import { vowelRuns, vowelsAgree } from '../../../src/lib/match/variants';

describe('vowel agreement of a spelling variant', () => {
  it.each([
    ['Hmeymim', 'Hmeimim'],
    ['Tartous', 'Tartus'],
    ['Abu Mohammed al-Golani', 'Abu Mohammad al-Golani'],
    ['Abu Muhammad al-Jawlani', 'Abu Mohammad al-Jolani'],
    ['Sweida', 'Suwayda'],
    ['Qunaitra', 'Quneitra'],
    ['Zelenskiy', 'Zelensky'],
    ['Murhaf Abu Qasrah', 'Murhaf Abu Qasra'],
    ['Deraa', 'Daraa'],
    ['Hassakeh', 'Hasakah'],
    ['Asaad al-Shaybani', 'Asaad al-Shaibani'],
    ['al-Shibani', 'al-Shaibani'],
  ])('%s agrees with %s', (a, b) => {
    expect(vowelsAgree(a, b)).toBe(true);
  });

  it.each([
    ['Giuliani', 'Julani', 'a vowel one spelling has and the other not (iu for u)'],
    ['Juliana', 'Julani', 'ia for a, a for i'],
    ['Galena', 'Golani', 'a for o'],
    ['Jolene', 'Jolani', 'a silent final e'],
    ['Python', 'Putin', 'y for u'],
    ['Turin', 'Tehran', 'u for e'],
    ['Terrain', 'Tehran', 'ai for a'],
    ['Letícia', 'Latakia', 'i for a'],
    ['Mosque', 'Moscow', 'ue for ow'],
  ])('%s does not agree with %s (%s)', (a, b) => {
    expect(vowelsAgree(a, b)).toBe(false);
  });

  it('normalizes a run: silent h, y and w, doubled letters, ou, au, ei', () => {
    expect(vowelRuns('Teheran')).toEqual(['e', 'a']);
    expect(vowelRuns('Tartous')).toEqual(['a', 'u']);
    expect(vowelRuns('Jawlani')).toEqual(['o', 'a', 'i']);
    expect(vowelRuns('Hmeymim')).toEqual(['ai', 'i']);
  });
});
