/**
 * The sizes a highlight's fields may have (the schemas in schema.ts enforce them). Apart,
 * so that code checking a size before saving does not carry the validation library.
 */
export const MAX_EXACT = 50_000;
export const MAX_CONTEXT = 1_000;
export const MAX_NOTE = 20_000;
export const MAX_TITLE = 1_000;
export const MAX_URL = 4_096;
export const MAX_SCOPE = 500;
export const MAX_ENTITY_IDS = 500;
export const MAX_ITEMS = 10_000;
