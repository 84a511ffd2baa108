import { ConfigPathError } from '../config/load.js'
import type { WardenConfig } from '../config/schema.js'
import type { Stage } from '../core/stage.js'
import { WardenError } from '../errors/warden-error.js'
import { type InputGuardrailOptions, InputGuardrails } from '../guardrails/input/input-guardrails.js'
import { inputStage } from '../guardrails/stages/input-stage.js'

type InputConfig = WardenConfig['guardrails']['input']

/** The input stage from `guardrails.input`; an unsafe or invalid pattern is a config error at its line. */
export function inputStageFrom(input: InputConfig): Stage {
  return patternErrorsAsConfig(() => inputStage(inputGuardrailOptionsFrom(input)))
}

/**
 * The InputGuardrails `guardrails.input` configures, checked as the input stage checks them: what
 * `warden scan --direction input` runs, so it answers as the gateway would for the same text.
 */
export function inputGuardrailsFrom(input: InputConfig): InputGuardrails {
  return patternErrorsAsConfig(() => new InputGuardrails(inputGuardrailOptionsFrom(input)))
}

function inputGuardrailOptionsFrom(input: InputConfig): InputGuardrailOptions {
  input.patterns.forEach((p, i) => {
    try {
      new RegExp(typeof p === 'string' ? p : p.pattern, 'u')
    } catch (error) {
      throw new ConfigPathError(
        ['guardrails', 'input', 'patterns', i],
        `not a valid regular expression: ${(error as Error).message}`,
      )
    }
  })
  return {
    patterns: input.patterns.map((p) =>
      typeof p === 'string'
        ? p
        : {
            pattern: p.pattern,
            ...(p.name === undefined ? {} : { name: p.name }),
            ...(p.action === undefined ? {} : { action: p.action }),
          },
    ),
    ...(input.maxLength === undefined ? {} : { maxLength: input.maxLength }),
    ...(input.injection === undefined ? {} : { injection: stripUndefined(input.injection) }),
  }
}

// InputGuardrails refuse an unsafe pattern (catastrophic backtracking) with a WardenError: in a config,
// that is an error at the patterns key, which the loader locates by file and line.
function patternErrorsAsConfig<T>(build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (error instanceof WardenError)
      throw new ConfigPathError(['guardrails', 'input', 'patterns'], error.message)
    throw error
  }
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never
}
