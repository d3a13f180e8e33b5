/** What a component looks like after (re-)attaching: the instance id, the state's version and the state. */
export interface ComponentSnapshot {
  readonly instance: string;
  readonly version: number;
  readonly state: unknown;
}

/** Reconnect settings; `reconnect: false` turns reconnecting off. */
export interface ReconnectOptions {
  /** Upper bound of the first delay (full jitter picks uniformly in [0, bound]). Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Cap of the delay bound, which doubles each attempt. Default 30 000 ms. */
  readonly maxDelayMs?: number;
  /** Attempts before giving up (status "closed"); `Infinity` never gives up. Default `Infinity`. */
  readonly maxAttempts?: number;
}

/** {@link ReconnectOptions} with defaults applied. */
export interface ReconnectPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}

export const DEFAULT_RECONNECT: Readonly<ReconnectPolicy> = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxAttempts: Number.POSITIVE_INFINITY,
});

/** Applies defaults and validates; `undefined` means reconnecting is off. */
export function resolveReconnectPolicy(options: ReconnectOptions | false | undefined): ReconnectPolicy | undefined {
  if (options === false) return undefined;
  const policy: ReconnectPolicy = {
    initialDelayMs: options?.initialDelayMs ?? DEFAULT_RECONNECT.initialDelayMs,
    maxDelayMs: options?.maxDelayMs ?? DEFAULT_RECONNECT.maxDelayMs,
    maxAttempts: options?.maxAttempts ?? DEFAULT_RECONNECT.maxAttempts,
  };
  if (!(policy.initialDelayMs >= 0)) throw new RangeError("reconnect.initialDelayMs must be >= 0.");
  if (!(policy.maxDelayMs >= policy.initialDelayMs)) throw new RangeError("reconnect.maxDelayMs must be >= initialDelayMs.");
  if (!(policy.maxAttempts >= 1)) throw new RangeError("reconnect.maxAttempts must be >= 1 (or Infinity).");
  return policy;
}

/**
 * Delay before reconnect attempt `attempt` (1-based): "full jitter" — uniform in
 * [0, min(maxDelayMs, initialDelayMs · 2^(attempt-1))]. Spreading clients over the whole window is what keeps
 * a fleet of clients from reconnecting in lockstep after a server restart.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<ReconnectPolicy, "initialDelayMs" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 52);
  const bound = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  return Math.floor(random() * bound);
}
