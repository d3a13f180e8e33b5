import type { LiveLogger } from "./connection.js";

/** Calls every listener with `args`; one that throws is logged and does not keep the others from running. */
export function emit<TArgs extends unknown[]>(
  listeners: ReadonlySet<(...args: TArgs) => void>,
  logger: LiveLogger,
  what: string,
  ...args: TArgs
): void {
  for (const listener of [...listeners]) {
    try {
      listener(...args);
    } catch (error) {
      logger.error?.(`live: ${what} threw.`, error);
    }
  }
}
