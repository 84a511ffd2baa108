import type { CatalogArea } from '../entry.js'

const control = (level: string, control: string) => ({
  kind: 'decision' as const,
  meaning: `The action was classified ${level} risk; the seed's table requires ${control}.`,
  fix: 'Obtain the control (the decision names it), or change the risk rules if the classification is wrong.',
})

export const riskCodes: CatalogArea = {
  RISK_MEDIUM: control('medium', 'confirmation by the requesting user'),
  RISK_HIGH: control('high', 'approval by a human approver'),
  RISK_CRITICAL: control('critical', 'multi-party approval by a quorum of distinct approvers'),
}
