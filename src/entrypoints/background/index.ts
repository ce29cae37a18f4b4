import { defineBackground } from 'wxt/utils/define-background';
import kbJson from '@/generated/kb.json';
import type { Kb } from '@/lib/kb/types';
import { startBackground } from '@/background/start';

// Composition root only; the logic lives in src/lib. The KB comes from the KB build
// (src/generated/kb.json); the loader checks its shape before using it.
export default defineBackground(() => {
  startBackground(kbJson as unknown as Kb);
});
