/** The kinds of damage verify names (DESIGN.md: `warden audit verify`). */
export type ProblemKind = 'modified' | 'missing' | 'inserted' | 'reordered' | 'truncated' | 'bad_signature'

/** One finding: the first sequence number it concerns, its kind and a sentence for a human. */
export interface VerifyProblem {
  readonly seq: number
  readonly kind: ProblemKind
  readonly message: string
}

/** `{"ok", "records", "problems"}`: ok when nothing was found; records is the number of rows read. */
export interface VerifyReport {
  readonly ok: boolean
  readonly records: number
  readonly problems: readonly VerifyProblem[]
}
