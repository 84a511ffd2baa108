import type { CatalogArea } from '../entry.js'

export const busCodes: CatalogArea = {
  BUS_URL_INVALID: {
    kind: 'failure',
    meaning: 'The bus URL is not `memory:`, `redis://…`, `rediss://…` or `nats://…`.',
    fix: 'Set `bus:` in warden.yaml or `--bus` to one of those forms (DESIGN.md, "Where state lives").',
  },
  BUS_UNAVAILABLE: {
    kind: 'failure',
    meaning: 'The Redis or NATS broker could not be reached (at start-up, or while subscribing).',
    fix: 'Check that the broker runs and the URL, credentials and network allow the connection.',
  },
  BUS_PUBLISH_FAILED: {
    kind: 'failure',
    meaning: 'The broker did not accept a message in time, or the bus is disconnected.',
    fix: 'The message was not sent. Restore the broker connection and repeat the operation.',
  },
  BUS_SUBJECT_INVALID: {
    kind: 'failure',
    meaning:
      'A subject is empty, too long, has an empty token, or a character outside [A-Za-z0-9_-:%@+=~] (wildcards `*` and `>` only in subscriptions).',
    fix: 'Build subjects from subjectToken() for free-form parts such as agent ids.',
  },
  BUS_CLOSED: {
    kind: 'failure',
    meaning: 'The bus was used after close().',
    fix: 'Open a new bus; a closed one does not reconnect.',
  },
}
