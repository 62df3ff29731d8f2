import { z } from "@hono/zod-openapi";
import { OrgUnitCode } from "../../http/router.ts";

export const RoleName = z
  .enum(["admin", "leader", "assessor", "clerk", "volunteer"])
  .openapi("Role");

export const NewUser = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9_.-]{3,64}$/, "3–64 letters, digits, '.', '-' or '_'"),
    password: z.string().min(8, "至少 8 个字符").max(200),
    role: RoleName,
    orgUnit: OrgUnitCode.nullable().optional().openapi({
      description:
        "Scope: this unit's subtree. Omit only for a city-wide admin (by a city-wide admin).",
    }),
    displayName: z.string().trim().min(1).max(100).optional(),
  })
  .openapi("NewUser");

export const UserPatch = z
  .object({
    disabled: z.boolean().optional(),
    password: z.string().min(8, "至少 8 个字符").max(200).optional(),
    role: RoleName.optional(),
    orgUnit: OrgUnitCode.nullable().optional().openapi({
      description: "New scope: this unit's subtree; null only for a city-wide admin.",
    }),
  })
  .refine(
    (p) =>
      p.disabled !== undefined ||
      p.password !== undefined ||
      p.role !== undefined ||
      p.orgUnit !== undefined,
    "请提供 disabled、password、role 或 orgUnit",
  )
  .openapi("UserPatch");

export const User = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string().nullable(),
    role: RoleName,
    orgUnit: z.string().nullable(),
    disabled: z.boolean(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("User");

export const UserList = z.object({ users: z.array(User) }).openapi("UserList");
