import { render } from 'preact';
import '@/components/base.css';
import '@/components/page/page.css';
import './style.css';
import { App } from './App';

const root = document.getElementById('app');
if (!root) throw new Error('popup.html has no #app element');
render(<App />, root);
