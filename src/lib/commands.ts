/**
 * The browser's keyboard commands (the manifest's `commands`, built from this table by
 * wxt.config.ts; the reader can rebind them in the browser's shortcut settings). The
 * background receives them and calls the active tab (src/background/commands.ts); the
 * content script also listens for the default keys itself, for browsers or pages where the
 * command does not arrive.
 */
export const COMMANDS = {
  'next-entity': { key: 'Alt+Shift+Period', description: 'Go to the next marked name and open its card' },
  'previous-entity': { key: 'Alt+Shift+Comma', description: 'Go to the previous marked name and open its card' },
  'highlight-selection': { key: 'Alt+Shift+H', description: 'Highlight the selected text and add a note' },
} as const;

export type CommandName = keyof typeof COMMANDS;

/** Commands that move between marked names. */
export const ENTITY_COMMANDS = ['next-entity', 'previous-entity'] as const satisfies readonly CommandName[];
export type EntityCommand = (typeof ENTITY_COMMANDS)[number];

/** Highlights the selection and opens its note editor. */
export const HIGHLIGHT_COMMAND = 'highlight-selection' satisfies CommandName;

/** The manifest's `commands` for this table. */
export function manifestCommands(): Record<CommandName, { suggested_key: { default: string }; description: string }> {
  const out = {} as Record<CommandName, { suggested_key: { default: string }; description: string }>;
  for (const [name, c] of Object.entries(COMMANDS) as [CommandName, (typeof COMMANDS)[CommandName]][]) {
    out[name] = { suggested_key: { default: c.key }, description: c.description };
  }
  return out;
}
