import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayText, splitSentences, type Segment } from '../../../../src/lib/kb/sentences';

const texts = (text: string): string[] => splitSentences(text).map((s) => text.slice(s.start, s.end));

/** Every non-space character in exactly one segment; segments trimmed, ordered, within one line. */
function expectWellFormed(text: string, segments: Segment[]): void {
  const owner = new Array<number>(text.length).fill(-1);
  segments.forEach((seg, i) => {
    expect(seg.start).toBeLessThan(seg.end);
    expect(text.slice(seg.start, seg.end)).toBe(text.slice(seg.start, seg.end).trim());
    expect(text.slice(seg.start, seg.end)).not.toContain('\n');
    if (i > 0) expect(seg.start).toBeGreaterThanOrEqual(segments[i - 1]?.end ?? 0);
    for (let k = seg.start; k < seg.end; k++) owner[k] = i;
  });
  const uncovered: string[] = [];
  for (let k = 0; k < text.length; k++) {
    if (!/\s/.test(text[k] ?? '') && owner[k] === -1) uncovered.push(`${k}:${text[k]}`);
  }
  expect(uncovered).toEqual([]);
}

describe('splitSentences: abbreviations do not end sentences', () => {
  it.each([
    ['several Arab leaders were preoccupied with implementation of U.S. President Donald Trump’s plan for Gaza.'],
    [
      'During his visit to New York for the U.N. General Assembly in September, Sharaa met with several high-level Western leaders.',
    ],
    [
      'Sharaa is accompanied by Minister of Foreign Affairs and Expatriates Asaad Hassan al-Shaibani and Defense Minister Maj.-Gen. Murhaf Abu Qasra.',
    ],
    ['And so, on Oct. 3, a Syrian defense delegation led by the military’s chief of staff visited Moscow.'],
    ['This is because many countries, including the U.S. and E.U., are still imposing an arms embargo on Syria.'],
    ['- O. Peri is a research fellow at MEMRI.'],
    ['Mr. Smith met Dr. Jones on St. Mark Street.'],
    ['The talks resumed on Jan. 3 in Geneva.'],
    ['Resolution No. 2254 was cited vs. the older text.'],
    ['Some allies, e.g. Turkey, and others, i.e. Qatar, stayed.'],
    ['He arrived on Sept. 9 with his delegation.'],
  ])('%s', (sentence) => {
    expect(texts(sentence)).toEqual([sentence]);
  });

  it('breaks after an abbreviation when a common sentence starter follows (documented rule)', () => {
    expect(texts('Talks were brokered by the U.S. The next round is due.')).toEqual([
      'Talks were brokered by the U.S.',
      'The next round is due.',
    ]);
    // A capitalised word that is not a sentence starter continues the name: no break.
    expect(texts('He met the U.S. Secretary of State.')).toEqual(['He met the U.S. Secretary of State.']);
    expect(texts('It ended in Oct. In November it resumed.')).toEqual(['It ended in Oct.', 'In November it resumed.']);
  });

  it('still breaks at ordinary full stops before capitalised words', () => {
    expect(texts('Russia backed Assad. In 2015, Moscow intervened in the Syrian civil war to back Assad.')).toEqual([
      'Russia backed Assad.',
      'In 2015, Moscow intervened in the Syrian civil war to back Assad.',
    ]);
  });
});

describe('splitSentences: footnotes, quotes, ellipses', () => {
  it('keeps a footnote marker after the stop with the sentence before it', () => {
    const text =
      'During Syria’s civil war it took brutal action against Assad’s opponents,[1] and today it provides asylum to the ousted president himself, his family and senior officials of his regime, while refusing to extradite them.[2] Hay’at Tahrir Al-Sham (HTS), the organization led by Al-Sharaa before he became president,[3] was frequently a target of these Russian attacks.';
    expect(texts(text)).toEqual([
      'During Syria’s civil war it took brutal action against Assad’s opponents,[1] and today it provides asylum to the ousted president himself, his family and senior officials of his regime, while refusing to extradite them.[2]',
      'Hay’at Tahrir Al-Sham (HTS), the organization led by Al-Sharaa before he became president,[3] was frequently a target of these Russian attacks.',
    ]);
  });

  it('keeps closing quotes (and a footnote after them) with the sentence', () => {
    expect(
      texts(
        'In 2019, Russian Foreign Minister Sergey Lavrov declared that “the den of terrorists must be destroyed.” He was referring Hayat Tahrir al-Sham (HTS).',
      ),
    ).toEqual([
      'In 2019, Russian Foreign Minister Sergey Lavrov declared that “the den of terrorists must be destroyed.”',
      'He was referring Hayat Tahrir al-Sham (HTS).',
    ]);
    expect(texts('Russia said it was helping Syria fight “terrorists.” One of the groups was HTS.')).toEqual([
      'Russia said it was helping Syria fight “terrorists.”',
      'One of the groups was HTS.',
    ]);
    expect(
      texts(
        'and wrote: “Today in Russia and soon in Syria.”[14] During the visit of the Russian delegation, sources reported it.',
      ),
    ).toEqual([
      'and wrote: “Today in Russia and soon in Syria.”[14]',
      'During the visit of the Russian delegation, sources reported it.',
    ]);
  });

  it('splits inside a long quotation, and at a sentence that opens with a quotation mark', () => {
    expect(
      texts(
        'wrote on X: “Russia killed tens of thousands of Syrians. Russia destroyed half of our [country’s] infrastructure. Russia will improve nothing in Syria, literally nothing!!”[27]',
      ),
    ).toEqual([
      'wrote on X: “Russia killed tens of thousands of Syrians.',
      'Russia destroyed half of our [country’s] infrastructure.',
      'Russia will improve nothing in Syria, literally nothing!!”[27]',
    ]);
    expect(
      texts(
        'Economic cooperation will be on the list as well. “According to the Directorate, Sharaa will meet Putin,” SANA said.',
      ),
    ).toEqual([
      'Economic cooperation will be on the list as well.',
      '“According to the Directorate, Sharaa will meet Putin,” SANA said.',
    ]);
    expect(
      texts(
        'after visiting Russia, what prevents [Al-Sharaa] from also visiting Tehran?!! A handshake with Putin will not cleanse it.',
      ),
    ).toEqual([
      'after visiting Russia, what prevents [Al-Sharaa] from also visiting Tehran?!!',
      'A handshake with Putin will not cleanse it.',
    ]);
    expect(texts('[It is an act of] great insolence. [It is] nothing else.')).toEqual([
      '[It is an act of] great insolence.',
      '[It is] nothing else.',
    ]);
  });

  it('treats an ellipsis before a lower-case word as an omission, not a break', () => {
    const s =
      '“We understand that the government is entitled to consider the country’s needs… but the Syrians will not forget what Russia did.';
    expect(texts(s)).toEqual([s]);
  });

  it('breaks at an ellipsis before a capitalised word unless a function word precedes it', () => {
    // "Putin... Sharaa is accompanied": the quoted report resumes with a new sentence.
    expect(
      texts(
        'As Syria’s state media noted, “Sharaa arrived in Russia on Wednesday for an official visit to hold talks with his Russian counterpart Vladimir Putin... Sharaa is accompanied by Minister of Foreign Affairs and Expatriates Asaad Hassan al-Shaibani and Defense Minister Maj.-Gen. Murhaf Abu Qasra.”',
      ),
    ).toEqual([
      'As Syria’s state media noted, “Sharaa arrived in Russia on Wednesday for an official visit to hold talks with his Russian counterpart Vladimir Putin...',
      'Sharaa is accompanied by Minister of Foreign Affairs and Expatriates Asaad Hassan al-Shaibani and Defense Minister Maj.-Gen. Murhaf Abu Qasra.”',
    ]);
    // "with... Putin": a sentence cannot end with "with", so the ellipsis marks an omission.
    const sana =
      '“According to the Presidential Media Directorate, Sharaa is scheduled to meet with... Putin... to discuss regional and international developments of mutual interest and ways to enhance cooperation in the service of both countries’ shared interests,” SANA said.';
    expect(texts(sana)).toEqual([sana]);
    expect(texts('Russian airstrikes continued for years… It would be better if we could negotiate.')).toEqual([
      'Russian airstrikes continued for years…',
      'It would be better if we could negotiate.',
    ]);
  });

  it('never crosses a newline, and trims each segment', () => {
    const text = '  First line without stop\n\nSecond line. Third sentence.  \r\n  Fourth.';
    const segs = splitSentences(text);
    expect(segs.map((s) => text.slice(s.start, s.end))).toEqual([
      'First line without stop',
      'Second line.',
      'Third sentence.',
      'Fourth.',
    ]);
    expectWellFormed(text, segs);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n \n')).toEqual([]);
  });
});

describe('splitSentences: headings', () => {
  it.each([
    'Counterbalancing Relations With The West',
    "Al-Sharaa's objectives",
    'Moscow is part of that stage',
    "Kurds' security guarantees and Russian role",
    'Resentment Among Syrians: Russia Helped Assad Kill And Oppress Us; Al-Sharaa’s Meeting With Putin Is Treason',
    'Criticism of Al-Sharaa: His Visit To Russia Was Treason Against The Syrians And The Blood Of Their Murdered Martyrs',
  ])('a short unpunctuated line is a heading: %s', (line) => {
    const text = `Before it.\n${line}\nAfter it.`;
    expect(splitSentences(text).map((s) => s.kind)).toEqual(['sentence', 'heading', 'sentence']);
  });

  it('the same words with a full stop are a sentence', () => {
    expect(
      splitSentences('He feels confident on the global stage. Moscow is part of that stage.').map((s) => s.kind),
    ).toEqual(['sentence', 'sentence']);
    expect(splitSentences('Moscow is part of that stage.')[0]?.kind).toBe('sentence');
  });

  it('a line ending in a colon introduces a list and stays a sentence', () => {
    const line =
      'The significance of this visit must be understood within the current regional context, driven by several critical factors:';
    expect(splitSentences(line)[0]?.kind).toBe('sentence');
  });

  it('a long unpunctuated line is a sentence, and so is a multi-sentence line without a final stop', () => {
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    expect(splitSentences(long)[0]?.kind).toBe('sentence');
    expect(splitSentences('Sharaa met Putin. They talked for hours').map((s) => s.kind)).toEqual([
      'sentence',
      'sentence',
    ]);
  });
});

describe('displayText', () => {
  it('removes numeric footnote markers and tidies the space they leave', () => {
    const text = 'against Assad’s opponents,[1] and today it provides asylum to them.[2]';
    expect(displayText(text, 0, text.length)).toBe('against Assad’s opponents, and today it provides asylum to them.');
    const spaced = 'a word [3] next [12].';
    expect(displayText(spaced, 0, spaced.length)).toBe('a word next.');
    const leading = '[4] Then it went on.';
    expect(displayText(leading, 0, leading.length)).toBe('Then it went on.');
    const two = 'Done.[5][6]';
    expect(displayText(two, 0, two.length)).toBe('Done.');
  });

  it('keeps editorial insertions in brackets and changes nothing else', () => {
    const text =
      'X said: “Russia destroyed half of our [country’s] infrastructure. Russia shielded and defended Bashar [Al-Assad] and his associates.”[27]';
    expect(displayText(text, 0, text.length)).toBe(
      'X said: “Russia destroyed half of our [country’s] infrastructure. Russia shielded and defended Bashar [Al-Assad] and his associates.”',
    );
    const clean = '  It is verbatim —  with   odd spacing.';
    expect(displayText(clean, 0, clean.length)).toBe(clean);
  });

  it('works on a segment inside a larger text', () => {
    const text = 'One.[1] Two is here.[2] Three.';
    const segs = splitSentences(text);
    expect(segs.map((s) => displayText(text, s.start, s.end))).toEqual(['One.', 'Two is here.', 'Three.']);
  });
});

describe('splitSentences on the seeds', () => {
  // The project keeps the articles under seeds/ (raw .txt copies or articles/*.md); the
  // invariant holds for any text, front matter included, so the files are read as they are.
  const root = join(process.cwd(), 'seeds');
  const files = [root, join(root, 'articles')]
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => /\.(txt|md)$/.test(f))
        .map((f) => join(dir, f)),
    );

  it.skipIf(files.length === 0).each(files)('%s: well-formed cover of the text', (file) => {
    const text = readFileSync(file, 'utf8');
    expectWellFormed(text, splitSentences(text));
  });

  it('a seed paragraph with abbreviations, quotes and footnotes', () => {
    const text =
      'Another key Syrian interest is to renew the supply of Russian weapons to Syria and to obtain Russian assistance in training Syria’s armed forces, building on the long history of military cooperation between the two countries. Al-Sharaa’s communications advisor Ahmad Muwaffaq Zaidan admitted in an August interview with Al-Arabiya that, despite Russia’s crimes against the Syrians, at present there was “no choice” but to rely on it for spare parts and weapons.[13] This is because many countries, including the U.S. and E.U., are still imposing an arms embargo on Syria, despite the easing of the sanctions on it since the advent of the Al-Sharaa regime.\nRussian Weapons And Assistance In Military Training';
    const segs = splitSentences(text);
    expectWellFormed(text, segs);
    expect(segs.map((s) => [text.slice(s.start, s.start + 25), s.kind])).toEqual([
      ['Another key Syrian intere', 'sentence'],
      ['Al-Sharaa’s communication', 'sentence'],
      ['This is because many coun', 'sentence'],
      ['Russian Weapons And Assis', 'heading'],
    ]);
  });
});
