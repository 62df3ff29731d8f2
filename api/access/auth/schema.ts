import { z } from "@hono/zod-openapi";

export const LoginBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .openapi("LoginBody");

export const LoginResult = z
  .object({
    token: z
      .string()
      .openapi({ description: "Bearer token; also set as the HttpOnly session cookie" }),
    expiresAt: z.string().openapi({ format: "date-time" }),
    user: z.object({ username: z.string(), role: z.string(), orgUnit: z.string().nullable() }),
  })
  .openapi("LoginResult");

export const Me = z
  .object({
    kind: z.enum(["user", "api_key"]),
    name: z.string(),
    role: z.string(),
    orgUnit: z.string().nullable(),
    actions: z.array(z.string()),
  })
  .openapi("Me");
