/**
 * Bytes of a document file → text. The one place files are decoded, for `validate`, `simulate`, `graph` and
 * `import` alike: UTF-8 with or without a byte order mark, UTF-16 LE or BE with a byte order mark (published
 * "Deploy to Azure" templates are saved that way by Windows editors), and UTF-16 without one, recognised as
 * RFC 4627 §3 does from the zero bytes of the first characters (JSON text starts with ASCII).
 */

/** How a file's bytes were encoded. */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

/** Decoded text (byte order mark removed), the encoding found, and whether a byte order mark was there. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  bom: boolean;
}

const utf8 = new TextDecoder("utf-8");
const utf16le = new TextDecoder("utf-16le");

/** Which encoding the first bytes announce: a byte order mark, else the RFC 4627 zero-byte pattern. */
function sniff(b: Uint8Array): { encoding: TextEncoding; bom: boolean } {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: "utf-8", bom: true };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", bom: true };
  if (b.length >= 2 && b[0] !== 0 && b[1] === 0) return { encoding: "utf-16le", bom: false };
  if (b.length >= 2 && b[0] === 0 && b[1] !== 0) return { encoding: "utf-16be", bom: false };
  return { encoding: "utf-8", bom: false };
}

/** UTF-16 BE → a string (swapping into a copy: the caller's bytes stay as they are). */
function decodeUtf16be(b: Uint8Array): string {
  const swapped = new Uint8Array(b.length);
  for (let i = 0; i + 1 < b.length; i += 2) {
    swapped[i] = b[i + 1]!;
    swapped[i + 1] = b[i]!;
  }
  if (b.length % 2) swapped[b.length - 1] = b[b.length - 1]!;
  return utf16le.decode(swapped);
}

/**
 * Decode a document file's bytes. Never throws: bytes that are not valid in the encoding found become U+FFFD
 * (so a later JSON error points at them).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const { encoding, bom } = sniff(bytes);
  // The decoders drop the byte order mark themselves (TextDecoder's default `ignoreBOM: false`).
  const text = encoding === "utf-8" ? utf8.decode(bytes) : encoding === "utf-16le" ? utf16le.decode(bytes) : decodeUtf16be(bytes);
  return { text, encoding, bom };
}
