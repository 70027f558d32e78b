/** Fast JSON pointer building for hot loops (most keys need no escaping). */
import { escapeToken } from "../wdl/pointer";

/** `base` + `/` + the escaped key; skips the escaping work when the key has no `~` or `/`. */
export function child(base: string, key: string): string {
  return key.indexOf("~") < 0 && key.indexOf("/") < 0 ? `${base}/${key}` : `${base}/${escapeToken(key)}`;
}
