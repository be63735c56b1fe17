/** share.ts reads its units here until it imports them from their layer, ingest/units.ts. */
export { loadUnits } from '../ingest/units.js';
