/**
 * Context cards. `types` and `format` are safe for content scripts; `load` needs the
 * database (background, extension pages) but imports Dexie only as a type.
 */
export type * from './types';
export {
  buildEntityCard,
  claimScore,
  DIFFERENCE_LIMIT,
  EVENT_LIMIT,
  KEY_CLAIM_LIMIT,
  RELATED_LIMIT,
  type CardKbSlice,
} from './build';
export { loadCards } from './load';
export { formatIsoDate, precisionOf, sourceLabel, sourceName } from './format';
