import { bech32Valid } from './bech32.js'

/** A provider token recognised by its published prefix and alphabet. */
export interface TokenRule {
  readonly kind: string
  /** Global regex; every one is bounded or anchored on a literal, so it is cheap and linear. */
  readonly pattern: RegExp
  readonly score: number
  /** Literal strings one of which every match contains: the regex only runs when the text has one. */
  readonly needles: readonly string[]
  /**
   * For tokens whose literal sits inside them (`<14 chars>.atlasv1.<...>`): the most characters a match
   * may start before its needle. The regex then runs only around each needle occurrence.
   */
  readonly before?: number
  /** The fewest characters a match starts before its needle (default 0). */
  readonly minBefore?: number
  /** A checksum or structure test the value must pass. */
  readonly check?: (value: string) => boolean
}

// Not inside a longer identifier, after (and, checked by the scanner, before).
const E = '(?![A-Za-z0-9_-])'

// The leading boundary is checked in code, not as a regex lookbehind, so V8 can search for a literal
// prefix with its fast string search instead of trying the pattern at every position.
function rule(
  kind: string,
  body: string,
  score = 0.95,
  needles?: readonly string[],
  before?: number,
  minBefore?: number,
): TokenRule {
  const n = (needles ?? [leadingLiteral(body)]).filter((x) => x.length > 0)
  const base = { kind, pattern: new RegExp(body + E, 'g'), score, needles: n }
  if (before === undefined) return base
  return minBefore === undefined ? { ...base, before } : { ...base, before, minBefore }
}

// The literal text a pattern body starts with ('glpat-' from 'glpat-[A-Za-z0-9]{20}'), unescaping '\.'.
function leadingLiteral(body: string): string {
  let out = ''
  for (let i = 0; i < body.length; i++) {
    let ch = body[i]!
    if (ch === '\\' && /[.$|-]/.test(body[i + 1] ?? '')) ch = body[++i]!
    else if (!/[A-Za-z0-9_~-]/.test(ch)) break
    if (/[?*{+]/.test(body[i + 1] ?? '')) break
    out += ch
  }
  return out
}

const AWS_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'A3T']

/** Provider-issued tokens with distinctive prefixes (from each provider's token format documentation). */
export const TOKEN_RULES: readonly TokenRule[] = [
  rule(
    'AWS_ACCESS_KEY',
    `(?:${AWS_PREFIXES.join('|')})[A-Z0-9]{16}`.replace('A3T', 'A3T[A-Z0-9]'),
    0.9,
    AWS_PREFIXES,
  ),
  rule('AWS_MWS_KEY', 'amzn\\.mws\\.[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}'),
  rule(
    'AWS_BEDROCK_KEY',
    '(?:ABSK[A-Za-z0-9+/]{100,}={0,2}|bedrock-api-key-[A-Za-z0-9+/]{32,}={0,2})',
    0.95,
    ['ABSK', 'bedrock-api-key-'],
  ),
  rule(
    'GITLAB_TOKEN',
    'gl(?:pat|dt|rt|rtr|ptt|soat|cbt|imt|agent|oas|ffct|ft|wt|sa)-[A-Za-z0-9_.-]{20,}',
    0.95,
    [
      'glpat-',
      'gldt-',
      'glrt-',
      'glrtr-',
      'glptt-',
      'glsoat-',
      'glcbt-',
      'glimt-',
      'glagent-',
      'gloas-',
      'glffct-',
      'glft-',
      'glwt-',
      'glsa-',
    ],
  ),
  rule('GITLAB_TOKEN', 'GR1348941[A-Za-z0-9_-]{20}'),
  rule('GITLAB_SESSION', '_gitlab_session=[a-f0-9]{32}', 0.85),
  rule('SLACK_TOKEN', 'xox[abposre]-(?:\\d+-)?[A-Za-z0-9-]{10,}'),
  rule('SLACK_TOKEN', 'xapp-\\d-[A-Z0-9]{8,}-\\d{8,}-[a-f0-9]{32,}'),
  rule(
    'SLACK_WEBHOOK',
    'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,}',
    0.95,
    ['hooks.slack.com'],
  ),
  rule('STRIPE_KEY', '(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,}', 0.95, [
    'k_live_',
    'k_test_',
    'k_prod_',
  ]),
  rule('STRIPE_WEBHOOK_SECRET', 'whsec_[A-Za-z0-9]{32,}'),
  rule('ANTHROPIC_API_KEY', 'sk-ant-(?:api|admin|oat|sid)\\d{2}-[A-Za-z0-9_-]{80,}'),
  rule(
    'OPENAI_API_KEY',
    'sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}',
    1,
    ['T3BlbkFJ'],
  ),
  rule('OPENAI_API_KEY', 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}', 0.9),
  rule('API_KEY', 'sk-[a-f0-9]{32}', 0.7),
  rule('GOOGLE_API_KEY', 'AIza[0-9A-Za-z_-]{35}'),
  rule('GOOGLE_OAUTH_SECRET', 'GOCSPX-[A-Za-z0-9_-]{28}'),
  rule('GOOGLE_OAUTH_TOKEN', 'ya29\\.[A-Za-z0-9_-]{20,}', 0.9),
  rule('GOOGLE_OAUTH_TOKEN', '1//0[A-Za-z0-9_-]{40,}', 0.85, ['1//0']),
  rule(
    'GOOGLE_OAUTH_CLIENT',
    '\\d{12}-[a-z0-9]{32}\\.apps\\.googleusercontent\\.com',
    0.7,
    ['.apps.googleusercontent.com'],
    45,
  ),
  rule('HUGGINGFACE_TOKEN', 'hf_[A-Za-z]{34}'),
  rule('NPM_TOKEN', 'npm_[A-Za-z0-9]{36}'),
  rule('PYPI_TOKEN', 'pypi-AgE[A-Za-z0-9_-]{50,}'),
  rule('SENDGRID_API_KEY', 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}'),
  rule('TWILIO_API_KEY', 'SK[0-9a-fA-F]{32}', 0.8),
  rule('DIGITALOCEAN_TOKEN', 'do[opr]_v1_[a-f0-9]{64}', 0.95, ['_v1_']),
  rule('GROQ_API_KEY', 'gsk_[A-Za-z0-9]{48,52}'),
  rule('XAI_API_KEY', 'xai-[A-Za-z0-9]{70,90}'),
  rule('PERPLEXITY_API_KEY', 'pplx-[A-Za-z0-9]{40,56}'),
  rule('TAVILY_API_KEY', 'tvly-(?:dev-|prod-)?[A-Za-z0-9]{28,40}'),
  rule('LLAMA_API_KEY', 'llx-[A-Za-z0-9_-]{40,56}'),
  rule('TOGETHER_API_KEY', 'tgp_v1_[A-Za-z0-9_-]{40,}'),
  rule('MAILGUN_API_KEY', 'key-[a-f0-9]{32}', 0.85),
  rule('MAILCHIMP_API_KEY', '[A-Za-z0-9]{32}-us\\d{1,2}', 0.85, ['-us'], 32),
  rule('SHOPIFY_TOKEN', 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}'),
  rule('DATABRICKS_TOKEN', 'dapi[a-f0-9]{32}(?:-\\d)?', 0.9),
  rule('DOPPLER_TOKEN', 'dp\\.(?:pt|st|ct|sa|scim|audit)\\.[A-Za-z0-9]{40,44}', 0.95, ['dp.']),
  rule('LINEAR_API_KEY', 'lin_api_[A-Za-z0-9]{40}'),
  rule('NOTION_TOKEN', '(?:ntn_[A-Za-z0-9]{46}|secret_[A-Za-z0-9]{43})', 0.9, ['ntn_', 'secret_']),
  rule('POSTMAN_API_KEY', 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}'),
  rule('POSTMAN_API_KEY', 'PMAT-[0-9A-Z]{26}', 0.9),
  rule('POSTHOG_KEY', 'ph[xsra]_[A-Za-z0-9]{40,}', 0.85, ['phx_', 'phs_', 'phr_', 'pha_']),
  rule('VAULT_TOKEN', 'hv[sbr]\\.[A-Za-z0-9_-]{24,}', 0.9, ['hvs.', 'hvb.', 'hvr.']),
  rule('TERRAFORM_TOKEN', '[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}', 0.95, ['.atlasv1.'], 14),
  rule('FIGMA_TOKEN', 'figd_[A-Za-z0-9_-]{40}'),
  {
    ...rule('AGE_SECRET_KEY', 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', 1),
    check: bech32Valid,
  },
  rule('SENTRY_TOKEN', '(?:sntrys_eyJ[A-Za-z0-9+/=_-]{60,}|sntryu_[a-f0-9]{64})', 0.95, ['sntry']),
  rule('DOCKER_TOKEN', 'dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,}'),
  rule('DOCKER_SWARM_TOKEN', 'SWM(?:TKN|KEY)-1-[A-Za-z0-9+/_-]{40,}'),
  rule('ONEPASSWORD_TOKEN', 'ops_eyJ[A-Za-z0-9+/=_-]{100,}'),
  rule('CLOUDFLARE_TOKEN', 'cf(?:at|ut|k)_[A-Za-z0-9]{40,}', 0.9, ['cfat_', 'cfut_', 'cfk_']),
  rule('GRAFANA_TOKEN', '(?:glc_eyJ[A-Za-z0-9+/=_-]{32,}|glsa_[A-Za-z0-9]{32}_[a-f0-9]{8})', 0.95, [
    'glc_',
    'glsa_',
  ]),
  rule('GRAFANA_TOKEN', 'eyJrIjoi[A-Za-z0-9+/_-]{40,}={0,2}', 0.85),
  rule('ATLASSIAN_TOKEN', '(?:ATATT3|ATCTT3|ATBB)[A-Za-z0-9_=+/-]{28,}', 0.9, ['ATATT3', 'ATCTT3', 'ATBB']),
  rule('BITBUCKET_TOKEN', 'BBDC-[A-Za-z0-9+/_-]{40,}'),
  rule('NETLIFY_TOKEN', 'nf[pc]_[A-Za-z0-9]{36}', 0.95, ['nfp_', 'nfc_']),
  rule('VERCEL_TOKEN', 'vc[pkira]_[A-Za-z0-9]{50,}', 0.9, ['vcp_', 'vck_', 'vci_', 'vcr_', 'vca_']),
  rule('SONARQUBE_TOKEN', 'sq[upa]_[a-f0-9]{40}', 0.95, ['squ_', 'sqp_', 'sqa_']),
  rule('BREVO_API_KEY', 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}'),
  rule('DYNATRACE_TOKEN', 'dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}'),
  rule('NEWRELIC_KEY', 'NR(?:AK|II|JS|RA)-[A-Za-z0-9_-]{19,}', 0.9, ['NRAK-', 'NRII-', 'NRJS-', 'NRRA-']),
  rule(
    'DISCORD_WEBHOOK',
    'https://(?:canary\\.|ptb\\.)?discord(?:app)?\\.com/api/webhooks/\\d+/[A-Za-z0-9_-]{60,}',
    0.95,
    ['/api/webhooks/'],
  ),
  rule(
    'DISCORD_BOT_TOKEN',
    '[MNO][A-Za-z0-9]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}',
    0.85,
    ['.'],
    26,
    24,
  ),
  rule('TELEGRAM_BOT_TOKEN', '\\d{8,10}:AA[A-Za-z0-9_-]{33}', 0.9, [':AA'], 10),
  rule('SQUARE_TOKEN', '(?:EAAA[A-Za-z0-9_-]{60}|sq0(?:atp|csp)-[A-Za-z0-9_-]{22,43})', 0.9, ['EAAA', 'sq0']),
  rule('FACEBOOK_TOKEN', 'EAA[A-Za-z0-9]{90,}', 0.85),
  rule('FACEBOOK_TOKEN', '\\d{15,16}\\|[A-Za-z0-9_-]{27}', 0.85, ['|'], 16),
  rule('JFROG_TOKEN', '(?:AKCp[A-Za-z0-9]{69}|cmVmdGtuOjAxOj[A-Za-z0-9]{40,})', 0.9, [
    'AKCp',
    'cmVmdGtuOjAxOj',
  ]),
  rule('DROPBOX_TOKEN', 'sl\\.[A-Za-z0-9_-]{130,}', 0.9),
  rule('DROPBOX_TOKEN', '[a-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_-]{43}', 0.85, ['AAAAAAAAAA'], 11),
  rule('PLANETSCALE_TOKEN', 'pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}'),
  rule('SUPABASE_TOKEN', 'sb(?:p|_secret)_[a-f0-9A-Za-z_]{40,}', 0.9, ['sbp_', 'sb_secret_']),
  rule(
    'HEROKU_KEY',
    'HRKU-(?:[A-Za-z0-9_-]{58,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})',
  ),
  rule('RUBYGEMS_KEY', 'rubygems_[a-f0-9]{48}'),
  rule('NUGET_KEY', 'oy2[a-z0-9]{43}'),
  rule('CLOJARS_TOKEN', 'CLOJARS_[a-f0-9]{60}'),
  rule('PULUMI_TOKEN', 'pul-[a-f0-9]{40}'),
  rule('AZURE_CLIENT_SECRET', '[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}', 0.85, ['Q~'], 4),
  rule('ALIBABA_ACCESS_KEY', 'LTAI[A-Za-z0-9]{12,20}', 0.85),
  rule('AKAMAI_TOKEN', 'akab-[a-z0-9]{16}-[a-z0-9]{16}', 0.85),
  rule('DEFINED_NETWORKING_KEY', 'dnkey-[A-Z0-9=_-]{26}-[A-Z0-9=_-]{52}'),
  rule('NTLM_RESPONSE', 'TlRMTVNTUAAD[A-Za-z0-9+/]{40,}={0,2}', 0.85),
  rule('INSTAGRAM_TOKEN', 'IGQV[A-Za-z0-9_-]{100,}', 0.85),
  rule('WUNDERGRAPH_KEY', 'cosmo_[a-f0-9]{32}', 0.85),
  rule('BRAINTREE_TOKEN', 'access_token\\$production\\$[a-z0-9]{16}\\$[a-f0-9]{32}'),
  rule('NKEY_SEED', 'S[UACNOPX][A-Z2-7]{56}', 0.85, ['SU', 'SA', 'SC', 'SN', 'SO', 'SP', 'SX']),
  rule('PASSWORD_HASH', '\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}', 0.85, ['$2a$', '$2b$', '$2y$']),
]
