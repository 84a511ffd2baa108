import type { CatalogArea } from '../entry.js'

/** Codes of InputGuardrails, injection detection, spotlighting and `warden scan`. */
export const inputCodes: CatalogArea = {
  INPUT_TOO_LONG: {
    kind: 'decision',
    meaning:
      'The input is longer than InputGuardrails allow (maxLength); past the scan bound it is not read.',
    fix: 'Send less text at once, or raise maxLength if such inputs are expected.',
  },
  INPUT_PATTERN_MATCHED: {
    kind: 'decision',
    meaning: 'The input matches one of the configured deny patterns.',
    fix: 'Remove the matching content, or change the configured patterns if the match is wrong.',
  },
  PROMPT_INJECTION: {
    kind: 'decision',
    meaning:
      'The text scored as a prompt-injection attempt (rules and classifier); findings name the rule families.',
    fix: 'Do not pass the text to the agent as instructions; if it is a false alarm, raise flagAt/blockAt or report the text.',
  },
  SENSITIVE_INPUT: {
    kind: 'decision',
    meaning: 'The input holds personal data or secrets (classification confidential or restricted).',
    fix: 'Remove the sensitive values before sending, or route the input to an agent cleared for that classification.',
  },
  EXTERNAL_CLASSIFIER_FAILED: {
    kind: 'decision',
    meaning:
      'The external injection classifier did not answer in time or answered badly; the input is flagged, never passed.',
    fix: 'Check that the classifier server is reachable at the configured url and answers within timeoutMs.',
  },
  TOOL_OUTPUT_QUARANTINED: {
    kind: 'decision',
    meaning:
      'A tool output scored as injected: it reaches the agent only as quarantined data, and the session is tainted.',
    fix: 'Review the tool output; the session stays tainted so information-flow rules can restrict what follows.',
  },
  UNSAFE_PATTERN: {
    kind: 'failure',
    meaning:
      'A configured input pattern is not a valid regular expression or can backtrack catastrophically (nested or ambiguous quantifiers).',
    fix: 'Rewrite the pattern without nested quantifiers such as (a+)+ or (a|a)*; bound repetitions with {0,N}.',
  },
  INJECTION_MODEL_MISSING: {
    kind: 'failure',
    meaning:
      'The committed injection classifier weights (models/injection-lr.bin) are missing or the wrong size.',
    fix: 'Reinstall the package, or retrain with `npx tsx scripts/train-injection.ts`.',
  },
  INVALID_SCAN_ITEM: {
    kind: 'failure',
    meaning: 'A `warden scan --jsonl` line is not an object with a string `text` (and optional string `id`).',
    fix: 'Send one {"id","text"} object per line.',
  },
}
