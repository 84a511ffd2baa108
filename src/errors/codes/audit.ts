import type { CatalogArea } from '../entry.js'

export const auditCodes: CatalogArea = {
  AUDIT_UNAVAILABLE: {
    kind: 'decision',
    meaning:
      'The audit record of an action could not be made durable (store down or failing), so the action was denied: nothing runs unrecorded.',
    fix: 'Restore the audit store (check `warden audit verify --store URL`); actions resume once it accepts writes.',
  },
  AUDIT_KEY_INVALID: {
    kind: 'failure',
    meaning:
      'The audit signing key file is unreadable, not an Ed25519 private key, or readable by others than its owner.',
    fix: 'Restore the key from backup or fix its mode (chmod 600); a new key would not match earlier checkpoints.',
  },
  AUDIT_CHECKPOINT_INVALID: {
    kind: 'failure',
    meaning: 'A checkpoint file given to verify is not a checkpoint `{size, root, signature, keyId, time}`.',
    fix: 'Pass a file written by `warden audit checkpoint`.',
  },
  AUDIT_NOT_FOUND: {
    kind: 'failure',
    meaning: 'The record asked for is not in the log (beyond its end, or removed by retention).',
    fix: 'Check the sequence number with `warden audit query`.',
  },
  AUDIT_PROOF_INVALID: {
    kind: 'failure',
    meaning:
      'A proof bundle does not verify: its checkpoint signature, or the path from the record to the signed root, is wrong.',
    fix: 'The record or the checkpoint was altered, or the public key is not the log’s. Obtain the proof again from the log.',
  },
  AUDIT_RETENTION_HELD: {
    kind: 'failure',
    meaning: '`audit.legalHold` is set, so retention removes nothing.',
    fix: 'Clear audit.legalHold in warden.yaml once the hold is lifted.',
  },
}
