import { ConfigPathError } from '../config/load.js'
import type { WardenConfig } from '../config/schema.js'
import type { Stage } from '../core/stage.js'
import { WardenError } from '../errors/warden-error.js'
import { inputStage } from '../guardrails/stages/input-stage.js'

/** The input stage from `guardrails.input`; an unsafe or invalid pattern is a config error at its line. */
export function inputStageFrom(input: WardenConfig['guardrails']['input']): Stage {
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
  try {
    return inputStage({
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
    })
  } catch (error) {
    if (error instanceof WardenError)
      throw new ConfigPathError(['guardrails', 'input', 'patterns'], error.message)
    throw error
  }
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never
}
