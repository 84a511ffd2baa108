import type { CatalogArea } from '../entry.js'
import { apisCodes } from './apis.js'
import { databaseCodes } from './database.js'
import { filesCodes } from './files.js'
import { toolsCodes } from './tools.js'

/** Codes of the capability boundaries (the policy stage), one file per resource kind. */
export const policyCodes: CatalogArea = {
  NO_PERMISSIONS: {
    kind: 'decision',
    meaning: 'The agent has no permission section for this kind of resource (deny by default).',
    fix: 'Grant the narrowest section that covers the action under agents.<id>.permissions, if it should be allowed.',
  },
  ...filesCodes,
  ...databaseCodes,
  ...apisCodes,
  ...toolsCodes,
}
