import type { CatalogArea } from '../entry.js'

/**
 * Codes of Warden's governed tools at execution (files.*, db.query, http.request, email.send,
 * payments.transfer) and of rollback. Tool failures are results whose text starts with the code.
 */
export const toolsExecCodes: CatalogArea = {
  TOOL_NOT_CONFIGURED: {
    kind: 'failure',
    meaning:
      'The governed tool is not offered: its `governed` section (files, db, email, payments) is not configured.',
    fix: 'Add the section to warden.yaml (e.g. governed.files.mounts) or call a tool that is listed.',
  },
  TOOL_NOT_GRANTED: {
    kind: 'decision',
    meaning:
      'At execution the agent has no policy, or no permissions section for this tool (files, database, apis).',
    fix: 'Grant the agent the matching permissions in warden.yaml.',
  },
  TOOL_BAD_ARGUMENTS: {
    kind: 'failure',
    meaning: 'An argument is missing, of the wrong type, or not one the tool takes.',
    fix: 'Call the tool with the arguments its input schema lists.',
  },
  TOOL_CANCELLED: {
    kind: 'failure',
    meaning:
      'The call was cancelled (the client went away or the gateway aborted it); a database write in flight was rolled back.',
    fix: 'Retry if the action is still wanted.',
  },
  TOOL_MOUNT_INVALID: {
    kind: 'failure',
    meaning: 'A governed.files.mounts key is not a canonical absolute path, or its folder is empty.',
    fix: 'Write mounts as `/data: ./sandbox/data` (absolute canonical policy path on the left).',
  },
  TOOL_MOUNT_NOT_FOUND: {
    kind: 'decision',
    meaning:
      'The path is allowed by policy but lies under no governed.files mount: there is no real folder behind it.',
    fix: 'Add a mount covering the path, or use a path under an existing mount.',
  },
  TOOL_MOUNT_MISSING: {
    kind: 'failure',
    meaning: 'The folder behind the mount does not exist.',
    fix: 'Create the folder (`warden up` creates the demo sandbox) or correct governed.files.mounts.',
  },
  TOOL_FILE_NOT_FOUND: {
    kind: 'failure',
    meaning: 'The file or one of its folders does not exist.',
    fix: 'Check the path with files.list.',
  },
  TOOL_FILE_SYMLINK: {
    kind: 'decision',
    meaning:
      'A component of the path is a symbolic link. Governed tools never follow links, so a link cannot lead outside its mount.',
    fix: 'Replace the link by the real file or folder inside the mount.',
  },
  TOOL_FILE_ESCAPES_MOUNT: {
    kind: 'decision',
    meaning:
      'The opened file, or its folder, resolves outside the mount root (a folder was swapped for a link between check and use).',
    fix: 'Investigate who changes the sandbox folders; retry once the tree is stable.',
  },
  TOOL_FILE_HARDLINK: {
    kind: 'decision',
    meaning: 'The file has more than one hard link: it may be a file from outside the mount linked in.',
    fix: 'Copy the file into the mount instead of hard-linking it.',
  },
  TOOL_FILE_NOT_REGULAR: {
    kind: 'failure',
    meaning: 'The path names a device, FIFO or socket: only regular files are read, written or deleted.',
    fix: 'Use a regular file.',
  },
  TOOL_FILE_IS_DIRECTORY: {
    kind: 'failure',
    meaning:
      'The path names a folder where a file is needed (folders are listed, never read, overwritten or deleted).',
    fix: 'Use files.list for folders; name a file.',
  },
  TOOL_FILE_NOT_DIRECTORY: {
    kind: 'failure',
    meaning:
      'A component that must be a folder is not one (files.list of a file, or a file in the middle of the path).',
    fix: 'Check the path.',
  },
  TOOL_FILE_TOO_LARGE: {
    kind: 'decision',
    meaning:
      'The file or content exceeds maxReadBytes / maxWriteBytes (docs/tools.md), or a deleted file is too large to keep for rollback.',
    fix: 'Read or write smaller files.',
  },
  TOOL_FILE_IO_ERROR: {
    kind: 'failure',
    meaning:
      'The file system refused the write (disk full, permissions); the temporary file was removed and the target left unchanged.',
    fix: 'Check the sandbox folder’s space and permissions.',
  },
  TOOL_DB_UNAVAILABLE: {
    kind: 'failure',
    meaning:
      'governed.db.url is not sqlite:PATH or postgres://…, the SQLite file does not exist, or PostgreSQL cannot be reached.',
    fix: 'Correct governed.db.url; `warden up` creates the demo SQLite database.',
  },
  TOOL_DB_ERROR: {
    kind: 'failure',
    meaning:
      'The database rejected the statement (unknown column, constraint, type error); its transaction was rolled back.',
    fix: 'Correct the statement.',
  },
  TOOL_DB_TIMEOUT: {
    kind: 'decision',
    meaning: 'The statement ran past statementTimeoutMs and was cancelled; nothing it did was committed.',
    fix: 'Ask for less (narrower WHERE, an index, a smaller join).',
  },
  TOOL_DB_READ_ONLY: {
    kind: 'decision',
    meaning:
      'The grant is read-only (or the statement is a SELECT) and the engine found that the statement writes; the read-only transaction refused it.',
    fix: 'Grant the write operation if the agent should write; otherwise this is an attempt to smuggle a write.',
  },
  TOOL_HTTP_PRIVATE_ADDRESS: {
    kind: 'decision',
    meaning:
      'The host name resolves to a loopback, private, link-local (cloud metadata), unspecified, multicast or reserved address: server-side request forgery is refused.',
    fix: 'Use a public host; an internal service must be listed by IP literal in apis.allowed.',
  },
  TOOL_HTTP_DNS_FAILED: {
    kind: 'failure',
    meaning: 'The host name does not resolve.',
    fix: 'Check the host name.',
  },
  TOOL_HTTP_TOO_MANY_REDIRECTS: {
    kind: 'decision',
    meaning: 'The server redirected more than maxRedirects times.',
    fix: 'Request the final URL directly.',
  },
  TOOL_HTTP_RESPONSE_TOO_LARGE: {
    kind: 'decision',
    meaning: 'The response body exceeds maxResponseBytes; reading stopped and nothing was returned.',
    fix: 'Request less (pagination, ranges, filters).',
  },
  TOOL_HTTP_BODY_TOO_LARGE: {
    kind: 'decision',
    meaning: 'The request body exceeds maxRequestBodyBytes.',
    fix: 'Send a smaller body.',
  },
  TOOL_HTTP_TIMEOUT: {
    kind: 'failure',
    meaning: 'The exchange, redirects included, did not finish within httpTimeoutMs.',
    fix: 'Retry later or request less.',
  },
  TOOL_HTTP_FAILED: {
    kind: 'failure',
    meaning: 'The connection or the exchange failed (refused, reset, TLS error).',
    fix: 'Check that the service is up and reachable.',
  },
  TOOL_EMAIL_INVALID: {
    kind: 'decision',
    meaning:
      'A recipient is not one plain address, the subject is not one line, or the body is too large: nothing may add a header or a recipient.',
    fix: 'Send plain addresses (no display names), a one-line subject and a text body.',
  },
  TOOL_LEDGER_UNAVAILABLE: {
    kind: 'failure',
    meaning: 'governed.payments.ledger is not sqlite:PATH: payments only go to a sandbox ledger.',
    fix: "Set governed.payments.ledger to 'sqlite:./sandbox/ledger.db'.",
  },
  TOOL_PAYMENT_INVALID_AMOUNT: {
    kind: 'decision',
    meaning:
      'The amount is not a finite positive number within maxTransferAmount, or has more decimals than the currency’s minor unit.',
    fix: 'Send a positive amount in major units with at most the currency’s decimals (12.50 USD, 1200 JPY).',
  },
  TOOL_PAYMENT_INVALID_CURRENCY: {
    kind: 'decision',
    meaning: 'The currency is not one the sandbox ledger keeps.',
    fix: 'Use USD, EUR, GBP, CHF or JPY.',
  },
  TOOL_PAYMENT_INVALID_RECIPIENT: {
    kind: 'decision',
    meaning:
      'The receiving account name is empty, too long, uses other characters, or is the paying account itself.',
    fix: 'Name another account (letters, digits, space . _ @ : -).',
  },
  TOOL_PAYMENT_INSUFFICIENT_FUNDS: {
    kind: 'decision',
    meaning: 'The operating account’s balance in that currency is lower than the amount: no overdraft.',
    fix: 'Transfer less.',
  },
  TOOL_ROLLBACK_NOT_FOUND: {
    kind: 'failure',
    meaning:
      'No governed file or row change was recorded for this action id (it changed nothing, was a dry-run, or is unknown).',
    fix: 'Check the action id in the audit log.',
  },
  TOOL_ROLLBACK_ALREADY_DONE: {
    kind: 'failure',
    meaning: 'This action was rolled back already; rolling back twice could undo later changes.',
    fix: 'Nothing to do.',
  },
  TOOL_SNAPSHOT_CORRUPT: {
    kind: 'failure',
    meaning: 'A rollback snapshot does not match its content hash or names another action: it was altered.',
    fix: 'Investigate the snapshots folder (.warden/snapshots); restore it from backup.',
  },
}
