import type { CatalogArea } from './entry.js'

/** docs/errors.md, rendered from the catalog so the table can never drift from the code. */
export function renderErrorsDoc(areas: Readonly<Record<string, CatalogArea>>): string {
  const out = [
    '# Error and decision codes',
    '',
    'Generated from `src/errors/catalog.ts` by `npm run docs:errors`; a test fails when this file is stale.',
    'Match on the code, never on the message. `decision` codes explain a deny or a required control (an',
    'answer: the exit status of `warden check` is 2); `failure` codes name something that went wrong',
    '(bad input, an unreachable store: exit status 1, HTTP 4xx/5xx).',
    '',
  ]
  for (const [area, codes] of Object.entries(areas)) {
    const entries = Object.entries(codes)
    if (entries.length === 0) continue
    out.push(`## ${area}`, '', '| code | kind | meaning | what to do |', '|---|---|---|---|')
    for (const [code, e] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`| \`${code}\` | ${e.kind} | ${cell(e.meaning)} | ${cell(e.fix)} |`)
    }
    out.push('')
  }
  return out.join('\n')
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}
