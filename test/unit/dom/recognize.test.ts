import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { matcherFromSeeds } from '../../../scripts/annotate';
import { gateDocument } from '../../../src/lib/dom/page';
import { PageRecognizer } from '../../../src/lib/dom/recognize';
import { visibleSample } from '../../../src/lib/dom/text-walk';
import { decideRelevance } from '../../../src/lib/gate';

const matcher = matcherFromSeeds();

function recognize(html: string, about = true) {
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  const body = document.body as unknown as HTMLElement;
  const rec = new PageRecognizer(matcher, body);
  const text = body.textContent ?? '';
  return rec.finish({ about }).map((m) => [m.entityId, text.slice(m.start, m.end)]);
}

describe('recognition on a DOM', () => {
  it('reads names across inline elements but never across blocks', () => {
    expect(recognize('<p>the Al-Suwayda <strong>Governorate</strong> and <a href="#">Vladimir</a> Putin</p>')).toEqual([
      ['suwayda', 'Al-Suwayda Governorate'],
      ['vladimir-putin', 'Vladimir Putin'],
    ]);
    expect(recognize('<ul><li>Syria</li><li>Russia</li></ul><p>Vladimir</p><p>Putin said</p>')).toEqual([
      ['syria', 'Syria'],
      ['russia', 'Russia'],
      ['vladimir-putin', 'Putin'],
    ]);
  });

  it('skips scripts, styles, code, form fields, hidden and editable regions', () => {
    const found = recognize(
      '<script>var x = "Syria"</script><style>.Russia{}</style><code>Moscow</code><textarea>Damascus</textarea>' +
        '<div hidden>Tartus</div><div contenteditable="true">Latakia</div><p>Idlib</p>',
    );
    expect(found).toEqual([['idlib', 'Idlib']]);
  });

  it('skips everything inside a hidden, aria-hidden or editable region, however deep', () => {
    const found = recognize(
      '<div hidden><p><b>Tartus</b></p></div><div aria-hidden="true"><span><i>Homs</i></span></div>' +
        '<section contenteditable=""><p>Latakia</p></section><div contenteditable="false"><p>Idlib</p></div>',
    );
    expect(found).toEqual([['idlib', 'Idlib']]);
  });

  it('reads a name across nested inline elements, not across an inline element of another block', () => {
    expect(recognize('<p>the <em><a>Al-Suwayda</a></em> <span><b>Governorate</b></span></p>')).toEqual([
      ['suwayda', 'Al-Suwayda Governorate'],
    ]);
    expect(recognize('<div><p><em>Vladimir</em></p><span>Putin</span></div>')).toEqual([['vladimir-putin', 'Putin']]);
  });

  it('reports offsets into body.textContent', () => {
    const { document } = parseHTML('<html><body><script>Syria</script><p>In Moscow, Lavrov</p></body></html>');
    const body = document.body as unknown as HTMLElement;
    const ms = new PageRecognizer(matcher, body).finish({ about: true });
    const text = body.textContent!;
    expect(ms.map((m) => text.slice(m.start, m.end))).toEqual(['Moscow', 'Lavrov']);
  });

  it('gives the same result whether the walk runs in one go or in tiny slices', () => {
    const html = '<p>' + 'Ahmed al-Sharaa met Vladimir Putin in Moscow. '.repeat(300) + '</p><p>Hmeimim</p>';
    const { document } = parseHTML(`<html><body>${html}</body></html>`);
    const body = document.body as unknown as HTMLElement;
    const once = new PageRecognizer(matcher, body).finish({ about: true });
    const sliced = new PageRecognizer(matcher, body);
    let calls = 0;
    while (!sliced.step(() => ++calls % 3 === 0));
    expect(sliced.finish({ about: true })).toEqual(once);
  });
});

describe('relevance gate', () => {
  it('is about Syria and Russia when the opening names both', () => {
    expect(
      decideRelevance({ title: 'Sharaa meets Putin', description: '', sample: 'The Syrian president was in Moscow.' })
        .about,
    ).toBe(true);
  });

  it('stays dormant on pages about other things, including confusable words', () => {
    for (const sample of [
      'Roast the turkey for three hours; us cooks know Jordan almonds.',
      'Novak Djokovic beat his rival in Washington. Putin was not mentioned.',
      'TURKEY DINNER: our Georgia pecan pie.',
    ]) {
      expect(decideRelevance({ title: 'Dinner', description: '', sample }).about).toBe(false);
    }
  });

  it('reads only visible text for its sample', () => {
    const { document } = parseHTML(
      '<html><head><title>Recipes</title></head><body><script>Syria Syria Syria Syria Russia</script><p>Turkey, roasted.</p></body></html>',
    );
    expect(visibleSample(document.body as unknown as Node, 100)).not.toContain('Syria');
    expect(gateDocument(document as unknown as Document).about).toBe(false);
  });

  it('samples the opening only, with a line break between blocks and none inside a block', () => {
    const { document } = parseHTML(
      '<html><body><nav><a>World</a><a>Syria</a></nav><p>In <b>Mos</b>cow</p><div hidden>Putin</div>' +
        `<p>${'x'.repeat(50)}</p><p>Assad</p></body></html>`,
    );
    const sample = visibleSample(document.body as unknown as Node, 30);
    expect(sample).toBe('World\nSyria\nIn Moscow\n' + 'x'.repeat(30 - 'World\nSyria\nIn Moscow\n'.length));
  });

  it('reads the meta description from the head, else og:description', () => {
    const page = (head: string) =>
      parseHTML(`<html><head><title>News</title>${head}</head><body><p>Hello.</p></body></html>`)
        .document as unknown as Document;
    expect(gateDocument(page('<meta name="description" content="Putin hosts Sharaa in Syria talks">')).about).toBe(
      true,
    );
    expect(
      gateDocument(page('<meta property="og:description" content="Putin hosts Sharaa in Syria talks">')).about,
    ).toBe(true);
    expect(gateDocument(page('<meta name="keywords" content="Putin, Sharaa, Syria">')).about).toBe(false);
  });

  it('does not count a kitchen word as an anchor, even where it starts like one', () => {
    const sample = 'Aleppo pepper, Aleppo pepper and Russian dressing. Moscow mules.';
    expect(decideRelevance({ title: 'Aleppo pepper recipes', description: '', sample })).toEqual({
      about: false,
      syria: 0,
      russia: 0,
    });
  });
});

describe('word edges between elements', () => {
  it('reads side-by-side links as separate words, a drop cap as part of its word', () => {
    expect(recognize('<nav><a>Syria</a><a>Russia</a><a>Iran</a></nav><p><span class="dc">R</span>ussia</p>')).toEqual([
      ['syria', 'Syria'],
      ['russia', 'Russia'],
      ['iran', 'Iran'],
      ['russia', 'Russia'],
    ]);
  });

  it('does not call a page about Latakia tobacco a page about Syria', () => {
    const sample = 'Latakia blends: Syrian Latakia, Cyprian Latakia. Our Latakia tin. The Syrian leaf, Latakia smoke.';
    expect(decideRelevance({ title: 'Latakia tobacco review', description: '', sample }).about).toBe(false);
  });
});
