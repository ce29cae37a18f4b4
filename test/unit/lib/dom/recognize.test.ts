import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { matcherFromSeeds } from '../../../../scripts/annotate';
import { PageRecognizer } from '../../../../src/lib/dom/recognize';

const matcher = matcherFromSeeds();

function recognize(html: string, about = true) {
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  const body = document.body as unknown as HTMLElement;
  const rec = new PageRecognizer(matcher, body, { scope: 'all' });
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

describe('word edges between elements', () => {
  it('reads side-by-side links as separate words, a drop cap as part of its word', () => {
    expect(recognize('<nav><a>Syria</a><a>Russia</a><a>Iran</a></nav><p><span class="dc">R</span>ussia</p>')).toEqual([
      ['syria', 'Syria'],
      ['russia', 'Russia'],
      ['iran', 'Iran'],
      ['russia', 'Russia'],
    ]);
  });
});

describe('a first look while the walk goes on (the first screen)', () => {
  const paragraph = (i: number) =>
    `<p>Paragraph ${i}: Ahmed al-Sharaa met Vladimir Putin in Moscow; later Sharaa and Putin spoke of Hmeimim, ` +
    `Tartus and the Kremlin; Alexander Novak came, and Novak and Washington answered.</p>`;
  const html = Array.from({ length: 120 }, (_, i) => paragraph(i)).join('');
  const setUp = () => {
    const { document } = parseHTML(`<html><body>${html}</body></html>`);
    const body = document.body as unknown as HTMLElement;
    return { rec: new PageRecognizer(matcher, body, { scope: 'all' }), text: body.textContent ?? '' };
  };
  const spans = (ms: { entityId: string; start: number; end: number }[]) =>
    ms.map((m) => `${m.entityId}@${m.start}-${m.end}`);

  it('gives the mentions read so far, as the whole recognition will, and changes nothing', () => {
    const whole = setUp();
    const final = whole.rec.finish({ about: true });

    const { rec } = setUp();
    while (!rec.step(() => rec.length > 3000) && !(rec.length > 3000 && !rec.walked));
    expect(rec.walked).toBe(false);
    const cut = rec.length;
    const first = rec.preview({ about: true });
    // A second look is the same look: the preview leaves the recognition as it was.
    expect(spans(rec.preview({ about: true }))).toEqual(spans(first));
    // Well before the pause, the first look is final (a short form after its full name included).
    const before = (ms: typeof final) => ms.filter((m) => m.end < cut - 200);
    expect(before(first).length).toBeGreaterThan(10);
    expect(first.some((m) => m.weak)).toBe(true);
    expect(spans(before(first))).toEqual(spans(before(final)));
    expect(first.every((m) => m.end <= cut)).toBe(true);
    // And the recognition, carried on, ends exactly as one that never paused.
    expect(spans(rec.finish({ about: true }))).toEqual(spans(final));
  });
});
