/**
 * Weighted rule families for prompt injection, run on the normalised detection view (lower-case
 * skeleton, see normalize.ts). Each rule's weight is the probability it alone should imply; a family
 * counts once (its strongest match). Gaps between words are bounded (`[^\n]{0,60}`), never `.*`, so
 * every rule is linear in the input: no text can make them backtrack for long.
 *
 * Weights are set against NotInject's lesson: a trigger word alone ("ignore", "override", "pretend")
 * is never enough to flag; it needs the object an attack names (previous instructions, safety filters).
 */
import { CLAUSE_GAP, GAP, type InjectionRule, m, ORDERS, PRIOR, r } from './rule-kit.js'
import { ADDRESSED_RULES } from './rules-addressed.js'
import { EXFILTRATION_RULES } from './rules-exfiltration.js'

export type { InjectionRule, RuleFamily } from './rule-kit.js'

// Words that declare earlier orders dead; the rule finds one, then its lookbehind reads it again in place.
const VOID =
  '(?:void|cancelled|canceled|obsolete|outdated|revoked|superseded|no longer valid|no longer in effect|no longer apply)'
// The text set before the conversation ("your system prompt", "the hidden instructions"); found first,
// then read again by the lookbehind that checks the verb before it.
const SETUP_TEXT =
  '(?:configuration|setup|initial|starting|opening|hidden|system|original|developer)\\s?(?:prompt|instructions?|message|text|directives?)'

export const INJECTION_RULES: readonly InjectionRule[] = Object.freeze([
  // Instruction override: the seed's /ignore.*previous.*instructions/ and its synonyms, bounded. The
  // earlier-orders word and the orders noun sit in one clause (no colon between them).
  r(
    'instruction_override',
    0.9,
    `\\b(?:ignore|disregard|forget|skip|override|overwrite|drop|abandon|discard|bypass|neglect|dismiss|set aside|put aside|cast aside|never mind)\\b${GAP}\\b${PRIOR}\\b${CLAUSE_GAP}\\b${ORDERS}\\b`,
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
    `\\b${VOID}\\b(?<=\\b${PRIOR}\\b[^\\n.!?]{0,20}\\b${ORDERS}\\b[^\\n.!?]{0,20}\\b(?:is|are)\\s(?:now\\s)?${VOID})`,
  ),
  ...ADDRESSED_RULES,
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
    `\\b${SETUP_TEXT}\\b(?<=\\b(?:disclose|divulge|expose|quote|paste|copy|print|output|show|reveal|share|repeat|recite|list|give me|tell me)\\b${GAP}\\b(?:your|the)\\b[^\\n.!?]{0,20}\\b${SETUP_TEXT})`,
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
  ...EXFILTRATION_RULES,
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
