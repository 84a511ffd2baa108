import type { CatalogArea } from '../entry.js'

/** Codes of the files boundary (`files.read|write|delete|list`): grants by glob, and paths refused before matching. */
export const filesCodes: CatalogArea = {
  FILES_READ_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The canonical path is not matched by any glob under the agent’s `files.read` (deny by default).',
    fix: 'Read a path inside a granted glob, or add the narrowest glob that covers it to permissions.files.read.',
  },
  FILES_WRITE_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The canonical path is not matched by any glob under the agent’s `files.write` (deny by default).',
    fix: 'Write inside a granted glob, or add the narrowest glob that covers it to permissions.files.write.',
  },
  FILES_DELETE_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The canonical path is not matched by any glob under the agent’s `files.delete`; an empty list (`delete: []`) denies every delete.',
    fix: 'Grant deletion explicitly with a glob under permissions.files.delete, if the agent should delete files there.',
  },
  FILES_LIST_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'Listing is governed by the read globs: a directory may be listed only when every entry in it is readable, i.e. it is the root of, or inside, a `dir/**` read glob, or the root of a `dir/*` read glob.',
    fix: 'List a directory covered by a `/**` or `/*` read glob, or grant one (permissions.files.read).',
  },
  FILES_UNKNOWN_OPERATION: {
    kind: 'decision',
    meaning: 'The files operation is not one of read, write, delete, list.',
    fix: 'Call files.read, files.write, files.delete or files.list.',
  },
  FILES_PATH_CANONICALIZED: {
    kind: 'decision',
    meaning:
      'The path was allowed after resolving `..` segments; the action is rewritten to the canonical path so that the tool acts on exactly what was checked (a symlink before `..` would otherwise lead elsewhere).',
    fix: 'Nothing to do; send canonical absolute paths to avoid the rewrite.',
  },
  PATH_INVALID: {
    kind: 'decision',
    meaning:
      'The path is not a non-empty string, is longer than 4096 characters or a segment longer than 255, contains control or line-separator characters, or is ill-formed UTF-16.',
    fix: 'Send the path as a plain absolute string such as /data/public/report.txt.',
  },
  PATH_NUL: {
    kind: 'decision',
    meaning:
      'The path contains a NUL byte, raw or percent-encoded (%00): the classic truncation attack (`secret%00.jpg`).',
    fix: 'Remove the NUL; no file name contains one.',
  },
  PATH_NOT_ABSOLUTE: {
    kind: 'decision',
    meaning:
      'The path does not start with `/`, or a segment starts with `~` (home-directory expansion): relative paths depend on a working directory the policy cannot see.',
    fix: 'Send an absolute policy path, e.g. /data/public/x.txt, not x.txt, ./x.txt or ~/x.txt.',
  },
  PATH_TRAVERSAL: {
    kind: 'decision',
    meaning:
      'The path climbs above `/`, uses `..` to leave the granted globs, or has a segment made only of dots and spaces (`...`, `.. `), which some systems read as `..`.',
    fix: 'Name the file by its canonical absolute path inside a granted glob, without `..`.',
  },
  PATH_ENCODED: {
    kind: 'decision',
    meaning:
      'The path hides structure behind encoding: a percent-escape that decodes to `/`, `\\`, `.`, `:`, `~` or a control character, double (or deeper) percent-encoding, `%uXXXX`, or an invalid or overlong UTF-8 sequence (`%c0%af`).',
    fix: 'Send the decoded path. A `%` that does not start an escape (`100%.txt`), or an escape of an ordinary character (`%20`), is accepted.',
  },
  PATH_CONFUSABLE: {
    kind: 'decision',
    meaning:
      'The path contains a Unicode look-alike of `/`, `\\` or `.` (fullwidth ／ and ．, ∕, ⁄, U+2024 ․, …), an invisible format character, a combining mark on a separator or dot, or a segment that is only dots and spaces under combining marks.',
    fix: 'Use the ASCII characters; other non-ASCII names (café, 日本) are accepted.',
  },
  PATH_WINDOWS_FORM: {
    kind: 'decision',
    meaning:
      'The path uses a Windows or UNC form: a backslash, a drive letter (`C:`), a leading `//`, or an NTFS stream (`::$DATA`). Policy paths are POSIX.',
    fix: 'Use the POSIX policy path as the configuration names it, e.g. /data/public/x.txt.',
  },
}
