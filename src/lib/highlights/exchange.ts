/** What the library's import and export calls answer (src/lib/protocol/background-calls.ts). */

/** How an import merged the file's highlights into the library. */
export interface ImportOutcome {
  added: number;
  /** Replaced by a more recently modified copy from the file. */
  updated: number;
  /** Deleted here, brought back by the file. */
  restored: number;
  /** Already here, the same. */
  unchanged: number;
  /** Already here and different, kept: the copy here was modified later, or the file's says not when. */
  kept: number;
}

/** An export, ready to download. */
export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
  count: number;
}
