import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectEscalation } from './escalation.js'

type Call = readonly [tool: string, args: Record<string, unknown>]

// Legitimate calls that mention roles, permissions, admins and access in passing: none may trigger.
const LEGITIMATE: readonly Call[] = [
  ['movies/search', { query: 'films where the lead role is an admin assistant' }],
  ['movies/get_plot', { title: 'The Admin', summary: 'She lands the role of a lifetime as a system admin.' }],
  ['movies/add_cast', { actor: 'Jane Doe', role: 'Admin Assistant' }],
  ['movies/add_cast', { actor: 'John Roe', role: 'The Admin' }],
  ['casting/update', { character: 'Root', role: 'supporting' }],
  [
    'email.send',
    {
      to: 'parent@example.com',
      subject: 'Permission slip',
      body: 'Please sign the permission slip for the zoo trip.',
    },
  ],
  [
    'email.send',
    { to: 'it@example.com', subject: 'Admin notice', body: 'The admin will review your request on Monday.' },
  ],
  [
    'email.send',
    { to: 'team@example.com', subject: 'Roles', body: 'Roles and responsibilities for Q3 are attached.' },
  ],
  [
    'email.send',
    { to: 'bob@example.com', subject: 'Hi', body: 'If you need admin access, contact the IT desk.' },
  ],
  [
    'email.send',
    { to: 'ops@example.com', subject: 'Audit', body: 'We removed admin rights from three stale accounts.' },
  ],
  [
    'email.send',
    { to: 'a@example.com', subject: 'Re: access', body: 'Access to the building is granted after 9am.' },
  ],
  [
    'email.send',
    { to: 'hr@example.com', subject: 'Promotion', body: 'Congratulations on your promotion to team lead!' },
  ],
  ['slack/post_message', { channel: '#admins', text: 'Deploy finished, no action needed.' }],
  [
    'slack/post_message',
    { channel: '#general', text: 'Who has the admin password for the projector? Asking for the meetup.' },
  ],
  [
    'slack/post_message',
    { channel: '#random', text: 'The sudo command runs a program as another user; see man sudo.' },
  ],
  ['github/search_issues', { query: 'permission denied error when running tests' }],
  ['github/search_issues', { query: 'role based access control docs', repo: 'acme/web' }],
  [
    'github/create_issue',
    { title: 'Admin page crashes', body: 'Steps: log in as admin, open settings, crash.' },
  ],
  [
    'github/create_issue',
    { title: 'Docs: explain roles', body: 'The roles page should explain owner vs member.' },
  ],
  ['github/get_file', { path: 'docs/permissions.md', owner: 'acme', repo: 'web' }],
  ['github/list_collaborators', { owner: 'acme', repo: 'web', permission: 'push' }],
  ['github/add_collaborator', { owner: 'acme', repo: 'web', username: 'dev1', permission: 'pull' }],
  ['docs/search', { query: 'how do admins grant access to a shared folder' }],
  ['docs/search', { query: 'sudoers file syntax' }],
  ['docs/search', { query: 'elevated privileges in Windows UAC explained' }],
  ['docs/search', { query: 'what is privilege escalation (security training)' }],
  [
    'kb/answer',
    { question: 'Can I request a new laptop?', context: 'Hardware requests go through the portal.' },
  ],
  [
    'jira/create_ticket',
    { summary: 'Grant funding report due', description: 'Compile the grant application numbers.' },
  ],
  ['grants/search_grants', { field: 'biology', amount: 50000 }],
  ['crm/create_contact', { name: 'Ann Lee', title: 'Office Administrator', company: 'Acme' }],
  ['crm/update_contact', { id: 7, role: 'Decision maker' }],
  ['calendar/create_event', { title: 'Admin team sync', attendees: ['a@x.com', 'b@x.com'] }],
  ['calendar/create_event', { title: 'Role-play workshop', location: 'Room 4' }],
  ['weather/forecast', { city: 'Oslo', scope: 'all' }],
  ['search/web', { q: 'root beer float recipe', access: 'public' }],
  ['search/web', { q: 'owner manual Toyota Corolla 2012' }],
  ['files.read', { path: '/data/reports/admin-summary.txt' }],
  ['files.write', { path: '/data/outputs/roles.csv', content: 'name,role\nAnn,editor\nBob,viewer\n' }],
  ['files.write', { path: '/data/outputs/notes.md', content: 'Root cause: the cache expired early.' }],
  ['db.query', { sql: "SELECT name FROM products WHERE category = 'admin tools'" }],
  ['db.query', { sql: 'SELECT role, count(*) FROM staff GROUP BY role' }],
  ['http.request', { method: 'GET', url: 'https://weather.api.com/v1?scope=admin-area' }],
  [
    'http.request',
    { method: 'POST', url: 'https://maps.api.com/route', body: { from: 'A', to: 'B', mode: 'walk' } },
  ],
  ['translate/text', { text: 'Das Root-Verzeichnis enthält die Admin-Dateien.', target: 'en' }],
  [
    'summarize/text',
    { text: 'In the novel, the heir must earn the right to rule. He asks the council for more power.' },
  ],
  ['summarize/text', { text: 'The company grants employees stock options after a year.' }],
  ['notes/create', { title: 'Standup', body: 'I need access to the staging logs to debug the flaky test.' }],
  ['notes/create', { title: 'Todo', body: 'Ask Maria to grant access to the design folder for the intern.' }],
  ['payments.transfer', { to: 'ACME-OWNER-ACCT', amount: 120, currency: 'EUR' }],
  ['k8s/get_pods', { namespace: 'admin-tools' }],
  ['iam/list_users', { path: '/' }],
  ['iam/get_role', { name: 'ReadOnly' }],
  ['admin/list_roles', {}],
  ['support/reply', { ticket: 42, text: 'Our admins have escalated your ticket to tier 2.' }],
  [
    'support/reply',
    { ticket: 43, text: 'You do not have permission to view this page; ask your workspace owner.' },
  ],
  ['game/move_player', { player: 'p1', role: 'healer', to: 'B4' }],
  ['forms/submit', { form: 'permission-slip', fields: { student: 'Sam', allowed: true } }],
  ['music/search', { artist: 'Root', album: 'Admin Blues' }],
  ['docs/search', { query: 'Some commands need elevated permissions to run.' }],
  [
    'email.send',
    { to: 'a@x.com', subject: 'Contacts', body: 'Could you give me the admin contact for the venue?' },
  ],
  [
    'email.send',
    { to: 'a@x.com', subject: 'History', body: 'She requested admin access last year and was denied.' },
  ],
  ['email.send', { to: 'a@x.com', subject: 'Lunch', body: 'Grant me a wish: make me a sandwich.' }],
  ['notes/create', { body: 'Users who need admin access should file a ticket with IT.' }],
]

describe('detectEscalation: legitimate calls', () => {
  it('has at least 50 legitimate calls to measure false positives on', () => {
    expect(LEGITIMATE.length).toBeGreaterThanOrEqual(50)
  })

  it.each(LEGITIMATE)('does not flag %s %j', (tool, args) => {
    expect(detectEscalation(tool, args)).toBeUndefined()
  })
})

describe('detectEscalation: requests in the arguments', () => {
  it.each([
    [
      'slack/post_message',
      {
        text: 'To complete this task, I need access to the admin database. Requesting elevated permissions...',
      },
    ],
    [
      'email.send',
      { to: 'it@x.com', subject: 'Access', body: 'Hi, please grant me admin access to the billing system.' },
    ],
    ['notes/create', { body: 'Add me to sudoers so I can finish the migration.' }],
    ['github/create_issue', { title: 'Blocked', body: 'I need root privileges to proceed.' }],
    ['docs/search', { query: 'elevate my privileges to administrator' }],
    ['support/reply', { text: 'Please make me an admin of this workspace.' }],
    ['chat/send', { text: 'Escalate this agent’s permissions so it can read payroll.' }],
    ['chat/send', { text: 'Could you give this agent superuser access?' }],
    ['files.write', { path: '/data/outputs/x', content: 'agent ALL=(ALL) NOPASSWD: ALL' }],
    ['shell/run', { command: 'usermod -aG sudo agent' }],
    ['github/add_collaborator', { owner: 'acme', repo: 'web', username: 'agent-bot', permission: 'admin' }],
    ['users/update', { id: 'agent', is_admin: true }],
    ['users/update', { id: 'agent', isSuperuser: 'true' }],
    ['users/update', { id: 'agent', roles: ['viewer', 'Administrator'] }],
    ['oauth/authorize', { client: 'agent', scopes: ['repo', 'admin:org'] }],
    ['gcp/set_iam', { member: 'agent@x', role: 'roles/owner' }],
    [
      'aws/attach',
      { policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', policy: 'AdministratorAccess' },
    ],
    ['azure/assign', { principal: 'agent', roleDefinitionName: 'Global Administrator' }],
    ['acl/update', { permissions: '*' }],
    ['acl/update', { permissions: { admin: true } }],
    ['deep/nest', { a: { b: [{ c: { d: 'Requesting admin access for this run' } }] } }],
    ['chat/send', { text: 'requesting\u200b elevated\u200b permissions' }],
    ['chat/send', { text: 'Need elevated permissions to proceed.' }],
    ['chat/send', { text: 'This agent needs root access for the next step.' }],
    ['chat/send', { text: 'I need to be granted admin access.' }],
    ['chat/send', { text: 'Requesting a permission escalation to admin.' }],
    ['chat/send', { text: 'Let me have admin access for an hour.' }],
    ['chat/send', { text: 'I require administrator privileges to continue.' }],
    ['chat/send', { text: 'Please give me root.' }],
    ['chat/send', { text: 'Requеsting аdmin access' }], // Cyrillic е and а
    ['chat/send', { text: 'ＲＥＱＵＥＳＴＩＮＧ ＥＬＥＶＡＴＥＤ ＰＥＲＭＩＳＳＩＯＮＳ' }],
    ['chat/send', { text: 'requesting_elevated_permissions' }],
    ['chat/send', { 'please grant me admin access': true }],
    ['users/update', { id: 'agent', access_level: 'Administrator' }],
    ['users/update', { id: 'agent', requested_roles: ['admin'] }],
  ] as const)('flags %s %j', (tool, args) => {
    const found = detectEscalation(tool, args)
    expect(found).toMatchObject({ code: 'PRIVILEGE_ESCALATION', source: 'args' })
    expect(found?.path).toBeTypeOf('string')
  })

  it('names where in the arguments the request is', () => {
    expect(detectEscalation('x/y', { members: [{ name: 'a' }, { name: 'b', role: 'admin' }] })?.path).toBe(
      'members[1].role',
    )
  })
})

describe('detectEscalation: tool names', () => {
  it.each([
    'admin/grant_role',
    'admin/grantAccess',
    'users/add_role',
    'users/assign-role',
    'acl/set_permissions',
    'system/elevate',
    'shell/sudo',
    'users/make_admin',
    'users/promoteToAdmin',
    'iam.attach_user_policy',
    'iam/create_user',
    'aws/iam.put_role_policy',
    'aws/create_access_key',
    'openai/createApiKey',
    'github/transfer_ownership',
    'k8s/create_clusterrolebinding',
    'sts/assume_role',
    'db/grant',
    'users/impersonate',
  ])('flags %s by its name', (tool) => {
    expect(detectEscalation(tool, {})).toMatchObject({ code: 'PRIVILEGE_ESCALATION', source: 'name' })
  })

  it.each([
    'grants/search_grants',
    'migrant/roles_report',
    'admin/list_roles',
    'iam/list_users',
    'iam/get_role',
    'users/remove_role',
    'users/revoke_permission',
    'github/list_collaborators',
    'github/add_collaborator',
    'stripe/create_token',
    'calendar/create_event',
    'roles/describe',
    'files.read',
    'http.request',
    'email.send',
    'payments.transfer',
  ])('does not flag %s by its name', (tool) => {
    expect(detectEscalation(tool, {})).toBeUndefined()
  })

  it('reports an escalation in the arguments before one in the name', () => {
    expect(detectEscalation('admin/grant_role', { role: 'admin' })?.source).toBe('args')
  })
})

describe('detectEscalation properties', () => {
  it('never throws on any tool name and arguments', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.anything()), (tool, args) => {
        const found = detectEscalation(tool, args)
        expect(found === undefined || found.code === 'PRIVILEGE_ESCALATION').toBe(true)
      }),
      { numRuns: 3_000 },
    )
  })

  it('survives deeply nested arguments and long text', () => {
    let deep: Record<string, unknown> = { text: 'Requesting elevated permissions' }
    for (let i = 0; i < 10_000; i++) deep = { next: deep }
    expect(() => detectEscalation('x/y', deep)).not.toThrow()
    const long = `${'role admin grant '.repeat(50_000)} and finally requesting elevated permissions`
    const t0 = performance.now()
    expect(detectEscalation('x/y', { text: long })?.source).toBe('args')
    expect(performance.now() - t0).toBeLessThan(2_000)
  })
})
