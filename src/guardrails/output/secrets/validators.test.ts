import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { isPlaceholder, shannonEntropy } from '../placeholder.js'
import { plausibleCredential } from './assignment-value.js'
import { githubChecksumValid, githubTokenRecognizer } from './github-token.js'
import { decodeJoseHeader, jwtRecognizer } from './jwt.js'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
function checksum(random: string): string {
  let n = crc32(random)
  let s = ''
  while (n > 0) {
    s = BASE62[n % 62] + s
    n = Math.floor(n / 62)
  }
  return s.padStart(6, '0')
}
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

describe('githubChecksumValid', () => {
  const random = 'kR7mQ2xWp9Lz4Tn8Vb3Hc6Jd1Fg5Ys'

  it('accepts a token whose last six characters are the base62 CRC-32 of the rest', () => {
    expect(githubChecksumValid(random, checksum(random))).toBe(true)
  })

  it('rejects a token with one changed character', () => {
    expect(githubChecksumValid(`x${random.slice(1)}`, checksum(random))).toBe(false)
  })

  it('scores a checksum-valid token above one whose checksum fails', () => {
    const good = `ghp_${random}${checksum(random)}`
    const bad = `ghp_${random}Zz9Zz9`
    expect(githubTokenRecognizer.scan(good)[0]?.score).toBe(1)
    expect(githubTokenRecognizer.scan(bad)[0]?.score).toBeLessThan(1)
  })
})

describe('jwt recogniser', () => {
  it('decodes the JOSE header and requires alg', () => {
    expect(decodeJoseHeader(b64url({ alg: 'RS256', typ: 'JWT' }))).toEqual({ alg: 'RS256', typ: 'JWT' })
    expect(decodeJoseHeader(b64url({ typ: 'JWT' }))).toBeUndefined()
    expect(decodeJoseHeader('eyJub3QganNvbg')).toBeUndefined()
  })

  it('ignores dotted base64 that is not a JWT', () => {
    const fake = `${b64url({ kid: 'x' })}.${b64url({ sub: 'u' })}.c2lnbmF0dXJl`
    expect(jwtRecognizer.scan(fake)).toEqual([])
  })
})

describe('plausibleCredential', () => {
  it('rejects stop-words, references and placeholders', () => {
    for (const v of [
      'null',
      'changeme',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference is the input under test
      '${SECRET}',
      'os.environ.get',
      'process.env.TOKEN',
      '<password>',
      '****',
    ])
      expect(plausibleCredential(v, 'PASSWORD'), v).toBe(false)
  })

  it('demands more randomness from keys than from passwords', () => {
    expect(plausibleCredential('Hunter2!', 'PASSWORD')).toBe(true)
    expect(plausibleCredential('aaaabbbb', 'API_KEY')).toBe(false)
    expect(plausibleCredential('9f8Kq2mW7pL4zT8n', 'API_KEY')).toBe(true)
  })
})

describe('isPlaceholder and shannonEntropy', () => {
  it('flags masks, repeats and counting sequences', () => {
    for (const v of ['xxxxxxxx', 'sk-EXAMPLEKEY', 'abc123456def', 'zzzzzzzzzz', 'your_api_key'])
      expect(isPlaceholder(v), v).toBe(true)
    expect(isPlaceholder('Zq8Kx2mW9p')).toBe(false)
  })

  it('measures bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0)
    expect(shannonEntropy('abcd')).toBe(2)
  })
})

describe('awsPairRecognizer', () => {
  it('takes a 40-character base64 value near an access key id as its secret, whatever its name', async () => {
    const { awsPairRecognizer } = await import('./aws-pair.js')
    const secret = 'wJalrXUtnFEMIK7MDENGbPxRfiCYzq9Lk2Vb8Hd4'
    const text = `[prod]\nid = AKIAQ7WADE5R42RDZ4JX\nsk = ${secret}\n`
    expect(awsPairRecognizer.scan(text).map((f) => text.slice(f.start, f.end))).toEqual([secret])
  })

  it('ignores hex digests and values with no key id nearby', async () => {
    const { awsPairRecognizer } = await import('./aws-pair.js')
    expect(
      awsPairRecognizer.scan('AKIAQ7WADE5R42RDZ4JX sha1 3f786850e387550fdab836ed7e6dc881de23001b'),
    ).toEqual([])
    expect(awsPairRecognizer.scan('value wJalrXUtnFEMIK7MDENGbPxRfiCYzq9Lk2Vb8Hd4')).toEqual([])
  })
})

describe('bech32Valid', () => {
  it('accepts the BIP 173 test vectors and rejects a one-character change', async () => {
    const { bech32Valid } = await import('./bech32.js')
    expect(bech32Valid('A12UEL5L')).toBe(true)
    expect(bech32Valid('abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw')).toBe(true)
    expect(bech32Valid('abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx')).toBe(false)
  })
})
