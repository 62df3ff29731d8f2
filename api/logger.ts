import { pino } from "pino";

export type Logger = pino.Logger;

/** Structured JSON logs (pino). Tests pass level `silent`. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: "scorecard-369" } });
}
