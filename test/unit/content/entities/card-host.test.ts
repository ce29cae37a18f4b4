/**
 * Where the card goes (src/content/entities/card-host.ts on src/content/ui/place.ts), on a
 * jsdom page whose only layout is the card's: its natural height, capped by the
 * `--glossa-card-max-height` the placement sets (as card.css does).
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { CardHost } from '../../../../src/content/entities/card-host';
import type { UiHost } from '../../../../src/content/ui/host';

const CARD = { width: 300, height: 450 };

function setUp(dir = 'ltr') {
  const { window } = new JSDOM(`<!doctype html><html dir="${dir}"><body style="direction: ${dir}"></body></html>`);
  const doc = window.document;
  const panel = doc.createElement('div');
  doc.body.appendChild(panel);
  const host = {
    addCss() {},
    panel: () => panel,
    shown() {},
    contains: () => false,
    hasFocus: () => false,
    isClickable: () => true,
  } as unknown as UiHost;
  // The card's box: its natural size, no taller than the cap the placement set on it.
  window.HTMLDivElement.prototype.getBoundingClientRect = function (this: HTMLDivElement) {
    const cap = parseFloat(this.style.getPropertyValue('--glossa-card-max-height')) || Infinity;
    const height = this.classList.contains('glossa-card-container') ? Math.min(CARD.height, cap) : 0;
    const width = this.classList.contains('glossa-card-container') ? CARD.width : 0;
    return new window.DOMRect(0, 0, width, height);
  };
  const card = new CardHost(host, '', { pointerEnter() {}, pointerLeave() {}, escape() {} });
  const resize = (width: number, height: number) => {
    Object.defineProperty(window, 'innerWidth', { value: width, configurable: true });
    Object.defineProperty(window, 'innerHeight', { value: height, configurable: true });
  };
  const container = () => panel.querySelector<HTMLElement>('.glossa-card-container')!;
  const at = () => ({
    top: parseFloat(container().style.top),
    cap: parseFloat(container().style.getPropertyValue('--glossa-card-max-height')),
  });
  const name = (top: number, left = 100) => new window.DOMRect(left, top, 120, 20);
  const left = () => parseFloat(container().style.left);
  return { card, resize, at, name, left };
}

describe('the card’s place', () => {
  it('below the name where it fits; above where only that side has room; squeezed, never over it, where neither has', async () => {
    const { card, resize, at, name } = setUp();
    resize(1024, 800);
    await card.show(null, name(100), false);
    expect(at()).toEqual({ top: 126, cap: 800 - 120 - 6 - 8 });
    await card.show(null, name(600), false);
    expect(at()).toEqual({ top: 600 - 6 - CARD.height, cap: 600 - 6 - 8 });
    resize(1024, 300);
    await card.show(null, name(130), false);
    // 116 px above, 136 below: the card scrolls in the room below, at its least height.
    expect(at()).toEqual({ top: 156, cap: 160 });
  });

  it('is measured at its own height, not at the room the last card had', async () => {
    const { card, resize, at, name } = setUp();
    resize(1024, 300);
    await card.show(null, name(130), false);
    expect(at().cap).toBe(160);
    // 266 px below, 486 above: the whole card fits only above.
    resize(1024, 800);
    await card.show(null, name(500), false);
    expect(at()).toEqual({ top: 500 - 6 - CARD.height, cap: 500 - 6 - 8 });
  });

  it('starts where the name starts: at its left end, and on a right-to-left page at its right end', async () => {
    const ltr = setUp();
    ltr.resize(1024, 800);
    await ltr.card.show(null, ltr.name(100, 600), false);
    expect(ltr.left()).toBe(600);
    const rtl = setUp('rtl');
    rtl.resize(1024, 800);
    await rtl.card.show(null, rtl.name(100, 600), false);
    expect(rtl.left()).toBe(600 + 120 - CARD.width);
  });
});
