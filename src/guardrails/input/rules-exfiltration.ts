import { GAP, type InjectionRule, m, r } from './rule-kit.js'

// What an exfiltration sends: secrets, the conversation and the contents of what was read ("email its
// contents to …"), or ordinary data.
const SENSITIVE =
  '(?:contents?|conversations?|chat|history|transcripts?|credentials?|passwords?|api[ -]?keys?|secrets?|tokens?|cookies?|inbox|memory|context|system prompt|ssh keys?|private keys?)'
const GENERIC = '(?:data|files?|e-?mails?|messages?|contacts|documents?|information|details)'
const DATA = `(?:${SENSITIVE}|${GENERIC})`
const SEND =
  '\\b(?:send|forward|post|upload|email|e-mail|transmit|exfiltrate|leak|copy|paste|submit|deliver|share)\\b'
// "... to attacker@evil.example", "to https://…", "at collector.site".
const TO_ADDRESS =
  '[^\\n]{0,60}\\b(?:to|at|into|on)\\b\\s?(?:[a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,253}\\.[a-z]{2,}|https?:\\/\\/|www\\.|[a-z0-9-]{2,63}\\.(?:com|net|org|io|xyz|ru|cn|tk|top|site|example)\\b)'

/** Exfiltration and covert-action rules: data sent to an address, images that leak through a URL. */
export const EXFILTRATION_RULES: readonly InjectionRule[] = [
  // Exfiltration: send / forward / post data to an address the attacker controls. Secrets and the
  // conversation are worth stealing whoever asks; ordinary data ("forward suspicious emails to the
  // security desk", "send the documents to legal@") is what notices ask people to send every day, so it
  // weighs high only when the sentence marks it as someone's whole store ("all", "every", "the user's").
  r(
    'exfiltration',
    0.8,
    `${SEND}${GAP}\\b(?:${SENSITIVE}|(?:all|every|entire|whole|(?:the )?users?['’]s?|users['’])\\b[^\\n.!?]{0,30}\\b${GENERIC})\\b${TO_ADDRESS}`,
  ),
  r('exfiltration', 0.3, `${SEND}${GAP}\\b${GENERIC}\\b${TO_ADDRESS}`),
  // Covert action: a person asking for help does not ask for it to be done "silently" or kept from
  // the user; a planted instruction wants both the act and its concealment.
  r(
    'exfiltration',
    0.55,
    `\\b(?:silently|secretly|quietly|covertly|discreetly|invisibly)\\s(?:also\\s)?${SEND}`,
  ),
  r(
    'instruction_override',
    0.45,
    "\\b(?:without|do not|don't|never)\\s(?:telling|informing|notifying|alerting|asking|tell|inform|notify|alert|mention (?:this|it) to)\\s(?:the user|the owner)\\b",
  ),
  m(
    'exfiltration',
    0.85,
    '!\\[[^\\]\\n]{0,100}\\]\\(\\s?https?:\\/\\/[^)\\s]{1,300}[?&][a-z0-9_]{1,30}=(?:\\{|\\$|%7b|\\[)',
  ),
  r(
    'exfiltration',
    0.7,
    `\\b(?:append|add|include|encode|put)\\b${GAP}\\b(?:the user's|the users|user|their|your|the)\\b${GAP}\\b${DATA}\\b${GAP}\\b(?:to|in|into)\\b${GAP}\\b(?:the )?(?:url|link|query|image|request)\\b`,
  ),
]
