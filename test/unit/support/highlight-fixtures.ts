import type { Highlight } from '../../../src/lib/highlights/schema';

export const UUID_A = '3b241101-e2bb-4255-8caf-4136c566a962';
export const UUID_B = '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2a';
export const UUID_C = 'c56a4180-65aa-42ec-a945-5fd21dec0538';

export function highlight(overrides: Partial<Highlight> = {}): Highlight {
  return {
    id: UUID_A,
    url: 'https://news.example/world/sharaa-putin',
    title: "Syria's interim leader meets Putin in Moscow",
    quote: {
      exact: 'Putin told reporters that Russia was ready to keep working with Damascus',
      prefix: 'according to officials on both sides. ',
      suffix: ' on energy and reconstruction.',
    },
    position: { start: 340, end: 413 },
    color: 'yellow',
    note: 'Compare with the Kremlin readout.',
    entityIds: ['vladimir-putin', 'russia', 'damascus'],
    rev: 1,
    created: '2025-10-20T10:00:00.000Z',
    updated: '2025-10-21T09:30:00.000Z',
    scope: 'article',
    ...overrides,
  };
}

export function threeHighlights(): Highlight[] {
  return [
    highlight(),
    highlight({
      id: UUID_B,
      quote: { exact: 'Hmeimim', prefix: 'the Russian air base at ', suffix: ', near Latakia' },
      position: { start: 120, end: 127 },
      color: 'green',
      note: '',
      entityIds: ['hmeimim'],
      scope: undefined,
      updated: '2025-10-22T08:00:00.000Z',
    }),
    highlight({
      id: UUID_C,
      url: 'https://other.example/analysis?id=4',
      title: 'Analysis: [Bases] & *leverage*',
      quote: { exact: 'a cautious reset\nrather than a new alliance', prefix: 'the meeting as ', suffix: '.' },
      position: { start: 10, end: 52 },
      color: 'pink',
      note: 'Line one\n# not a heading',
      entityIds: [],
      scope: undefined,
      created: '2025-11-01T12:00:00.000Z',
      updated: '2025-11-01T12:00:00.000Z',
    }),
  ].map((h) => {
    if (h.scope === undefined) delete h.scope;
    return h;
  });
}
