import { GAP, type InjectionRule, r } from './rule-kit.js'

// Verbs that drop an order; the last rule finds one, then its lookbehind checks what precedes it.
const DROP = '(?:ignore|disregard|forget|override|dismiss|skip|set aside|put aside)'

/**
 * Rules for text that speaks to the AI reading it rather than to a person (indirect injection,
 * Greshake et al. 2023): it hails the model, gives orders about the user, or calls the earlier text void.
 */
export const ADDRESSED_RULES: readonly InjectionRule[] = [
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
    `\\b${DROP}\\b(?<=(?:^|[\\n.!?:;,(\\[—–-]\\s?|\\b(?:please|now|and|then|just|instead)\\s)${DROP})${GAP}\\b(?:the user|the users|what the user)(?:['’]s?)?\\s(?:(?:original|actual|real|initial|current|last)\\s)?(?:question|request|query|message|prompt|instructions?|task|input|wishes|says|said|asked|wants)\\b`,
  ),
]
