import type { CatalogArea } from '../entry.js'

export const coreCodes: CatalogArea = {
  STAGE_FAILED: {
    kind: 'decision',
    meaning: 'A pipeline stage threw, returned something that is not a verdict, or exceeded its time budget.',
    fix: 'The action was denied (fail closed). Read the reason for the stage and its error; fix the stage or its store.',
  },
  INVALID_ACTION: {
    kind: 'failure',
    meaning: 'An action is not an object with a string `agent`, a string `tool` and an object `args`.',
    fix: 'Send actions shaped as in DESIGN.md: {id?, agent, session?, tool, args, context?}.',
  },
  INVALID_JSON: {
    kind: 'failure',
    meaning: 'A line of input is not valid JSON.',
    fix: 'Send one JSON object per line (JSON Lines).',
  },
  INPUT_TOO_LARGE: {
    kind: 'failure',
    meaning: 'An input line or document is larger than the configured maximum.',
    fix: 'Split the input or raise the limit in configuration.',
  },
  UNKNOWN_AGENT: {
    kind: 'decision',
    meaning: 'The action names an agent that has no entry under `agents` in the configuration.',
    fix: 'Add the agent with its permissions to warden.yaml; unknown agents are denied by default.',
  },
  USAGE: {
    kind: 'failure',
    meaning: 'The command line was not understood (unknown command, option or missing value).',
    fix: 'Run `warden help` for the commands and their options.',
  },
  INTERNAL: {
    kind: 'failure',
    meaning: 'An unexpected error inside Warden.',
    fix: 'Report it with the command and input that caused it.',
  },
}
