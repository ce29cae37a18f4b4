import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
import { COMPILE_HINT, compileHint, EAGER_CHUNKS } from '../../../../scripts/build/compile-hint';

/** A bundle of chunks and one asset, as Rollup hands it to generateBundle. */
function bundleOf(...files: string[]): OutputBundle {
  const bundle: Record<string, unknown> = {};
  for (const fileName of files) bundle[fileName] = { type: 'chunk', fileName, code: `!function(){/*${fileName}*/}();` };
  bundle['note.css'] = { type: 'asset', fileName: 'note.css', source: 'p{}' };
  return bundle as OutputBundle;
}

function generate(enabled: boolean, bundle: OutputBundle): void {
  const hook = compileHint(() => enabled).generateBundle as (o: unknown, b: OutputBundle, w: boolean) => void;
  hook.call({}, {}, bundle, false);
}

const code = (bundle: OutputBundle, file: string) => (bundle[file] as { code: string }).code;

describe('compileHint', () => {
  it('puts the hint first in the chunks that run at once, and only there', () => {
    const bundle = bundleOf('loader.js', 'loader-awake.js', 'content-main.js', 'content-ui.js', 'popup.js');
    generate(true, bundle);
    for (const f of EAGER_CHUNKS) expect(code(bundle, f)).toBe(`${COMPILE_HINT}!function(){/*${f}*/}();`);
    expect(code(bundle, 'content-ui.js')).not.toContain('allFunctionsCalledOnLoad');
    expect(code(bundle, 'popup.js')).not.toContain('allFunctionsCalledOnLoad');
    expect((bundle['note.css'] as { source: string }).source).toBe('p{}');
  });

  it('is the magic comment V8 reads, on a line of its own', () => {
    expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad\n');
  });

  it('adds nothing where it is off (Firefox builds), and never twice', () => {
    const off = bundleOf('loader.js');
    generate(false, off);
    expect(code(off, 'loader.js')).toBe('!function(){/*loader.js*/}();');
    const twice = bundleOf('content-main.js');
    generate(true, twice);
    generate(true, twice);
    expect(code(twice, 'content-main.js').split('allFunctionsCalledOnLoad')).toHaveLength(2);
  });
});
