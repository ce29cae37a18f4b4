/**
 * What the library does through the background (every write goes through the protocol,
 * with the revision it started from), each telling the reader how it went with a notice.
 */
import { useState } from 'preact/hooks';
import { parseImport } from '@/lib/highlights/import';
import { savedOrError } from '@/lib/highlights/revisions';
import type { HighlightColor } from '@/lib/highlights/colors';
import type { Highlight } from '@/lib/highlights/schema';
import { reasonOf } from '@/lib/protocol/result';
import type { sendMessage } from '@/platform/messaging';
import { describeError } from '@/storage/db/errors';
import { downloadText } from './download';

export type Notice =
  | { kind: 'none' }
  | { kind: 'info'; text: string }
  | { kind: 'undo'; text: string; id: string; rev: number }
  | { kind: 'error'; text: string; problems?: string[] };

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export interface LibraryActions {
  notice: Notice;
  setNotice(n: Notice): void;
  busy: boolean;
  color(h: Highlight, color: HighlightColor): Promise<void>;
  remove(h: Highlight): Promise<void>;
  restore(id: string, rev: number): Promise<void>;
  purge(ids: string[]): Promise<void>;
  exportAs(format: 'jsonld' | 'markdown'): Promise<void>;
  importFile(file: File): Promise<void>;
}

export function useLibraryActions(
  send: typeof sendMessage,
  save: ((filename: string, mime: string, text: string) => void) | undefined,
): LibraryActions {
  const [notice, setNotice] = useState<Notice>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const fail = (text: string) => setNotice({ kind: 'error', text });

  return {
    notice,
    setNotice,
    busy,
    async color(h, color) {
      const r = savedOrError(await send('highlights/update', { id: h.id, baseRev: h.rev, color }));
      if (!r.ok) fail(`The color was not changed. ${reasonOf(r.error)}`);
    },
    async remove(h) {
      const r = savedOrError(await send('highlights/delete', { id: h.id, baseRev: h.rev }));
      if (!r.ok) fail(`The highlight was not deleted. ${reasonOf(r.error)}`);
      else setNotice({ kind: 'undo', text: 'Highlight deleted.', id: h.id, rev: r.value.rev });
    },
    async restore(id, rev) {
      const r = savedOrError(await send('highlights/restore', { id, baseRev: rev }));
      if (!r.ok) fail(`The highlight was not restored. ${reasonOf(r.error)}`);
      else setNotice({ kind: 'info', text: 'Highlight restored.' });
    },
    async purge(ids) {
      const r = await send('highlights/purge', { ids });
      if (!r.ok) fail(`Could not delete for good. ${reasonOf(r.error)}`);
      else setNotice({ kind: 'info', text: `${plural(r.value.removed, 'highlight')} deleted for good.` });
    },
    async exportAs(format) {
      setBusy(true);
      const r = await send('highlights/export', { format });
      setBusy(false);
      if (!r.ok) {
        fail(`Export failed. ${reasonOf(r.error)}`);
        return;
      }
      (save ?? ((f, m, t) => downloadText(document, f, m, t)))(r.value.filename, r.value.mime, r.value.text);
      setNotice({ kind: 'info', text: `Exported ${plural(r.value.count, 'highlight')} to ${r.value.filename}.` });
    },
    async importFile(file) {
      setBusy(true);
      try {
        const text = await file.text();
        const parsed = parseImport(text, new Date().toISOString());
        if (!parsed.ok) {
          setNotice({
            kind: 'error',
            text: `Could not import “${file.name}”. ${parsed.error}`,
            problems: parsed.problems,
          });
          return;
        }
        const r = await send('highlights/import', { items: parsed.items });
        if (!r.ok) {
          setNotice({ kind: 'error', text: `Could not import “${file.name}”. ${reasonOf(r.error)}` });
          return;
        }
        const { added, updated, restored, unchanged, kept } = r.value;
        const parts = [`${added} new`, `${updated} updated`];
        if (restored) parts.push(`${restored} restored`);
        parts.push(`${unchanged} already here`);
        if (kept) parts.push(`${kept} kept as they are here (the file’s copy is not newer)`);
        const dup = parsed.duplicates ? ` (${plural(parsed.duplicates, 'duplicate')} in the file merged)` : '';
        setNotice({
          kind: 'info',
          text: `Imported ${plural(parsed.items.length, 'highlight')} from “${file.name}”: ${parts.join(', ')}${dup}.`,
        });
      } catch (error) {
        setNotice({
          kind: 'error',
          text: `Could not read “${file.name}”: ${describeError(error)}. Nothing was imported.`,
        });
      } finally {
        setBusy(false);
      }
    },
  };
}
