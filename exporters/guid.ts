/** Name-based (version 5, SHA-1) UUIDs, so exported ids are the same for the same names (RFC 9562 §5.5). */
import { createHash } from "node:crypto";

/** The URL namespace of RFC 9562. */
export const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
/** The namespace of every id playbook-kit derives: `uuidV5("https://github.com/playbook-kit", URL_NAMESPACE)`. */
export const PLAYBOOK_KIT_NAMESPACE = "b1d7bdb5-764d-52bc-8e3d-59dd3ffe7a39";

function parseUuid(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`Not a UUID: ${uuid}`);
  return Buffer.from(hex, "hex");
}

/** UUID v5 of `name` in `namespace`, lower-case with dashes. */
export function uuidV5(name: string, namespace: string = PLAYBOOK_KIT_NAMESPACE): string {
  const hash = createHash("sha1").update(parseUuid(namespace)).update(Buffer.from(name, "utf8")).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
