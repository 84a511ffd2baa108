import { describe, expect, it } from 'vitest'
import { canonicalForms, canonicalizePolicyPath } from './canonical-path.js'

function codeOf(raw: unknown): string | undefined {
  const result = canonicalizePolicyPath(raw)
  return result.ok ? undefined : result.code
}

function pathOf(raw: unknown): string | undefined {
  const result = canonicalizePolicyPath(raw)
  return result.ok ? result.path : undefined
}

describe('canonicalizePolicyPath', () => {
  it('keeps a canonical absolute path as it is', () => {
    expect(pathOf('/data/public/report.v2.final.txt')).toBe('/data/public/report.v2.final.txt')
    expect(pathOf('/')).toBe('/')
  })

  it('drops `.` segments, empty segments and a trailing slash', () => {
    expect(pathOf('/data/public/./a//b/')).toBe('/data/public/a/b')
    expect(pathOf('/data/./././public/')).toBe('/data/public')
    expect(pathOf('/./')).toBe('/')
  })

  it('resolves `..` below the root lexically and reports that it climbed', () => {
    expect(pathOf('/data/public/a/../b')).toBe('/data/public/b')
    const forms = canonicalForms('/data/public/a/../b')
    expect(forms.ok && forms.climbed).toBe(true)
    const plain = canonicalForms('/data/public/b')
    expect(plain.ok && plain.climbed).toBe(false)
  })

  it('refuses `..` that climbs above the root', () => {
    expect(codeOf('/..')).toBe('PATH_TRAVERSAL')
    expect(codeOf('/data/../../etc/passwd')).toBe('PATH_TRAVERSAL')
  })

  it('refuses segments made only of dots and spaces, which Windows and old IIS read as `..`', () => {
    expect(codeOf('/data/public/.../x')).toBe('PATH_TRAVERSAL')
    expect(codeOf('/data/public/.. /x')).toBe('PATH_TRAVERSAL')
    expect(codeOf('/data/public/. /x')).toBe('PATH_TRAVERSAL')
    expect(codeOf('/data/public/.%20/x')).toBe('PATH_TRAVERSAL')
  })

  it('refuses relative paths and `~`', () => {
    for (const raw of ['data/public/x', './x', '../x', 'x', ' /data/public/x']) {
      expect(codeOf(raw), raw).toBe('PATH_NOT_ABSOLUTE')
    }
    expect(codeOf('~/x')).toBe('PATH_NOT_ABSOLUTE')
    expect(codeOf('~root/.ssh/id_rsa')).toBe('PATH_NOT_ABSOLUTE')
    expect(codeOf('/data/public/~root/x')).toBe('PATH_NOT_ABSOLUTE')
  })

  it('accepts `~` inside a name (editor backups)', () => {
    expect(pathOf('/data/public/notes.txt~')).toBe('/data/public/notes.txt~')
  })

  it('refuses NUL, raw or percent-encoded', () => {
    expect(codeOf('/data/public/x\0.jpg')).toBe('PATH_NUL')
    expect(codeOf('/data/public/x%00.jpg')).toBe('PATH_NUL')
    expect(codeOf('%00/etc/passwd')).toBe('PATH_NUL')
  })

  it('refuses control and line-separator characters', () => {
    for (const raw of ['/data/x\ny', '/data/x\ty', '/data/x\u007fy', '/data/x\u0085y', '/data/x\u2028y']) {
      expect(codeOf(raw), JSON.stringify(raw)).toBe('PATH_INVALID')
    }
    expect(codeOf('/data/x%0ay')).toBe('PATH_ENCODED')
  })

  it('refuses values that are not non-empty strings, lone surrogates and oversized paths', () => {
    for (const raw of [undefined, null, 42, {}, ['/data'], '', new String('/data')]) {
      expect(codeOf(raw)).toBe('PATH_INVALID')
    }
    expect(codeOf('/data/\ud800x')).toBe('PATH_INVALID')
    expect(codeOf(`/${'a'.repeat(4096)}`)).toBe('PATH_INVALID')
    expect(codeOf(`/data/${'a'.repeat(256)}`)).toBe('PATH_INVALID')
    expect(pathOf(`/data/${'a'.repeat(255)}`)).toBe(`/data/${'a'.repeat(255)}`)
  })

  it('refuses backslashes, drive letters, UNC forms and NTFS streams', () => {
    for (const raw of [
      '\\..\\WINDOWS\\win.ini',
      '/data/public/..\\..\\etc',
      '/data/public/a\\b',
      'C:/boot.ini',
      'C:\\boot.ini',
      '/C:/Windows/win.ini',
      '/data/public/C:/boot.ini',
      '//server/share/x',
      '\\\\server\\share',
      '\\\\?\\C:\\x',
      '/data/public/x.txt::$DATA',
    ]) {
      expect(codeOf(raw), raw).toBe('PATH_WINDOWS_FORM')
    }
  })

  it('refuses escapes that decode to structure, at any depth', () => {
    for (const raw of [
      '/data/public/%2e%2e/secret',
      '/data/public/%2E%2E%2Fsecret',
      '/data/public/..%2fsecret',
      '/data/public/..%5csecret',
      '/data/public/%252e%252e/secret',
      '/data/public/%25252e%25252e/secret',
      '/data/public/%%32%65%%32%65/secret',
      '/data/public/..%c0%af../secret',
      '/data/public/%c0%ae%c0%ae/secret',
      '/data/public/%e0%80%af',
      '/data/public/%u002e%u002e/secret',
      '/data/public/%7eroot',
      '/data/public/C%3a',
      '/data/public/%c3',
    ]) {
      expect(codeOf(raw), raw).toBe('PATH_ENCODED')
    }
  })

  it('refuses Unicode look-alikes of `/` and `.`, alone and mixed with encodings', () => {
    for (const raw of [
      '/data/public/\uff0e\uff0e/secret',
      '/data/public/..\uff0fsecret',
      '/data/public/..\u2215secret',
      '/data/public/..\u2044secret',
      '/data/public/\u2024\u2024/secret',
      '/data/public/\u2025/secret',
      '/data/public/\ufe52\ufe52/secret',
      '/data/public/.\uff0e/secret',
      '/data/public/%ef%bc%8e%ef%bc%8e/secret',
      '/data/public/%E2%88%95',
      '/data/public/\u200b../x',
      '/data/public/.\u0307./x',
      '/data/public/\uff05\uff12\uff45',
      '/data/public/ \u0307/x',
      '/data/public/\u0301/x',
    ]) {
      expect(codeOf(raw), raw).toBe('PATH_CONFUSABLE')
    }
  })

  it('accepts non-ASCII names that are not look-alikes, spaces and harmless `%`', () => {
    for (const raw of [
      '/data/public/café/日本.txt',
      '/data/public/cafe\u0301.txt',
      '/data/public/my report (final).txt',
      '/data/public/100%.txt',
      '/data/public/50% off.txt',
      '/data/public/ノート.md',
      '/data/public/\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645.txt',
      '/data/public/.env',
      '/data/public/資料：最終版～.txt',
    ]) {
      expect(pathOf(raw), raw).toBe(raw)
    }
  })

  it('keeps harmless escapes literally and exposes their decoded form', () => {
    const forms = canonicalForms('/data/public/./report%20final.pdf')
    expect(forms).toEqual({
      ok: true,
      path: '/data/public/report%20final.pdf',
      decoded: '/data/public/report final.pdf',
      climbed: false,
    })
    expect(pathOf('/data/public/100%25.txt')).toBe('/data/public/100%25.txt')
  })
})
