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
  MAPPED_REWRITE_REFUSED: {
    kind: 'decision',
    meaning:
      "An upstream tool's argument is mapped onto a governed boundary that would rewrite it (e.g. clamp a row limit); Warden cannot rewrite another server's arguments safely.",
    fix: 'Make the call fit the boundary as it is (e.g. add a LIMIT within rowLimit).',
  },
  ARGS_REWRITTEN: {
    kind: 'decision',
    meaning: 'A stage rewrote the arguments to fit the policy; the decision carries the new arguments.',
    fix: 'Nothing to do: the rewritten action is what runs.',
  },
  ...filesCodes,
  ...databaseCodes,
  ...apisCodes,
  ...toolsCodes,
}
