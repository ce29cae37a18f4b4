import css from './page-ui.css?inline';

export {
  NoteEditor,
  Notice,
  SelectionToolbar,
  shorten,
  type NoteEditorProps,
  type OrphanItem,
  type SaveState,
} from './PageUi';

/** The in-page highlight UI's stylesheet, for the content script's shadow root. */
export const PAGE_UI_CSS: string = css;
