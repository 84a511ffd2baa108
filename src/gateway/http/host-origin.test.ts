import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hostAllowed, originAllowed } from './host-origin.js'

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]']

describe('hostAllowed (DNS rebinding)', () => {
  it('accepts loopback names on any port when the entry has none', () => {
    for (const host of ['localhost', 'localhost:8787', '127.0.0.1:1', '[::1]:8787', 'LOCALHOST:80']) {
      expect(hostAllowed(host, LOOPBACK), host).toBe(true)
    }
  })

  it('refuses a rebound name, look-alikes and malformed values', () => {
    for (const host of [
      'evil.example',
      'evil.example:8787',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      'localhost@evil.example',
      'evil.example#localhost',
      'localhost:8787:1',
      '',
      ' ',
      '[::1',
      'user@localhost',
    ]) {
      expect(hostAllowed(host, LOOPBACK), host).toBe(false)
    }
    expect(hostAllowed(undefined, LOOPBACK)).toBe(false)
  })

  it('holds an entry with a port to that port', () => {
    expect(hostAllowed('gw.internal:8443', ['gw.internal:8443'])).toBe(true)
    expect(hostAllowed('gw.internal:8444', ['gw.internal:8443'])).toBe(false)
    expect(hostAllowed('gw.internal', ['gw.internal:8443'])).toBe(false)
  })

  it('refuses every host name that is not on the list (property)', () => {
    fc.assert(
      fc.property(fc.domain(), fc.option(fc.integer({ min: 0, max: 65_535 })), (domain, port) => {
        fc.pre(!LOOPBACK.includes(domain.toLowerCase()))
        expect(hostAllowed(port === null ? domain : `${domain}:${port}`, LOOPBACK)).toBe(false)
      }),
    )
  })
})

describe('originAllowed', () => {
  it('lets programs without an Origin through (they hold a bearer key)', () => {
    expect(originAllowed(undefined, LOOPBACK, [])).toBe(true)
  })

  it('accepts pages of allowed hosts and listed origins only', () => {
    expect(originAllowed('http://localhost:3000', LOOPBACK, [])).toBe(true)
    expect(originAllowed('https://console.example', LOOPBACK, ['https://console.example'])).toBe(true)
    expect(originAllowed('https://console.example.evil', LOOPBACK, ['https://console.example'])).toBe(false)
    expect(originAllowed('https://evil.example', LOOPBACK, [])).toBe(false)
  })

  it('refuses every web origin whose host is not allowed (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), (url) => {
        const origin = new URL(url).origin
        fc.pre(!LOOPBACK.includes(new URL(url).hostname))
        expect(originAllowed(origin, LOOPBACK, [])).toBe(false)
      }),
    )
  })

  it('refuses the opaque origin and non-web schemes', () => {
    for (const origin of ['null', 'file://', 'chrome-extension://abc', 'not a url']) {
      expect(originAllowed(origin, LOOPBACK, []), origin).toBe(false)
    }
  })
})
