import { render } from 'preact';
import '@/components/base.css';
import '@/components/page/page.css';
import './style.css';
import matchData from '@/generated/content-match.json';
import { ReaderApp } from '@/components/reader/ReaderApp';
import type { ShippedMatchData } from '@/lib/match/shipped';
import { startReaderMarks } from '@/content/reader-marks';
import { readerPath } from '@/lib/reader-url';

const root = document.getElementById('app');
if (!root) throw new Error('reader.html has no #app element');

// The reader's text gets Glossa's marks and cards like any page; a card's claim links
// navigate this tab rather than opening another.
let started = false;
const startMarks = () => {
  if (started) return;
  started = true;
  void startReaderMarks(window, matchData as ShippedMatchData, (target) => window.location.assign(readerPath(target)));
};

render(<ReaderApp onContent={startMarks} />, root);
