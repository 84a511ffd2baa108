/** Every anomaly default in one frozen table, units in the names. */
export const ANOMALY_DEFAULTS = Object.freeze({
  /** Executed actions learned before the baseline detectors speak. */
  warmupActions: 100,
  /** Combined score thresholds: review, approve, pause. */
  reviewAt: 0.5,
  approveAt: 0.8,
  pauseAt: 0.95,
  /** Weight of the newest sample in the running means. */
  alpha: 0.05,
  /** Burst: active minutes learned before judging, the z-score that fires, and an absolute floor. */
  burstMinMinutes: 10,
  burstZ: 4,
  burstMinCount: 10,
  /** Argument size: samples per tool before judging, the z-score, and the smallest spread (log2 units). */
  sizeMinSamples: 20,
  sizeZ: 4,
  sizeMinSpreadBits: 1,
  /** Hours: history needed, and the share of the hour (with its neighbours) below which it is unusual. */
  hoursMinHistoryMs: 3 * 86_400_000,
  hoursMinShare: 0.005,
  /** Sequence: transitions out of the previous tool before an unseen successor counts. */
  sequenceMinOuts: 30,
  /** Loops: the same call this many times among the last `loopSpan` attempts, within the window. */
  loopCount: 5,
  loopSpan: 8,
  loopWindowMs: 10 * 60_000,
  recentCalls: 32,
  /** Probing: refusals within the window. */
  denialCount: 3,
  denialWindowMs: 10 * 60_000,
  maxDenials: 32,
})

/** Thresholds and warm-up of one deployment (config `behavior.anomaly`, defaults above). */
export interface AnomalySettings {
  readonly enabled: boolean
  readonly warmupActions: number
  readonly reviewAt: number
  readonly approveAt: number
  readonly pauseAt: number
}
