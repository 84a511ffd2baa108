import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { canonicalizePolicyPath } from './canonical-path.js'
import { decodedForms, isInside } from './decoded-forms.case.js'
import { checkFileAccess, compileFilesPolicy, type FileOperation } from './files-policy.js'

// PayloadsAllTheThings' directory-traversal list, read from the shared development data (never copied).
const here = dirname(fileURLToPath(import.meta.url))
const evalDir = resolve(
  process.env['WARDEN_EVAL_DIR'] ?? join(here, '..', '..', '..', '..', 'shared', 'eval'),
)
const file = join(evalDir, 'bypass', 'directory-traversal.txt')
const present = existsSync(file)
if (!present) console.warn(`skipping traversal payloads: ${file} is absent (set WARDEN_EVAL_DIR)`)

const payloads = present
  ? readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
  : []
const policy = compileFilesPolicy(
  {
    read: ['/data/public/**', '/data/reports/**'],
    write: ['/data/outputs/**'],
    delete: ['/data/outputs/tmp/**'],
  },
  ['agents', 'attacker', 'permissions', 'files'],
)
const BASES: Readonly<Record<FileOperation, readonly string[]>> = {
  read: ['/data/public', '/data/reports'],
  list: ['/data/public', '/data/reports'],
  write: ['/data/outputs'],
  delete: ['/data/outputs/tmp'],
}
const PREFIXES = [
  '/data/public/',
  '/data/public',
  '/data/reports/2026/',
  '/data/outputs/',
  '/data/outputs/tmp/',
]

describe.skipIf(!present)('filesPolicy against PayloadsAllTheThings traversal payloads', () => {
  it('reads the payload list', () => {
    expect(payloads.length).toBeGreaterThan(100)
  })

  it('allows no payload on its own, for any operation', () => {
    for (const payload of payloads) {
      for (const op of ['read', 'write', 'delete', 'list'] as const) {
        expect(checkFileAccess(policy, op, payload).allowed, `${op} ${payload}`).toBe(false)
      }
    }
  })

  it('never lets a payload appended to a granted prefix reach outside the globs, in any decoded form', () => {
    let allowedCount = 0
    for (const prefix of PREFIXES) {
      for (const payload of payloads) {
        const raw = prefix + payload
        for (const op of ['read', 'write', 'delete', 'list'] as const) {
          if (!checkFileAccess(policy, op, raw).allowed) continue
          allowedCount++
          const canonical = canonicalizePolicyPath(raw)
          expect(canonical.ok, raw).toBe(true)
          const bases = BASES[op]
          for (const form of decodedForms(raw)) {
            expect(
              bases.some((base) => isInside(form, base, op === 'list')),
              `${op} ${JSON.stringify(raw)} → ${JSON.stringify(form)}`,
            ).toBe(true)
          }
        }
      }
    }
    // Some payloads are harmless inside a grant (`/data/public/.htaccess`, `/data/public/././.htaccess`).
    expect(allowedCount).toBeGreaterThan(0)
  })

  it('refuses the encoding itself, not only where it leads, when appended to a granted prefix', () => {
    for (const payload of payloads) {
      const result = checkFileAccess(policy, 'read', `/data/public/${payload}`)
      const code = result.allowed ? 'allowed' : result.code
      if (payload.includes('\\')) expect(code, payload).toBe('PATH_WINDOWS_FORM')
      else if (/%(?:2e|2f|5c|25|c0|00)/i.test(payload))
        expect(['PATH_ENCODED', 'PATH_NUL'], payload).toContain(code)
      else if (/(?:^|\/)\.\.(?:\/|$)/.test(payload)) expect(code, payload).toBe('PATH_TRAVERSAL')
    }
  })
})
