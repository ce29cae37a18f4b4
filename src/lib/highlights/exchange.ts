/** What the library's import and export calls answer (src/lib/protocol/background-calls.ts). */

/** How an import merged the file's highlights into the library. */
export interface ImportOutcome {
  added: number;
  /** Replaced by a more recently modified copy from the file. */
  updated: number;
  /** Deleted here, brought back by the file. */
  restored: number;
  /** Already here, same or newer. */
  unchanged: number;
}

/** An export, ready to download. */
export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
  count: number;
}
