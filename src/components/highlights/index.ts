import css from './page-ui.css?inline';

export { Notice, SelectionToolbar, shorten, type OrphanItem } from './PageUi';

/** The in-page highlight UI's stylesheet, for the content script's shadow root. */
export const PAGE_UI_CSS: string = css;
