/**
 * linkedom models form state only through attributes: `input.checked` does not exist and
 * `select.value` has no setter. Browsers keep that state in properties, which is what
 * Preact and a reader's clicks change. This gives linkedom's prototypes the two
 * properties (per element, initialised from the attributes) so a test can act like a
 * reader and read what the page shows.
 */
import { parseHTML } from 'linkedom';

const patched = new WeakSet<object>();
const CHECKED = Symbol('checked');

type Win = ReturnType<typeof parseHTML>;

export function formDom(html: string): Win {
  const win = parseHTML(html);
  const input = win.HTMLInputElement.prototype as object;
  if (!patched.has(input)) {
    patched.add(input);
    Object.defineProperty(input, 'checked', {
      configurable: true,
      get(this: Element & { [CHECKED]?: boolean }) {
        return this[CHECKED] ?? this.hasAttribute('checked');
      },
      set(this: Element & { [CHECKED]?: boolean }, value: unknown) {
        this[CHECKED] = Boolean(value);
      },
    });
  }
  const select = win.HTMLSelectElement.prototype as object;
  if (!patched.has(select)) {
    patched.add(select);
    Object.defineProperty(select, 'value', {
      configurable: true,
      get(this: Element) {
        const options = [...this.querySelectorAll('option')];
        const chosen = options.find((o) => o.hasAttribute('selected')) ?? options[0];
        return chosen ? (chosen.getAttribute('value') ?? chosen.textContent ?? '') : '';
      },
      set(this: Element, value: unknown) {
        for (const option of this.querySelectorAll('option')) {
          option.toggleAttribute('selected', option.getAttribute('value') === String(value));
        }
      },
    });
  }
  return win;
}
