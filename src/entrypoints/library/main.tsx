import { render } from 'preact';
import '@/components/base.css';
import './style.css';
import { LibraryApp } from '../../components/library/LibraryApp';

const root = document.getElementById('app');
if (!root) throw new Error('library.html has no #app element');
render(<LibraryApp />, root);
