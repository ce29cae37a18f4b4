import { render } from 'preact';
import '@/components/base.css';
import '@/components/page/page.css';
import './style.css';
import { SidePanelApp } from './App';

const root = document.getElementById('app');
if (!root) throw new Error('sidepanel.html has no #app element');
render(<SidePanelApp />, root);
