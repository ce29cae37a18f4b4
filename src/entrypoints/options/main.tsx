import { render } from 'preact';
import '@/components/base.css';
import './style.css';
import { App } from '../../components/options/OptionsApp';

const root = document.getElementById('app');
if (!root) throw new Error('options.html has no #app element');
render(<App />, root);
