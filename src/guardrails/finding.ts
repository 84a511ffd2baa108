/**
 * Something a detector found in a text. Offsets are JavaScript string indices (UTF-16 units), as the
 * `warden scan` contract says. PII entity names follow Presidio's; secrets are `SECRET` with a `kind`.
 */
export interface Finding {
  readonly type: 'pii' | 'secret' | 'injection' | 'pattern'
  readonly entity: string
  readonly start: number
  readonly end: number
  /** 0..1 confidence. */
  readonly score: number
  /** For secrets: AWS_ACCESS_KEY, GITHUB_TOKEN, PRIVATE_KEY, ... */
  readonly kind?: string
}

/** Data classification, least to most sensitive; escalation rules read it as `data.classification`. */
export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const
export type Classification = (typeof CLASSIFICATIONS)[number]
