import type { ColumnType, Generated } from "kysely";

/** An evidence file, bytes and all (migration …_create_attachments). */
export interface AttachmentTable {
  id: Generated<number>;
  bytes: Uint8Array;
  /** Sniffed from the bytes (api/attachments/sniff.ts). */
  mime: string;
  size: number;
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
  name: string | null;
  /** `creatorKey` of who uploaded it (`user:3`). */
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}
