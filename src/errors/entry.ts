/**
 * One entry of the error catalog. `decision` codes explain a deny or a control (they are answers);
 * `failure` codes name something that went wrong (bad input, unreachable store). Both are stable:
 * tests and users match on the code, never on the message.
 */
export interface CatalogEntry {
  readonly kind: 'decision' | 'failure'
  readonly meaning: string
  readonly fix: string
}

export type CatalogArea = Readonly<Record<string, CatalogEntry>>
