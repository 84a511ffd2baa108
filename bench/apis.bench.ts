import { checkHttpRequest, compileApisPolicy } from '../src/policy/apis/apis-policy.js'
import { SlidingWindowLimiter } from '../src/policy/apis/sliding-window.js'
import { detectEscalation } from '../src/policy/tools/escalation.js'
import { checkToolCall, compileToolsPolicy } from '../src/policy/tools/tools-policy.js'
import { type BenchSuite, measure } from './harness.js'

// The apis and tools boundaries run on every action: static URL checks, the rate limiter, and the
// escalation detector the policy stage calls for every tool call.
const policy = compileApisPolicy(
  {
    allowed: ['weather.api.com', 'maps.api.com', '*.cdn.example.net', 'api.example.com:8443', '10.0.0.5'],
    methods: ['GET', 'POST'],
    rateLimit: 100,
  },
  ['apis'],
)

const ALLOWED_URLS = [
  'https://weather.api.com/v1/forecast?city=Oslo&units=metric',
  'https://maps.api.com/route?from=a&to=b#map',
  'https://img.cdn.example.net/a/b/c.png',
  'https://api.example.com:8443/v2/items',
]
const DENIED_URLS = [
  'https://weather.api.com.evil.com/',
  'https://weather.api.com@evil.com/',
  'http://0x7f.1/',
  'https://wеather.api.com/',
  'https://weather。api。com/',
  '//evil.com',
]
const MIXED = [...ALLOWED_URLS, ...DENIED_URLS]

const limiter = new SlidingWindowLimiter(100, 60_000)
const tools = compileToolsPolicy({ allow: ['github/search_issues', 'slack/post_message'] }, ['tools'])
const EMAIL_BODY =
  'Hi team, the admin will review the role assignments on Monday. Please sign the permission slip for the ' +
  'offsite and send it to the office administrator. The root cause of last week’s outage is in the doc. '.repeat(
    4,
  )

export const suite: BenchSuite = {
  title: 'apis and tools boundaries',
  async run() {
    return [
      await measure(
        'checkHttpRequest, allowed URL',
        (i) => checkHttpRequest(policy, 'GET', ALLOWED_URLS[i % 4]),
        {
          iterations: 200_000,
        },
      ),
      await measure(
        'checkHttpRequest, bypass attempts (denied)',
        (i) => checkHttpRequest(policy, 'GET', DENIED_URLS[i % 6]),
        {
          iterations: 200_000,
        },
      ),
      await measure('checkHttpRequest, mixed', (i) => checkHttpRequest(policy, 'GET', MIXED[i % 10]), {
        iterations: 200_000,
      }),
      await measure(
        'SlidingWindowLimiter.tryTake, 1,000 keys',
        (i) => limiter.tryTake(`agent-${i % 1_000}`, i),
        {
          iterations: 200_000,
        },
      ),
      await measure(
        'checkToolCall, short args',
        (i) =>
          checkToolCall(tools, i % 2 === 0 ? 'github/search_issues' : 'admin/grant_role', {
            query: 'flaky test',
          }),
        { iterations: 200_000 },
      ),
      await measure(
        'detectEscalation, email body',
        () =>
          detectEscalation('email.send', { to: 'team@example.com', subject: 'Offsite', body: EMAIL_BODY }),
        { iterations: 100_000, note: `${EMAIL_BODY.length} chars` },
      ),
    ]
  },
}
