import { describe, expect, it } from 'vitest'
import { classifyHost, isIpHostname } from './classify-host.js'

describe('classifyHost', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0177.0.0.01', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['169.254.169.254', '169.254.169.254'],
    ['0', '0.0.0.0'],
  ])('reads the IPv4 notation %s as %s', (host, address) => {
    expect(classifyHost(host)).toEqual({ kind: 'ipv4', address })
  })

  it.each([
    ['[::1]', '[::1]'],
    ['::1', '[::1]'],
    ['[0:0:0:0:0:0:0:1]', '[::1]'],
    ['[2001:DB8::1]', '[2001:db8::1]'],
  ])('reads the IPv6 literal %s as %s', (host, address) => {
    expect(classifyHost(host)).toEqual({ kind: 'ipv6', address })
  })

  it('finds the IPv4 address inside an IPv4-mapped IPv6 address', () => {
    expect(classifyHost('[::ffff:127.0.0.1]')).toEqual({
      kind: 'ipv6',
      address: '[::ffff:7f00:1]',
      mappedIpv4: '127.0.0.1',
    })
    expect(classifyHost('::ffff:a9fe:a9fe')).toMatchObject({ mappedIpv4: '169.254.169.254' })
  })

  it('classifies an address with a zone id as IPv6 and flags the zone', () => {
    expect(classifyHost('[fe80::1%25eth0]')).toEqual({ kind: 'ipv6', address: '[fe80::1]', zone: true })
    expect(classifyHost('fe80::1%eth0')).toEqual({ kind: 'ipv6', address: '[fe80::1]', zone: true })
  })

  it('reads names in punycode, lower case', () => {
    expect(classifyHost('Weather.API.com')).toEqual({ kind: 'domain', name: 'weather.api.com' })
    expect(classifyHost('münchen.de')).toEqual({ kind: 'domain', name: 'xn--mnchen-3ya.de' })
    expect(classifyHost('wеather.api.com')).toEqual({ kind: 'domain', name: 'xn--wather-3of.api.com' })
  })

  it.each([
    '',
    'a b',
    'evil.com/x',
    'a@b',
    'a\\b',
    '[::1',
    'foo.0x10',
    '1.2.3.4.5.6',
    'a%2eb',
    '[fe80::1%]x',
  ])('refuses %j', (host) => {
    expect(classifyHost(host)).toEqual({ kind: 'invalid' })
  })

  it('tells IP hostnames from names after WHATWG parsing', () => {
    expect(isIpHostname('127.0.0.1')).toBe(true)
    expect(isIpHostname('[::1]')).toBe(true)
    expect(isIpHostname('weather.api.com')).toBe(false)
    expect(isIpHostname('1.2.3.com')).toBe(false)
  })
})
