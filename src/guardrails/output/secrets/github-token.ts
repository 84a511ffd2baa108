import { crc32 } from 'node:zlib'
import type { Finding } from '../../finding.js'
import { isPlaceholder } from '../placeholder.js'
import { type Recognizer, secretFinding } from '../recognizer.js'

const CLASSIC = /(?<![A-Za-z0-9_])gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})(?![A-Za-z0-9_])/g
const FINE_GRAINED =
  /(?<![A-Za-z0-9_])(?:github_pat_[A-Za-z0-9_]{60,255}|ghs_\d{8}_[A-Za-z0-9_.-]{40,})(?![A-Za-z0-9_])/g
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** GitHub's token checksum: the last six characters are the base62 CRC-32 of the thirty before them. */
export function githubChecksumValid(random: string, checksum: string): boolean {
  let n = crc32(random)
  let encoded = ''
  while (n > 0) {
    encoded = BASE62[n % 62] + encoded
    n = Math.floor(n / 62)
  }
  return encoded.padStart(6, '0') === checksum
}

/** GITHUB_TOKEN: ghp_/gho_/ghu_/ghs_/ghr_ (checksum-verified), github_pat_ fine-grained and dated app tokens. */
export const githubTokenRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text) {
    if (!text.includes('gh')) return []
    const out: Finding[] = []
    for (const m of text.matchAll(CLASSIC)) {
      const valid = githubChecksumValid(m[1] ?? '', m[2] ?? '')
      // A matching checksum proves the shape even when the random part looks regular.
      if (!valid && isPlaceholder(m[0])) continue
      out.push(secretFinding('GITHUB_TOKEN', m.index, m.index + m[0].length, valid ? 1 : 0.8))
    }
    for (const m of text.matchAll(FINE_GRAINED)) {
      if (isPlaceholder(m[0])) continue
      out.push(secretFinding('GITHUB_TOKEN', m.index, m.index + m[0].length, 0.95))
    }
    return out
  },
}
