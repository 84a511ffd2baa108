import type { CatalogArea } from '../entry.js'

export const killswitchCodes: CatalogArea = {
  AGENT_PAUSED: {
    kind: 'decision',
    meaning: 'The agent is paused by an operator (or by a `pause` escalation): it takes no new actions.',
    fix: 'Resume it (`warden agents resume ID --reason …` or POST /api/agents/{id}/resume) once the incident is understood.',
  },
  AGENT_TERMINATED: {
    kind: 'decision',
    meaning: 'The agent was terminated: its permissions and keys are revoked and it never acts again.',
    fix: 'Termination is final. Register the workload under a new agent id if it must run again.',
  },
  EMERGENCY_STOP: {
    kind: 'decision',
    meaning: 'An emergency stop is in force: every agent is paused, including ones never seen before.',
    fix: 'Clear it (`warden emergency-stop --clear --reason …` or POST /api/emergency-stop/clear) when safe.',
  },
  KILL_SWITCH_UNAVAILABLE: {
    kind: 'decision',
    meaning:
      'This gateway has not heard from its bus for longer than the lease (or is resynchronising after an outage), so it cannot know whether an agent was stopped elsewhere: it fails closed.',
    fix: 'Restore the connection to Redis/NATS; admission resumes on its own once the bus answers and the state is reloaded.',
  },
  KILL_SWITCH_TERMINATED_FINAL: {
    kind: 'failure',
    meaning: 'A pause or resume was asked for an agent that is terminated; termination cannot be undone.',
    fix: 'Use a new agent id for a new workload.',
  },
  KILL_SWITCH_INVALID: {
    kind: 'failure',
    meaning:
      'An agent id, reason or actor is empty, too long or contains control characters; or a kill-switch option (lease, alert webhook URL) is invalid.',
    fix: 'Give a non-empty agent id (≤ 256 printable characters) and a reason (≤ 2000 characters); timings > 0 ms; an http(s) webhook URL.',
  },
  KILL_SWITCH_PERSIST_FAILED: {
    kind: 'failure',
    meaning:
      'The kill-switch state could not be written to its store. A stop still took effect on this instance and was published; a resume or clear did not happen.',
    fix: 'Fix the store (disk, permissions, database), then repeat the operation so that it survives a restart.',
  },
  KILL_SWITCH_LOAD_FAILED: {
    kind: 'failure',
    meaning: 'The persisted kill-switch state could not be read at start-up, so the gateway does not start.',
    fix: 'Fix or restore the kill-switch file or store table named in the message; never delete it to get going.',
  },
  KILL_SWITCH_CLOSED: {
    kind: 'failure',
    meaning: 'The kill switch was used after close().',
    fix: 'Open a new one with AgentKillSwitch.open().',
  },
  KILL_SWITCH_HOOK_FAILED: {
    kind: 'failure',
    meaning:
      'The agent is terminated, but revoking its keys, cancelling approvals or closing sessions (onTerminate) failed.',
    fix: 'The agent stays denied. Read the incident log and revoke what remains by hand.',
  },
  INCIDENT_LOG_FAILED: {
    kind: 'failure',
    meaning:
      'An incident event could not be written to the store (the state change took effect regardless), or the incident log could not be read (GET /api/incidents).',
    fix: 'Fix the store (disk, permissions, database); the change itself is in the kill-switch events and on the bus.',
  },
}
