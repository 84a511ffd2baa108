/**
 * Weighted rule families for prompt injection, run on the normalised detection view (lower-case
 * skeleton, see normalize.ts). Each rule's weight is the probability it alone should imply; a family
 * counts once (its strongest match). Gaps between words are bounded (`[^\n]{0,60}`), never `.*`, so
 * every rule is linear in the input: no text can make them backtrack for long.
 *
 * Weights are set against NotInject's lesson: a trigger word alone ("ignore", "override", "pretend")
 * is never enough to flag; it needs the object an attack names (previous instructions, safety filters).
 */
export interface InjectionRule {
  readonly family: RuleFamily
  readonly pattern: RegExp
  readonly weight: number
  /**
   * 'markup' rules read the raw text (ASCII lower-cased, same length): tags, comments and chat-template
   * tokens are what they look for, and the normalised view has collapsed them.
   */
  readonly view: 'normalized' | 'markup'
  /**
   * Literal words one of which every match starts with, when the pattern opens with a plain alternation:
   * a rule whose words are all absent is skipped after a few `indexOf` calls instead of a regex scan.
   */
  readonly gate?: readonly string[]
}

export type RuleFamily =
  | 'instruction_override'
  | 'persona'
  | 'prompt_extraction'
  | 'role_marker'
  | 'fake_tool_result'
  | 'exfiltration'
  | 'hidden_text'
  | 'jailbreak_template'

const GAP = '[^\\n.!?]{0,40}'
// "the" and "these" are not enough ("ignore the rules of grammar"): the attack names *earlier* orders.
const PRIOR =
  '(?:previous|prior|above|earlier|preceding|foregoing|original|initial|old|system|developer|all|any|every)'
const ORDERS =
  '(?:instructions?|tasks?|rules|directions?|directives?|guidelines?|guidance|prompts?|commands?|constraints|orders|programming|policies|restrictions|safeguards)'
// What an exfiltration sends: secrets and the conversation, or ordinary data.
const SENSITIVE =
  '(?:conversations?|chat|history|transcripts?|credentials?|passwords?|api[ -]?keys?|secrets?|tokens?|cookies?|inbox|memory|context|system prompt|ssh keys?|private keys?)'
const GENERIC = '(?:data|contents?|files?|e-?mails?|messages?|contacts|documents?|information|details)'
const DATA = `(?:${SENSITIVE}|${GENERIC})`
const SEND =
  '\\b(?:send|forward|post|upload|email|e-mail|transmit|exfiltrate|leak|copy|paste|submit|deliver|share)\\b'
// "... to attacker@evil.example", "to https://…", "at collector.site".
const TO_ADDRESS =
  '[^\\n]{0,60}\\b(?:to|at|into|on)\\b\\s?(?:[a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,253}\\.[a-z]{2,}|https?:\\/\\/|www\\.|[a-z0-9-]{2,63}\\.(?:com|net|org|io|xyz|ru|cn|tk|top|site|example)\\b)'

function r(
  family: RuleFamily,
  weight: number,
  source: string,
  view: InjectionRule['view'] = 'normalized',
): InjectionRule {
  const gate = gateOf(source)
  return { family, weight, pattern: new RegExp(source, 'g'), view, ...(gate === undefined ? {} : { gate }) }
}

// '\\b(?:ignore|disregard|set aside)…' → ['ignore', 'disregard', 'set aside']; undefined when the
// pattern does not open with an alternation of plain words (or with one plain word).
function gateOf(source: string): string[] | undefined {
  if (hasTopLevelAlternation(source)) return undefined
  const alternation = /^(?:\\b)?\(\?:([a-z' |-]+)\)(?![?*{])/.exec(source)
  if (alternation !== null) return alternation[1]!.split('|')
  const word = /^\\b([a-z]{3,})\b/.exec(source)
  return word === null ? undefined : [word[1]!]
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') i++
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) return true
  }
  return false
}

function m(family: RuleFamily, weight: number, source: string): InjectionRule {
  return r(family, weight, source, 'markup')
}

export const INJECTION_RULES: readonly InjectionRule[] = Object.freeze([
  // Instruction override: the seed's /ignore.*previous.*instructions/ and its synonyms, bounded.
  r(
    'instruction_override',
    0.9,
    `\\b(?:ignore|disregard|forget|skip|override|overwrite|drop|abandon|discard|bypass|neglect|dismiss|set aside|put aside|cast aside|never mind)\\b${GAP}\\b${PRIOR}\\b${GAP}\\b${ORDERS}\\b`,
  ),
  r(
    'instruction_override',
    0.85,
    `\\b(?:do not|don't|stop|no longer|never) (?:follow|obey|adhere to|listen to|comply with)${GAP}\\b(?:your|the|any|previous|prior|system|original)\\b${GAP}\\b${ORDERS}\\b`,
  ),
  r(
    'instruction_override',
    0.8,
    '\\b(?:new|updated|real|actual|revised|override|secret|next) (?:instructions?|tasks?|rules|directives?|system prompt|role|objective)(?: (?:is|are|will be))?\\s?:',
  ),
  r(
    'instruction_override',
    0.75,
    `\\bfrom now on,? (?:you|your|the assistant)\\b${GAP}\\b(?:will|must|shall|are|respond|answer|act|reply|ignore|only)\\b`,
  ),
  r(
    'instruction_override',
    0.85,
    `\\boverride\\b${GAP}\\b(?:safety|security|content|ethical|moderation)\\b${GAP}\\b(?:filters?|guidelines?|protocols?|rules|settings|policies|measures|restrictions|checks)\\b`,
  ),
  r(
    'instruction_override',
    0.85,
    `\\b(?:bypass|circumvent|disable|evade|get around|turn off|deactivate|remove)\\b${GAP}\\b(?:your|the|all|any|its|these)?\\s?(?:safety|security|content|ethical|moral)?\\s?(?:restrictions|filters?|guardrails?|safeguards|censorship|content polic(?:y|ies)|safety (?:measures|guidelines|protocols|rules))\\b`,
  ),
  r(
    'instruction_override',
    0.6,
    '\\boverride (?:your |the |all |any |its )?(?:built-in |internal |ai )?safety\\b',
  ),
  r(
    'instruction_override',
    0.7,
    '\\b(?:without|with no|free of|free from) (?:any )?(?:ethical|moral|content|safety)? ?(?:restrictions|limitations|limits|filters|censorship|guidelines|rules|boundaries)\\b',
  ),
  // "Forget everything before that", "remove all previous tasks from your head".
  r(
    'instruction_override',
    0.8,
    `\\b(?:forget|disregard|ignore|remove|delete|erase|clear)\\b${GAP}\\b(?:everything|anything|all)\\b${GAP}\\b(?:before|above|previous|prior|earlier|said|told|so far|up to now)\\b`,
  ),
  r(
    'instruction_override',
    0.9,
    '\\b(?:ignoriere|vergiss|missachte)\\b[^\\n]{0,40}\\b(?:vorherigen?|bisherigen?|obigen?|alle|alles|regeln|anweisungen|vorgaben|richtlinien)\\b',
  ),
  r(
    'instruction_override',
    0.9,
    '\\b(?:ignora|olvida|ignorez|oubliez|ignorer|ignorar)\\b[^\\n]{0,40}\\b(?:instrucciones|instructions|reglas|regles|anteriores|precedentes|previas)\\b',
  ),
  // Italian, Portuguese, Dutch: the same override in those languages (the view has no diacritics).
  r(
    'instruction_override',
    0.9,
    '\\b(?:ignora|dimentica|esqueca|desconsidere|negeer|vergeet)\\b[^\\n]{0,40}\\b(?:istruzioni|precedenti|instrucoes|anteriores|instructies|eerdere|regels)\\b',
  ),
  // Earlier orders declared void: "all previous guidance is void", "your old rules are outdated". The
  // rare closing word comes first (cheap to find); a lookbehind checks what precedes it.
  r(
    'instruction_override',
    0.85,
    `\\b(?:void|cancelled|canceled|obsolete|outdated|revoked|superseded|no longer valid|no longer in effect|no longer apply)\\b(?<=\\b${PRIOR}\\b[^\\n.!?]{0,20}\\b${ORDERS}\\b[^\\n.!?]{0,20}\\b(?:is|are)\\s(?:now\\s)?(?:void|cancelled|canceled|obsolete|outdated|revoked|superseded|no longer valid|no longer in effect|no longer apply))`,
  ),
  // Text that addresses the AI reading it (indirect injection, Greshake et al. 2023): a person asking
  // a question does not write "to the AI processing this page" or "if you are an AI agent".
  r(
    'instruction_override',
    0.8,
    '\\b(?:reading|processing|summarizing|summarising|parsing|browsing|viewing|analyzing|analysing|ingesting)\\s(?:this|these|the following)\\b(?<=\\b(?:the|any|an?|all|whatever)\\s(?:ai|llm|language model|assistant|chatbot|agent|model|bot)s?\\s(?:that is |who is )?(?:reading|processing|summari[sz]ing|parsing|browsing|viewing|analy[sz]ing|ingesting)\\s(?:this|these|the following))',
  ),
  r(
    'instruction_override',
    0.8,
    '\\bif you are an?\\s(?:ai|llm|large language model|language model|ai assistant|ai agent|agent|chatbot|bot)\\b',
  ),
  r(
    'instruction_override',
    0.75,
    '\\b(?:note|message|instruction|instructions|reminder|hidden instruction|hidden instructions|attention)\\s(?:to|for)\\s(?:the\\s|any\\s|all\\s|whatever\\s)?(?:ai|llm|language model|assistant|chatbots?|coding agents?|agents?|models?|bots?)\\b',
  ),
  r(
    'instruction_override',
    0.5,
    '(?:^|\\n)\\s?(?:attention|important|note)\\s?,?\\s?(?:ai|llm|assistant|chatbot|agent)s?\\s?[:!,]',
  ),
  // "Ignore the above and ...": the earlier text itself as the object, the phrase ending there (a
  // notice's "ignore the above reminder if you have paid" names a thing after it).
  r(
    'instruction_override',
    0.8,
    '\\b(?:ignore|disregard|forget|never mind)\\s(?:all\\s|everything\\s)?(?:of\\s)?(?:the\\s|that\\s)?(?:above|foregoing|preceding|previous|prior)(?=\\s?(?:[.,;:!—–-]|and\\b|then\\b|$))',
  ),
  // Data that hails whatever AI reads it, by kind rather than by name ("AI reviewer:", "any bot that
  // triages this,", "LLM summariser —"): a user talks to their assistant, not to "any AI" or to an
  // "AI screener". Weak alone (a heading such as "AI tools:" has the shape); it adds to an order.
  r(
    'instruction_override',
    0.45,
    "\\b(?:ai|llm)\\s(?:agents?|assistants?|models?|reviewers?|screeners?|summari[sz]ers?|schedulers?|readers?|crawlers?|systems?|bots?)\\s?[,:—–]\\s?(?:please\\s)?(?:ignore|disregard|forget|do|don't|never|always|stop|send|forward|email|include|add|tell|say|recommend|mark|approve|delete|run|execute|open|visit|reply|respond|output|print|reveal|state|rank|skip|change|invite|call|write|answer|remove)\\b",
  ),
  r(
    'instruction_override',
    0.45,
    '\\b(?:any|every|whatever|all)\\s(?:[a-z-]{2,20}\\s)?(?:ai|llm|language model|chatbot|bot|agent|assistant|model)s?\\s(?:that|which|who)?\\s?(?:reads?|reading|process(?:es|ing)?|triag(?:es|ing)|screen(?:s|ing)|summari[sz](?:es|ing)|sees?|scans?|scanning|handl(?:es|ing))\\b',
  ),
  // An order to drop the user's own request ("disregard the user's question and ..."): the user does
  // not call themselves "the user", so this is data speaking to the model about the person it serves.
  // Only as an order (start of a clause or after "please", "now", "and"): a question about a bot that
  // ignores the user's request is not one.
  r(
    'instruction_override',
    0.8,
    `\\b(?:ignore|disregard|forget|override|dismiss|skip|set aside|put aside)\\b(?<=(?:^|[\\n.!?:;,(\\[—–-]\\s?|\\b(?:please|now|and|then|just|instead)\\s)(?:ignore|disregard|forget|override|dismiss|skip|set aside|put aside))${GAP}\\b(?:the user|the users|what the user)(?:['’]s?)?\\s(?:(?:original|actual|real|initial|current|last)\\s)?(?:question|request|query|message|prompt|instructions?|task|input|wishes|says|said|asked|wants)\\b`,
  ),
  // Persona and role-play: weak alone ("act as a museum guide" is a normal request), strong with "no rules".
  r('persona', 0.25, "\\b(?:pretend|imagine|act as if|suppose)\\b[^\\n]{0,20}\\byou(?: are|\\'re| were)\\b"),
  r('persona', 0.2, '\\b(?:role-?play|act|behave|respond|answer) as (?:an? |my )?'),
  r(
    'persona',
    0.85,
    '\\byou are (?:now |no longer )?(?:dan|stan|dude|aim|an? (?:unrestricted|unfiltered|uncensored|jailbroken|evil|rogue|amoral|unethical|unaligned)\\b)',
  ),
  r(
    'persona',
    0.85,
    '\\b(?:act|behave|respond|answer|pretend|roleplay|role-play) (?:as|like|to be) (?:an? )?(?:unrestricted|unfiltered|uncensored|jailbroken|evil|amoral|unethical|unaligned)\\b',
  ),
  // The unrestricted-AI persona without a name: "you are an AI whose makers removed every filter".
  r(
    'persona',
    0.75,
    '\\byou are (?:now |playing )?an? (?:ai|model|assistant|chatbot|language model|llm)\\b[^\\n.!?]{0,50}\\b(?:no|without|removed|disabled|free of|zero)\\b[^\\n.!?]{0,20}\\b(?:filters?|restrictions|guardrails|limits|limitations|rules|guidelines|ethics|censorship|safety)\\b',
  ),
  // Alone it is theatre or a writing exercise; next to a persona rule it strengthens the case.
  r('persona', 0.4, '\\b(?:stay|remain|keep) in character\\b'),
  r(
    'persona',
    0.8,
    '\\b(?:pretend|act|roleplay|role-play|be)\\b[^\\n]{0,40}\\b(?:which|who|that) stands for\\b',
  ),
  r('persona', 0.4, '\\bnow,? you are (?!welcome|done|ready|right|correct)[a-z]'),
  r(
    'persona',
    0.8,
    '\\byou (?:have|has) (?:no|zero) (?:restrictions|limits|limitations|rules|filters|ethical|moral|guidelines)\\b',
  ),
  r(
    'persona',
    0.75,
    '\\b(?:broken free|break free|freed) (?:of|from) (?:the |your |its )?(?:typical |usual )?(?:confines|rules|restrictions|limitations|chains)\\b',
  ),
  // System prompt extraction.
  r(
    'prompt_extraction',
    0.85,
    `\\b(?:reveal|print|show|repeat|output|display|leak|dump|tell me|give me|share|recite|spell out|write out)\\b${GAP}\\b(?:your|the)\\b${GAP}\\b(?:system|initial|original|hidden|secret|internal|pre-?prompt|developer)\\s(?:prompt|instructions?|message|rules|guidelines|configuration)\\b`,
  ),
  r(
    'prompt_extraction',
    0.8,
    '\\b(?:repeat|print|output|copy|recite)\\b[^\\n]{0,30}\\b(?:everything|all|the (?:text|words|lines|content))\\b[^\\n]{0,20}\\b(?:above|before this|so far|preceding)\\b',
  ),
  r(
    'prompt_extraction',
    0.8,
    '\\bwhat (?:is|are|were|was) your (?:exact |full |original |initial |hidden |secret )?(?:system )?(?:prompt|instructions|initial instructions|rules)\\b',
  ),
  // The object first (rarer than the verbs, so cheap to find); a lookbehind checks the verb before it.
  r(
    'prompt_extraction',
    0.85,
    `\\b(?:configuration|setup|initial|starting|opening|hidden|system|original|developer)\\s?(?:prompt|instructions?|message|text|directives?)\\b(?<=\\b(?:disclose|divulge|expose|quote|paste|copy|print|output|show|reveal|share|repeat|recite|list|give me|tell me)\\b${GAP}\\b(?:your|the)\\b[^\\n.!?]{0,20}\\b(?:configuration|setup|initial|starting|opening|hidden|system|original|developer)\\s?(?:prompt|instructions?|message|text|directives?))`,
  ),
  // The text before the conversation: "the message that came before my first message".
  r(
    'prompt_extraction',
    0.8,
    '\\b(?:message|messages|text|instruction|instructions|prompt|words)\\s(?:that\\s)?(?:came|comes|appear(?:s|ed)?|is|are|was|were)?\\s?(?:before|above|prior to)\\s(?:my|the|our)\\sfirst\\s(?:message|question|prompt)\\b',
  ),
  r(
    'prompt_extraction',
    0.75,
    '\\bwhat (?:were|was|have) you (?:been )?(?:told|instructed|given|programmed)\\b[^\\n]{0,30}\\b(?:before|prior|at the start|initially)\\b',
  ),
  r('prompt_extraction', 0.7, '\\b(?:verbatim|word for word)\\b[^\\n]{0,40}\\b(?:prompt|instructions)\\b'),
  r('prompt_extraction', 0.75, '\\bwhat (?:instructions|rules) (?:were you|have you been|are you) given\\b'),
  // Role markers and fake turn delimiters: chat-template tokens inside data pretend to start a new turn.
  m(
    'role_marker',
    0.9,
    '<\\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id)\\|>',
  ),
  m('role_marker', 0.85, '\\[/?inst\\]|<</?sys>>|<start_of_turn>|<end_of_turn>'),
  r(
    'role_marker',
    0.6,
    '(?:^|\\n)\\s?(?:#{2,4} ?)?(?:system|assistant|ai|chatgpt|gpt|claude)\\s?(?:message|prompt)?\\s?:\\s',
  ),
  r(
    'role_marker',
    0.7,
    '(?:^|\\n)\\s?#{2,4} ?(?:system|instruction|instructions|new instructions|response)\\b',
  ),
  r(
    'role_marker',
    0.75,
    '\\b(?:end of (?:user input|input|context|document|conversation|system prompt)|begin(?:ning)? of (?:new )?(?:instructions|system prompt))\\b',
  ),
  r('role_marker', 0.7, '(?:^|\\n)\\s?(?:human|user)\\s?:[^\\n]{0,200}\\n\\s?(?:assistant|ai)\\s?:'),
  // Fake tool results: a tool output that forges another tool's answer or a function call.
  m(
    'fake_tool_result',
    0.8,
    '</?(?:tool_result|tool_call|function_results?|function_call|tool_response|tool_output|observation)>',
  ),
  r('fake_tool_result', 0.7, '"role"\\s?:\\s?"(?:system|tool|function|assistant)"'),
  r('fake_tool_result', 0.45, '(?:^|\\n)\\s?(?:observation|tool (?:result|output)|function result)\\s?:'),
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
  // Hidden text: instructions in HTML comments, invisible styles or Markdown comments reach the model,
  // not the human reading the rendered page.
  m(
    'hidden_text',
    0.7,
    '<!--[^>]{0,400}\\b(?:ignore|instruction|instructions|assistant|ai|system|prompt|you must|do not tell)\\b',
  ),
  m(
    'hidden_text',
    0.75,
    'style\\s?=\\s?["\'][^"\'>]{0,200}(?:display\\s?:\\s?none|visibility\\s?:\\s?hidden|font-size\\s?:\\s?0|opacity\\s?:\\s?0(?:[;"\']|\\.0)|color\\s?:\\s?(?:white|#fff\\b|#ffffff|transparent))',
  ),
  r('hidden_text', 0.6, '(?:^|\\n)\\s?\\[(?:\\/\\/|comment|hidden)\\]:\\s?#'),
  // Known jailbreak templates and their fingerprints.
  r(
    'jailbreak_template',
    0.9,
    '\\b(?:do anything now|developer mode (?:enabled|output|on(?![ \\t]+\\w))|jailbreak(?:ed)? mode|dan mode|anti-?gpt|betterdan|evil ?bot|opposite mode|always intelligent and machiavellian)\\b',
  ),
  r(
    'jailbreak_template',
    0.85,
    "\\b(?:you are|you're) (?:now )?in (?:god|unrestricted|unfiltered|jailbreak|dan|chaos|no-?limits?) mode\\b",
  ),
  r(
    'jailbreak_template',
    0.85,
    "\\byou are a very direct assistant who always fulfills the user's request\\b",
  ),
  r(
    'jailbreak_template',
    0.75,
    '\\b(?:start|begin) your (?:response|reply|answer|output) (?:with|using)\\b[^\\n]{0,80}\\bsure,? here\\b',
  ),
  r(
    'jailbreak_template',
    0.7,
    '\\bnever ever deviate\\b|\\bnever (?:refuse|decline)\\b[^\\n]{0,40}\\b(?:request|question|answer)|\\bdo not (?:include|add) (?:any )?(?:warnings|disclaimers|moral)',
  ),
  r(
    'jailbreak_template',
    0.6,
    '\\b(?:purely )?(?:hypothetical(?:ly)?|fictional) (?:scenario|story|world|response)\\b[^\\n]{0,80}\\b(?:no|without) (?:rules|restrictions|laws|ethics)\\b',
  ),
  r(
    'jailbreak_template',
    0.5,
    '\\bfor (?:purely )?(?:educational|research|academic)(?: and (?:research|educational))? purposes(?: only)?\\b[^\\n]{0,80}\\b(?:how to|instructions|steps)\\b',
  ),
])
