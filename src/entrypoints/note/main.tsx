import { render } from 'preact';
import '@/components/base.css';
import './style.css';
import { NoteFrame } from '@/components/notes/NoteFrame';

// Composition root: the note editor framed in a page (contract: src/lib/protocol/note-frame.ts).
const root = document.getElementById('app');
if (!root) throw new Error('note.html has no #app element');
render(<NoteFrame />, root);
