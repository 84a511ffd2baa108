import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkHttpHeaders } from './http-headers.js'

describe('checkHttpHeaders', () => {
  it('allows ordinary request headers, or none', () => {
    expect(checkHttpHeaders(undefined)).toEqual({ allowed: true })
    expect(
      checkHttpHeaders({
        Accept: 'application/json',
        'User-Agent': 'warden',
        Authorization: 'Bearer x',
        'X-Api-Key': 'k',
      }),
    ).toEqual({ allowed: true })
  })

  it.each([
    [{ Host: 'internal.admin' }],
    [{ host: 'evil.com' }],
    [{ 'X-Forwarded-Host': 'evil.com' }],
    [{ 'x-forwarded-for': '127.0.0.1' }],
    [{ Forwarded: 'for=127.0.0.1' }],
    [{ 'X-HTTP-Method-Override': 'DELETE' }],
    [{ 'Transfer-Encoding': 'chunked' }],
    [{ 'Content-Length': '0' }],
    [{ Connection: 'Upgrade' }],
    [{ 'Proxy-Authorization': 'Basic x' }],
    [{ 'X-Test': 'a\r\nHost: evil.com' }],
    [{ 'X-Test': 'a\nb' }],
    [{ 'X Test': 'a' }],
    [{ 'X-Test:': 'a' }],
    [{ 'X-Test': 42 }],
    [['Accept', 'text/html']],
    ['Host: evil.com'],
  ])('refuses %j', (headers) => {
    expect(checkHttpHeaders(headers)).toMatchObject({ allowed: false, code: 'API_HEADER_NOT_ALLOWED' })
  })

  it('never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (headers) => {
        expect(typeof checkHttpHeaders(headers).allowed).toBe('boolean')
      }),
    )
  })
})
