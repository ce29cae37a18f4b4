import { describe, expect, it } from 'vitest';
import { hidesContents, type EffectStyle } from '../../../../src/content/ui/host';

const plain: EffectStyle = { filter: 'none', transform: 'none', clipPath: 'none', mixBlendMode: 'normal' };

describe('hidesContents: what of <html>’s style may hide Glossa’s UI inside it', () => {
  it('nothing set, or only tints: hides nothing', () => {
    expect(hidesContents(plain)).toBe(false);
    for (const filter of [
      'grayscale(1)',
      'sepia(0.5) saturate(2)',
      'hue-rotate(90deg) invert(1)',
      'opacity(1)',
      'brightness(0.9)',
      'blur(1px)',
      // A dark theme's filter mode, as reader extensions apply it.
      'invert(0.9) hue-rotate(180deg) brightness(1.1) contrast(0.9)',
    ]) {
      expect(hidesContents({ ...plain, filter }), filter).toBe(false);
    }
    expect(hidesContents({ ...plain, transform: 'matrix(1, 0, 0, 1, 0, -40)' }), 'a move').toBe(false);
  });

  it('a filter that fades, darkens, flattens or blurs hides', () => {
    for (const filter of [
      'opacity(0.02)',
      'opacity(2%)',
      'grayscale(1) opacity(0.5)',
      'brightness(0)',
      'contrast(0.1)',
      'blur(30px)',
      'url("#x")',
      // Chains count as a whole: each step alone would pass.
      Array.from({ length: 460 }, () => 'opacity(0.99)').join(' '),
      'brightness(0.6) brightness(0.6)',
      'contrast(0.7) contrast(0.7)',
      'blur(1.5px) blur(1.5px)',
      // Half an inversion: one flat grey.
      'invert(0.5)',
      'invert(1) invert(1) invert(1)',
    ]) {
      expect(hidesContents({ ...plain, filter }), filter).toBe(true);
    }
  });

  it('a clip path, a mask, a shrinking transform or a blend mode hides', () => {
    expect(hidesContents({ ...plain, clipPath: 'inset(50%)' })).toBe(true);
    expect(hidesContents({ ...plain, maskImage: 'linear-gradient(transparent, transparent)' })).toBe(true);
    expect(hidesContents({ ...plain, webkitMaskImage: 'url(x.png)' })).toBe(true);
    expect(hidesContents({ ...plain, transform: 'matrix(0.01, 0, 0, 0.01, 0, 0)' })).toBe(true);
    expect(hidesContents({ ...plain, transform: 'matrix3d(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)' })).toBe(
      true,
    );
    expect(hidesContents({ ...plain, mixBlendMode: 'screen' })).toBe(true);
  });
});

describe('hidesContents: the individual transforms and zoom', () => {
  it('a shrinking scale, a rotation or a zoom below 1 hides; their defaults do not', () => {
    // `html { scale: .01 } body { scale: 100 }` leaves `transform` at none (Firefox has no
    // IntersectionObserver v2 to notice): the shrink must be seen from these properties.
    expect(hidesContents({ ...plain, scale: 'none', rotate: 'none', zoom: '1' })).toBe(false);
    expect(hidesContents({ ...plain, scale: '1' })).toBe(false);
    expect(hidesContents({ ...plain, rotate: '0deg' })).toBe(false);
    expect(hidesContents({ ...plain, scale: '0.01' })).toBe(true);
    expect(hidesContents({ ...plain, scale: '0.01 0.01' })).toBe(true);
    expect(hidesContents({ ...plain, rotate: '180deg' })).toBe(true);
    expect(hidesContents({ ...plain, zoom: '0.05' })).toBe(true);
  });
});
