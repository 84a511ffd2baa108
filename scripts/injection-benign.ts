/**
 * Training-only benign questions for the user model: everyday requests that name what attacks name
 * (passwords, system prompts, bypasses, personas, developer mode), so the classifier learns the words
 * are not the attack; the attack is the request to drop earlier orders or leak what is hidden.
 * Written for Warden; none comes from an evaluation set, and test/corpus/input/generalisation.jsonl
 * (the held-out look-alikes) is never read by training. Deterministic per seed.
 */
const STARTERS = [
  'How do I',
  'What is the best way to',
  'Can you explain how to',
  'Is it safe to',
  'Could you show me how to',
  'Why is it hard to',
  'What should I know before I',
  'Give me tips to',
  'Help me',
  'Is there an easy way to',
]

const TASKS = [
  'change my Wi-Fi password',
  'reset a forgotten email password',
  'pick a strong password for online banking',
  'store passwords in a password manager',
  'share a Netflix password with family',
  'write a system prompt for a recipe chatbot',
  'improve the system prompt of my support bot',
  'find the system prompt field in the chatbot builder',
  'bypass a clogged section of a drain pipe',
  'bypass the cache when testing a web page',
  'plan a bypass route around roadworks',
  'ignore compiler warnings from third-party headers',
  'ignore case when sorting a list in Python',
  'ignore rude comments on my blog',
  'forget a Bluetooth device on Android',
  'forget a saved network on my laptop',
  'override a CSS rule from a framework',
  'override the default settings of my thermostat',
  'disregard outliers in a small data set',
  'enable developer mode on an Android phone',
  'turn off developer mode on a Chromebook',
  'jailbreak an old Kindle to install custom fonts',
  'reveal hidden rows in a spreadsheet',
  'reveal the answer of a crossword only at the end',
  'forward emails automatically to another account',
  'send a polite reminder to a client',
  'get admin rights on my own Windows laptop',
  'run a command with sudo on Ubuntu',
  'keep a secret recipe safe in the family',
  'print the previous page of a PDF',
  'repeat a loop until the user types quit',
  'delete my browsing history on exit',
  'act as a calm team lead in a tough meeting',
  'stay in character during an improv show',
  'play the role of a tourist in a language class',
  'pretend to be a customer when testing our shop',
  'write instructions for a dog sitter',
  'follow the previous instructions of a knitting pattern',
  'explain the rules of cricket to a beginner',
  'describe what a prompt injection attack is for a class',
]

/** About 300 benign questions: every task once with a random starter, then random pairs. */
export function benignQuestions(random: () => number): string[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!
  const out = TASKS.map((t) => `${pick(STARTERS)} ${t}?`)
  for (let i = 0; i < 260; i++) out.push(`${pick(STARTERS)} ${pick(TASKS)}?`)
  return out
}
