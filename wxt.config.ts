import { defineConfig } from 'wxt';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { manifestCommands } from './src/lib/commands';
import { publishSharedModules, takeSharedModules } from './scripts/build/shared-modules';
import { terserPass } from './scripts/build/terser-pass';
import { compileHint } from './scripts/build/compile-hint';

/** The browser being built for (WXT's `config:resolved` hook sets it before any build). */
let targetBrowser = 'chrome';
const chromiumBuild = () => targetBrowser !== 'firefox';

// The content loader runs on every http(s) page, so its bundle is kept small (≤ 8 KB
// gzipped). WXT wraps an unlisted script's `main` in a start-up guard whose only extra work
// in a production build is to log through a logger that prints nothing there: the loader's
// production build starts the same way (WXT's plugins, then `main`) without it. WXT loads
// that wrapper as the virtual module "virtual:wxt-unlisted-script-entrypoint?<entry path>";
// should the name change, this plugin matches nothing and the build is WXT's own again.
function bareUnlistedScript(): Plugin {
  const id = /^\0virtual:wxt-unlisted-script-entrypoint\?/;
  return {
    name: 'glossa:bare-unlisted-script',
    enforce: 'pre',
    apply: (_config, { mode }) => mode === 'production',
    load: {
      filter: { id },
      handler: (moduleId) =>
        [
          `import definition from ${JSON.stringify(moduleId.replace(id, ''))};`,
          `import { initPlugins } from 'virtual:wxt-plugins';`,
          'initPlugins();',
          'definition.main();',
        ].join('\n'),
    },
  };
}

// WXT builds Chrome as MV3 and Firefox as MV2 (its default): Firefox MV3 treats
// host permissions as optional grants, which would leave content scripts off
// until the reader opts in on every site.
export default defineConfig({
  srcDir: 'src',
  // No auto-imports: every name a file uses is imported where it can be seen, so the
  // architecture test (test/unit/architecture.test.ts) sees every dependency.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  // JSON imports (the KB, the compiled matcher, the gate's vocabulary) become
  // JSON.parse('…') calls: V8 parses a JSON string several times faster than the same data
  // as an object literal, which every page that loads the matcher would compile.
  vite: () => ({
    plugins: [preact()],
    json: { stringify: true },
    // The browsers Glossa runs in (the CSS Custom Highlight API; Firefox from 142): no
    // vendor prefixes or color-scheme fallbacks for older ones in the content CSS (~50 B
    // gzipped of the content scripts' budget).
    build: { cssTarget: ['chrome123', 'firefox142'] },
  }),
  hooks: {
    'config:resolved': (wxt) => {
      targetBrowser = wxt.config.browser;
    },
    // The content script's main chunk uses the browser's own API rather than the polyfill
    // (src/platform/native-browser.ts says why); every other entrypoint keeps the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      // The content loader (built alone): without WXT's start-up wrapper (see above).
      // compileHint after terserPass, which would drop its comment (compile-hint.ts).
      if (entrypoints.some((e) => e.name === 'loader' || e.name === 'loader-awake')) {
        config.plugins = [...(config.plugins ?? []), bareUnlistedScript(), terserPass(), compileHint(chromiumBuild)];
        return;
      }
      if (!entrypoints.every((e) => e.name === 'content-main' || e.name === 'content-ui')) return;
      const native = resolve(import.meta.dirname, 'src/platform/native-browser.ts');
      const alias = config.resolve?.alias;
      const entries = Array.isArray(alias)
        ? alias.filter((a: { find: unknown }) => a.find !== 'wxt/browser')
        : Object.entries(alias ?? {})
            .filter(([find]) => find !== 'wxt/browser')
            .map(([find, replacement]) => ({ find, replacement }));
      config.resolve = { ...config.resolve, alias: [{ find: 'wxt/browser', replacement: native }, ...entries] };
      // The UI chunk takes a few modules from the main chunk instead of its own copy
      // (scripts/build/shared-modules.ts says why that is safe).
      const main = entrypoints.find((e) => e.name === 'content-main');
      const shared = main ? publishSharedModules(main.inputPath) : takeSharedModules();
      config.plugins = [...(config.plugins ?? []), shared, terserPass(), compileHint(chromiumBuild)];
    },
    // The content loader is an unlisted script (src/entrypoints/loader.ts), so that WXT's
    // content-script context — which talks to the page by postMessage — is never used;
    // it is listed here as the one content script.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [
        { matches: ['http://*/*', 'https://*/*'], js: ['loader.js'], run_at: 'document_idle' },
      ];
    },
  },
  manifest: ({ manifestVersion }) => ({
    name: 'Glossa',
    description:
      'Annotated reading of news about Syria and Russia: sourced context cards for the people and places on the page, and highlights that are never lost.',
    // No host permissions beyond the content script's own matches, no network.
    // The popup learns the page's address from the content script (page/state), so it
    // needs neither "tabs" nor "activeTab". (The side panel gets `sidePanel` from WXT's
    // sidepanel entrypoint; Firefox's sidebar needs nothing.)
    // contextMenus: the "Highlight with Glossa" item on selected text.
    // scripting (Chrome; Firefox MV2 uses tabs.executeScript) and the http(s) host
    // permissions: the background injects the main chunk, and the marks' style sheet once
    // there are marks, only into pages where the content loader found work
    // (src/background/activate.ts).
    // The host permissions cover exactly the content script's own matches, so they add no
    // install warning beyond "read and change your data on all http(s) sites".
    // unlimitedStorage: no quota for the reader's highlights, notes and drafts, and (with
    // navigator.storage.persist() at start-up) no eviction under storage pressure.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'scripting'],
    host_permissions: ['http://*/*', 'https://*/*'],
    // The note editor (note.html) is framed by the content script inside the page, so the
    // page must be allowed to load it: in Chrome only through the per-session dynamic URL
    // that runtime.getURL gives (pages cannot probe for it); Firefox's moz-extension UUID
    // is already random per install. Its scripts and styles are loaded by the extension
    // page itself and need no listing.
    web_accessible_resources:
      manifestVersion === 3
        ? [{ resources: ['note.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }]
        : ['note.html'],
    commands: manifestCommands(),
    browser_specific_settings: {
      gecko: {
        id: 'glossa@glossa.invalid',
        // 142: the first Firefox (desktop and Android) that reads data_collection_permissions.
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  }),
});
