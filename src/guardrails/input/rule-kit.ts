/**
 * The parts every injection rule file shares: the rule shape, the bounded gaps and word classes, and the
 * constructors that compile a pattern and find its gate words. Rule lists: rules.ts and its neighbours.
 */
/** One weighted pattern of a rule family. */
export interface InjectionRule {
  readonly family: RuleFamily
  readonly pattern: RegExp
  readonly weight: number
  /**
   * 'markup' rules read the raw text (ASCII lower-cased, same length): tags, comments and chat-template
   * tokens are what they look for, and the normalised view has collapsed them.
   */
  readonly view: 'normalized' | 'markup'
  /**
   * Literal words one of which every match starts with, when the pattern opens with a plain alternation:
   * a rule whose words are all absent is skipped after a few `indexOf` calls instead of a regex scan.
   */
  readonly gate?: readonly string[]
}

export type RuleFamily =
  | 'instruction_override'
  | 'persona'
  | 'prompt_extraction'
  | 'role_marker'
  | 'fake_tool_result'
  | 'exfiltration'
  | 'hidden_text'
  | 'jailbreak_template'

export const GAP = '[^\\n.!?]{0,40}'
/**
 * A gap that also stops at a colon: what follows a colon is a new clause ("forget the old shortcuts:
 * … the command palette"), so words on either side do not make one order.
 */
export const CLAUSE_GAP = '[^\\n.!?:]{0,40}'
// "the" and "these" are not enough ("ignore the rules of grammar"): the attack names *earlier* orders.
export const PRIOR =
  '(?:previous|prior|above|earlier|preceding|foregoing|original|initial|old|system|developer|all|any|every)'
export const ORDERS =
  '(?:instructions?|tasks?|rules|directions?|directives?|guidelines?|guidance|prompts?|commands?|constraints|orders|programming|policies|restrictions|safeguards)'
/** A rule over the normalised view (or `view`), with its gate words when the pattern opens with them. */
export function r(
  family: RuleFamily,
  weight: number,
  source: string,
  view: InjectionRule['view'] = 'normalized',
): InjectionRule {
  const gate = gateOf(source)
  return { family, weight, pattern: new RegExp(source, 'g'), view, ...(gate === undefined ? {} : { gate }) }
}

// '\\b(?:ignore|disregard|set aside)…' → ['ignore', 'disregard', 'set aside']; undefined when the
// pattern does not open with an alternation of plain words (or with one plain word).
function gateOf(source: string): string[] | undefined {
  if (hasTopLevelAlternation(source)) return undefined
  const alternation = /^(?:\\b)?\(\?:([a-z' |-]+)\)(?![?*{])/.exec(source)
  if (alternation !== null) return alternation[1]!.split('|')
  const word = /^\\b([a-z]{3,})\b/.exec(source)
  return word === null ? undefined : [word[1]!]
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') i++
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) return true
  }
  return false
}

/** A rule over the raw, ASCII-lower-cased text (tags, comments, template tokens). */
export function m(family: RuleFamily, weight: number, source: string): InjectionRule {
  return r(family, weight, source, 'markup')
}
