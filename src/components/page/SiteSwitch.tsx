/** The per-site switch: let the page decide, or always / never annotate this site. */
import { siteRuleFor, type Settings, type SiteRule } from '../../lib/settings';

export interface SiteSwitchProps {
  /** The site, as `siteKey(url)` gives it. */
  site: string;
  url: string;
  settings: Settings;
  onChange: (rule: SiteRule | null) => void;
  disabled?: boolean;
  idPrefix: string;
}

const CHOICES: ReadonlyArray<{ value: SiteRule | 'auto'; label: string }> = [
  { value: 'auto', label: 'When the page is about Syria and Russia' },
  { value: 'always', label: 'Always' },
  { value: 'never', label: 'Never' },
];

export function SiteSwitch({ site, url, settings, onChange, disabled = false, idPrefix }: SiteSwitchProps) {
  const own = settings.siteOverrides[site] ?? null;
  const applying = siteRuleFor(settings, url);
  const inherited = own === null && applying !== null && applying.site !== site ? applying : null;
  const current = own ?? 'auto';
  return (
    // Busy (a rule being saved): not disabled, which would drop the keyboard focus of a
    // reader moving through the choices with the arrow keys; a change then is not taken.
    <fieldset class="site-switch" data-testid="site-switch" aria-busy={disabled}>
      <legend>
        Annotate pages on <span class="site-name">{site}</span>
      </legend>
      {CHOICES.map(({ value, label }) => (
        <label class="radio" key={value}>
          <input
            type="radio"
            name={`${idPrefix}-site-rule`}
            value={value}
            checked={current === value}
            onChange={() => {
              if (!disabled) onChange(value === 'auto' ? null : value);
            }}
          />
          <span>{label}</span>
        </label>
      ))}
      {inherited && (
        <p class="muted small" data-testid="site-inherited">
          Your rule for {inherited.site} applies: {inherited.rule === 'always' ? 'always annotate' : 'never annotate'}.
        </p>
      )}
    </fieldset>
  );
}
