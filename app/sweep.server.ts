import { env } from "./env.server";

type Sweep = (now: number) => void;
const sweeps: Sweep[] = [];

/**
 * Features that close things at a set time (votes, check-in cycles) register a sweep.
 * It runs on a timer, so closing never waits for somebody to open a page.
 */
export function registerSweep(fn: Sweep) {
  sweeps.push(fn);
}

export function runSweeps(now = Date.now()) {
  for (const fn of sweeps) {
    try {
      fn(now);
    } catch (error) {
      console.error("sweep failed", error);
    }
  }
}

declare global {
  var __normwerkSweeper: NodeJS.Timeout | undefined;
}

export function startSweeper() {
  if (globalThis.__normwerkSweeper) return;
  globalThis.__normwerkSweeper = setInterval(() => runSweeps(), env.SWEEP_INTERVAL_SECONDS * 1000);
  globalThis.__normwerkSweeper.unref();
}
