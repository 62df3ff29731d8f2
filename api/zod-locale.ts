/**
 * Zod's messages in Simplified Chinese for every schema of the app (its zh-CN locale, set once
 * for the process), so a 422's `errors[].message` reads like its `detail`; `errors[].path` stays
 * as it is, for machines. A missing field reads 必填 rather than "expected string, got undefined".
 */
import { z } from "zod";

const zhCN = z.locales.zhCN().localeError;

z.config({
  localeError: (issue) =>
    issue.code === "invalid_type" && issue.input === undefined ? "必填" : zhCN(issue),
});
