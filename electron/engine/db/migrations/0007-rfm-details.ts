import type { Migration } from '../migration';

/**
 * RFM runs record how their as-of date was chosen and what the returns policy did (JSON:
 * asOfSource, dataStart, dataEnd, warnings, returns), so a stored result is shown with them.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'rfm-details',
  up: `ALTER TABLE rfm_runs ADD COLUMN details_json TEXT;`,
};
