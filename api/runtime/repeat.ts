/**
 * Background work repeated on a timer in the Node process (the indicator warmer, the survey
 * signal watch): one pass at a time (a pass asked for while one runs is that one), a timer that
 * never keeps the process alive, and a stop that waits for the pass in progress. `work` handles
 * its own failures: a rejected pass would reach the caller of `pass`.
 */
export interface Repeated<T> {
  /** Runs one pass now, or joins the one running (tests call it). */
  pass(): Promise<T>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

export function repeatEvery<T>(intervalMs: number, work: () => Promise<T>): Repeated<T> {
  let running: Promise<T> | null = null;
  const pass = () => {
    running ??= work().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void pass(), intervalMs);
  timer.unref?.();
  return {
    pass,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
