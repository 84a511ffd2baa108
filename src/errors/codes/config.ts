import type { CatalogArea } from '../entry.js'

export const configCodes: CatalogArea = {
  CONFIG_NOT_FOUND: {
    kind: 'failure',
    meaning: 'The configuration file named with --config does not exist or cannot be read.',
    fix: 'Check the path, or run `warden init` to write a commented warden.yaml.',
  },
  CONFIG_PARSE: {
    kind: 'failure',
    meaning: 'The configuration file is not valid YAML or JSON.',
    fix: 'Fix the syntax at the file and line the message names.',
  },
  CONFIG_INVALID: {
    kind: 'failure',
    meaning:
      'A key is unknown, missing or of the wrong type. Unknown keys are errors: a typo must neither widen nor silently narrow a policy.',
    fix: 'Fix the key at the file and line the message names; the message says what was expected.',
  },
}
