import { useEffect, useState } from 'preact/hooks';
import { loadSettings, watchSettings } from '../../platform/settings';
import { parseSettings, type Settings } from '../../lib/settings';

/** The reader's settings (storage.local), kept current; undefined until first read. */
export function useSettings(): Settings | undefined {
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadSettings()
      .catch(() => parseSettings(undefined))
      .then((s) => {
        if (live) setSettings((current) => current ?? s);
      });
    const unwatch = watchSettings((s) => setSettings(s));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return settings;
}
