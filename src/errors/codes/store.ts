import type { CatalogArea } from '../entry.js'

export const storeCodes: CatalogArea = {
  STORE_URL_INVALID: {
    kind: 'failure',
    meaning: 'The store URL is not one Warden knows.',
    fix: 'Use sqlite:PATH (relative to the working directory), postgres://user@host/db or memory: (tests).',
  },
  STORE_UNAVAILABLE: {
    kind: 'failure',
    meaning:
      'The store could not be opened or reached (file not writable, PostgreSQL down, wrong credentials).',
    fix: 'Check the path or the PostgreSQL server and credentials; Warden denies actions it cannot record.',
  },
  STORE_SCHEMA_TOO_NEW: {
    kind: 'failure',
    meaning:
      'The store was migrated by a newer Warden; this binary does not know its schema and will not write to it.',
    fix: 'Upgrade Warden to the version that last opened the store (never downgrade a store).',
  },
}
