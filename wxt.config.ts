import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// WXT builds Chrome as MV3 and Firefox as MV2 (its default): Firefox MV3 treats
// host permissions as optional grants, which would leave content scripts off
// until the reader opts in on every site.
export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Glossa',
    description:
      'Annotated reading of news about Syria and Russia: sourced context cards for the people and places on the page, and highlights that are never lost.',
    // No host permissions beyond the content script's own matches, no network.
    // The popup learns the page's address from the content script (page/state), so it
    // needs neither "tabs" nor "activeTab". (The side panel gets `sidePanel` from WXT's
    // sidepanel entrypoint; Firefox's sidebar needs nothing.)
    // contextMenus: the "Highlight with Glossa" item on selected text.
    // unlimitedStorage: no quota for the reader's highlights, notes and drafts, and (with
    // navigator.storage.persist() at start-up) no eviction under storage pressure.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus'],
    commands: {
      'next-entity': {
        suggested_key: { default: 'Alt+Shift+Period' },
        description: 'Go to the next marked name and open its card',
      },
      'previous-entity': {
        suggested_key: { default: 'Alt+Shift+Comma' },
        description: 'Go to the previous marked name and open its card',
      },
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Highlight the selected text and add a note',
      },
    },
    browser_specific_settings: {
      gecko: {
        id: 'glossa@glossa.invalid',
        // 142: the first Firefox (desktop and Android) that reads data_collection_permissions.
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
});
