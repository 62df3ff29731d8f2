import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", "data/**", "dist/**"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Much of a test file's time is waiting (PostgreSQL, Chromium, a started server), so one
    // file more than the cores keeps them busy; vitest's default is one fewer than the cores
    // (a single file at a time on 2). Measured on 2 cores, whole suite: 1 file at a time
    // 1,574 s, 3 at a time 984 s; 4 at a time was slower than 3 (Chromium instances contend).
    maxWorkers: availableParallelism() + 1,
  },
});
