const SEPARATORS = /[\s_\-./:\\]+/
// `addRole` → add Role, `IAMRole` → IAM Role, `v2Grant` → v2 Grant.
const CAMEL = /([a-z0-9])([A-Z])|([A-Z])([A-Z][a-z])/g

/**
 * Splits a tool name or argument key into lower-case word tokens on `_ - . / :` and camelCase, so rules
 * match words (`grant_role`, `grantRole`, `iam.attach-policy`) and never substrings (`migrant_roles`).
 *
 * @example
 * nameTokens('github/addCollaborator') // ['github', 'add', 'collaborator']
 */
export function nameTokens(name: string): string[] {
  const spaced = name.length > 256 ? name.slice(0, 256) : name
  return spaced
    .replace(CAMEL, '$1$3 $2$4')
    .split(SEPARATORS)
    .filter((t) => t.length > 0)
    .map((t) => t.toLowerCase())
}
