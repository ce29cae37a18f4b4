import type { TargetedEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { KIND_PLURALS } from '@/components/page/EntityList';
import {
  clampDelay,
  ENTITY_KINDS,
  HOVER_DELAY_MAX,
  HOVER_DELAY_MIN,
  HOVER_DELAY_STEP,
  normalizeSite,
  parseSettings,
  withSiteRule,
  type MarkMode,
  type Settings,
  type SiteRule,
} from '@/lib/settings';
import { loadSettings, saveSettings, watchSettings } from '@/platform/settings';

const RULE_LABELS: Record<SiteRule, string> = {
  always: 'Always annotate',
  never: 'Never annotate',
};

export const LOADING_SETTINGS_TEXT = 'Loading settings…';
export const INVALID_SITE_TEXT = 'Enter a site’s address or hostname, such as example.com.';

type Status =
  { kind: 'idle' } | { kind: 'saved'; message: string; seq: number } | { kind: 'error'; message: string; seq: number };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The options page: every setting saves on change; the outcome ("Saved: …" or the
 * error) is announced in a polite live region. Follows changes made elsewhere (popup,
 * another options tab) through `watchSettings`.
 */
export function App() {
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const seq = useRef(0);

  useEffect(() => {
    let live = true;
    let watched = false;
    const stop = watchSettings((s) => {
      if (!live) return;
      watched = true;
      setSettings(s);
    });
    loadSettings().then(
      (s) => {
        if (live && !watched) setSettings(s);
      },
      (error: unknown) => {
        if (live) setLoadError(errorText(error));
      },
    );
    return () => {
      live = false;
      stop();
    };
  }, []);

  const report = (kind: 'saved' | 'error', message: string) => setStatus({ kind, message, seq: ++seq.current });

  /** Optimistic: shows the change at once, then stores it; on failure shows what storage holds. */
  const save = async (patch: Partial<Settings>, message: string): Promise<boolean> => {
    setSettings((s) => (s ? parseSettings({ ...s, ...patch }, s) : s));
    try {
      setSettings(await saveSettings(patch));
      report('saved', `Saved: ${message}`);
      return true;
    } catch (error) {
      report('error', errorText(error));
      loadSettings().then(setSettings, () => {});
      return false;
    }
  };

  return (
    <main class="options">
      <header>
        <h1>Glossa settings</h1>
        <p class="tagline">How Glossa marks people, organizations and places in news about Syria and Russia.</p>
      </header>

      <div class="status" role="status" aria-live="polite" data-testid="status">
        {loadError !== undefined ? (
          <p class="kb-error" data-testid="load-error">
            {loadError}
          </p>
        ) : settings === undefined ? (
          <p class="kb-loading">{LOADING_SETTINGS_TEXT}</p>
        ) : status.kind === 'saved' ? (
          <p class="saved" key={status.seq} data-testid="saved">
            {status.message}
          </p>
        ) : status.kind === 'error' ? (
          <p class="kb-error" key={status.seq} data-testid="save-error">
            {status.message}
          </p>
        ) : null}
      </div>

      {settings !== undefined && <SettingsForm settings={settings} save={save} />}
    </main>
  );
}

interface FormProps {
  settings: Settings;
  save: (patch: Partial<Settings>, message: string) => Promise<boolean>;
}

function SettingsForm({ settings, save }: FormProps) {
  return (
    <>
      <section aria-labelledby="marking-heading">
        <h2 id="marking-heading">Marking</h2>
        <div class="field switch-field">
          <input
            type="checkbox"
            role="switch"
            id="enabled"
            checked={settings.enabled}
            aria-describedby="enabled-hint"
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              void save({ enabled }, enabled ? 'Glossa is on.' : 'Glossa is off; nothing is marked.');
            }}
          />
          <label for="enabled">Mark entities on web pages</label>
          <p id="enabled-hint" class="hint">
            When off, Glossa leaves every page alone.
          </p>
        </div>

        <fieldset>
          <legend>Which mentions to mark</legend>
          <MarkModeRadio settings={settings} save={save} value="all" label="Every mention" />
          <MarkModeRadio
            settings={settings}
            save={save}
            value="first"
            label="Only the first mention of each person, organization or place"
          />
        </fieldset>

        <fieldset>
          <legend>Kinds of entities to mark</legend>
          {ENTITY_KINDS.map((kind) => (
            <div class="choice" key={kind}>
              <input
                type="checkbox"
                id={`kind-${kind}`}
                checked={settings.kinds[kind]}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  void save(
                    { kinds: { ...settings.kinds, [kind]: on } },
                    `${KIND_PLURALS[kind]} ${on ? 'are' : 'are not'} marked.`,
                  );
                }}
              />
              <label for={`kind-${kind}`}>{KIND_PLURALS[kind]}</label>
            </div>
          ))}
        </fieldset>
      </section>

      <section aria-labelledby="cards-heading">
        <h2 id="cards-heading">Context cards</h2>
        <HoverDelay settings={settings} save={save} />
      </section>

      <SiteRules settings={settings} save={save} />
    </>
  );
}

function MarkModeRadio({ settings, save, value, label }: FormProps & { value: MarkMode; label: string }) {
  const id = `mark-${value}`;
  return (
    <div class="choice">
      <input
        type="radio"
        name="markMode"
        id={id}
        value={value}
        checked={settings.markMode === value}
        onChange={(e) => {
          if (!e.currentTarget.checked) return;
          void save(
            { markMode: value },
            value === 'all' ? 'every mention is marked.' : 'only the first mention of each entity is marked.',
          );
        }}
      />
      <label for={id}>{label}</label>
    </div>
  );
}

function HoverDelay({ settings, save }: FormProps) {
  // While the reader drags or types, the controls show a draft; `change` commits it.
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? String(settings.hoverDelayMs);

  const onInput = (e: TargetedEvent<HTMLInputElement>) => setDraft(e.currentTarget.value);
  const onChange = (e: TargetedEvent<HTMLInputElement>) => {
    const text = e.currentTarget.value;
    const n = text.trim() === '' ? NaN : Number(text);
    // Not a number (e.g. the field was emptied): show the stored value again. The rendered
    // value may not change, so the field is reset directly too.
    const ms = Number.isFinite(n) ? clampDelay(n) : settings.hoverDelayMs;
    e.currentTarget.value = String(ms);
    setDraft(null);
    if (ms !== settings.hoverDelayMs) void save({ hoverDelayMs: ms }, `cards appear after ${ms} ms.`);
  };

  return (
    <div class="field delay-field">
      <label for="delay-range" id="delay-label">
        Delay before a card appears
      </label>
      <p id="delay-hint" class="hint">
        How long the pointer rests on a marked name before its card shows ({HOVER_DELAY_MIN}–{HOVER_DELAY_MAX}{' '}
        milliseconds).
      </p>
      <div class="delay-controls">
        <input
          type="range"
          id="delay-range"
          min={HOVER_DELAY_MIN}
          max={HOVER_DELAY_MAX}
          step={HOVER_DELAY_STEP}
          value={shown}
          aria-describedby="delay-hint"
          aria-valuetext={`${shown} milliseconds`}
          onInput={onInput}
          onChange={onChange}
        />
        <span class="delay-number">
          <input
            type="number"
            id="delay-number"
            min={HOVER_DELAY_MIN}
            max={HOVER_DELAY_MAX}
            step={HOVER_DELAY_STEP}
            value={shown}
            inputMode="numeric"
            aria-labelledby="delay-label delay-unit"
            onInput={onInput}
            onChange={onChange}
          />
          <span id="delay-unit">ms</span>
        </span>
      </div>
    </div>
  );
}

function SiteRules({ settings, save }: FormProps) {
  const [site, setSite] = useState('');
  const [newRule, setNewRule] = useState<SiteRule>('always');
  const [siteError, setSiteError] = useState<string | undefined>(undefined);
  const siteInput = useRef<HTMLInputElement>(null);
  const ruleSelect = useRef<HTMLSelectElement>(null);
  const entries = Object.entries(settings.siteOverrides).sort(([a], [b]) => a.localeCompare(b));

  const onSubmit = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    // Read the fields themselves: autofill or a fast Enter can precede the state update.
    const key = normalizeSite(siteInput.current?.value ?? site);
    const rule: SiteRule = (ruleSelect.current?.value ?? newRule) === 'never' ? 'never' : 'always';
    if (key === null) {
      setSiteError(INVALID_SITE_TEXT);
      siteInput.current?.focus();
      return;
    }
    setSiteError(undefined);
    const existed = settings.siteOverrides[key] !== undefined;
    const ok = await save(
      { siteOverrides: withSiteRule(settings, key, rule) },
      `${key}: ${RULE_LABELS[rule].toLowerCase()}${existed ? ' (rule updated)' : ''}.`,
    );
    if (ok) {
      setSite('');
      if (siteInput.current) siteInput.current.value = '';
    }
  };

  const remove = (key: string) => {
    void save({ siteOverrides: withSiteRule(settings, key, null) }, `rule for ${key} removed.`);
    siteInput.current?.focus(); // the focused button goes away with its row
  };

  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites</h2>
      <p class="hint">
        Glossa marks pages it recognizes as news about Syria and Russia. A rule overrides that for a whole site and its
        subdomains: “Always annotate” marks every page of it, “Never annotate” none (you can still ask for one page from
        the toolbar).
      </p>

      {entries.length === 0 ? (
        <p class="hint" data-testid="no-sites">
          No site rules yet.
        </p>
      ) : (
        <ul class="site-list" data-testid="site-list">
          {entries.map(([key, value]) => (
            <li class="site-row" key={key} data-site={key}>
              <span class="site-host">{key}</span>
              <label class="visually-hidden" for={`site-rule-${key}`}>
                Rule for {key}
              </label>
              <select
                id={`site-rule-${key}`}
                value={value}
                onChange={(e) => {
                  const r = e.currentTarget.value === 'never' ? 'never' : 'always';
                  void save(
                    { siteOverrides: withSiteRule(settings, key, r) },
                    `${key}: ${RULE_LABELS[r].toLowerCase()}.`,
                  );
                }}
              >
                <option value="always">{RULE_LABELS.always}</option>
                <option value="never">{RULE_LABELS.never}</option>
              </select>
              <button type="button" class="remove" onClick={() => remove(key)}>
                Remove<span class="visually-hidden"> rule for {key}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      <form class="add-site" onSubmit={onSubmit} noValidate aria-labelledby="add-site-heading">
        <h3 id="add-site-heading">Add a rule</h3>
        <div class="add-site-fields">
          <div class="field">
            <label for="new-site">Site</label>
            <input
              type="text"
              id="new-site"
              ref={siteInput}
              value={site}
              placeholder="example.com"
              autocomplete="off"
              spellcheck={false}
              inputMode="url"
              aria-invalid={siteError !== undefined}
              aria-describedby={siteError !== undefined ? 'new-site-error' : 'new-site-hint'}
              onInput={(e) => {
                setSite(e.currentTarget.value);
                if (siteError !== undefined) setSiteError(undefined);
              }}
            />
            <p id="new-site-hint" class="hint">
              A hostname or a page address; “www.” and the port are ignored.
            </p>
            {siteError !== undefined && (
              <p id="new-site-error" class="field-error" role="alert" data-testid="site-error">
                {siteError}
              </p>
            )}
          </div>
          <div class="field">
            <label for="new-rule">Rule</label>
            <select
              id="new-rule"
              ref={ruleSelect}
              value={newRule}
              onChange={(e) => setNewRule(e.currentTarget.value === 'never' ? 'never' : 'always')}
            >
              <option value="always">{RULE_LABELS.always}</option>
              <option value="never">{RULE_LABELS.never}</option>
            </select>
          </div>
          <button type="submit" class="primary">
            Add rule
          </button>
        </div>
      </form>
    </section>
  );
}
