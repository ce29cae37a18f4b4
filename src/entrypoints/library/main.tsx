import { render } from 'preact';
import '@/components/base.css';
import './style.css';
import { LibraryApp } from './App';

const root = document.getElementById('app');
if (!root) throw new Error('library.html has no #app element');
render(<LibraryApp />, root);
