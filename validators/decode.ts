/**
 * Bytes of a document file → text. The one place files are decoded, for `validate`, `simulate`, `graph` and
 * `import` alike: UTF-8 with or without a byte order mark, UTF-16 LE or BE with a byte order mark (published
 * "Deploy to Azure" templates are saved that way by Windows editors), and UTF-16 without one, recognised as
 * RFC 4627 §3 does from the zero bytes of the first characters (JSON text starts with ASCII).
 */

/** How a file's bytes were encoded. */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

/**
 * Decoded text (byte order mark removed), the encoding found, and whether a byte order mark was there.
 * `invalid` is set when UTF-8 bytes were not valid UTF-8: the offset (in `text`) of the first U+FFFD they became.
 */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  bom: boolean;
  invalid?: { offset: number };
}

const utf8 = new TextDecoder("utf-8");
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
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

/** Continuation-byte range allowed right after a lead byte (WHATWG UTF-8 decoder), or undefined if no lead. */
function secondByteRange(lead: number): [number, number, number] | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return [0x80, 0xbf, 1];
  if (lead === 0xe0) return [0xa0, 0xbf, 2];
  if (lead === 0xed) return [0x80, 0x9f, 2];
  if (lead >= 0xe1 && lead <= 0xef) return [0x80, 0xbf, 2];
  if (lead === 0xf0) return [0x90, 0xbf, 3];
  if (lead >= 0xf1 && lead <= 0xf3) return [0x80, 0xbf, 3];
  if (lead === 0xf4) return [0x80, 0x8f, 3];
  return undefined;
}

/** Byte index where the first invalid UTF-8 sequence starts (overlong, surrogate, stray or truncated), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const lead = b[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const range = secondByteRange(lead);
    if (!range) return i;
    const [lo, hi, more] = range;
    if (i + more >= b.length || b[i + 1]! < lo || b[i + 1]! > hi) return i;
    for (let k = 2; k <= more; k++) if (b[i + k]! < 0x80 || b[i + k]! > 0xbf) return i;
    i += more + 1;
  }
  return -1;
}

/**
 * Decode a document file's bytes. Never throws: bytes that are not valid in the encoding found become U+FFFD,
 * and for UTF-8 `invalid` says where the first one is (validate reports it as `invalid-utf8`).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const { encoding, bom } = sniff(bytes);
  if (encoding === "utf-8") {
    try {
      return { text: strictUtf8.decode(bytes), encoding, bom };
    } catch {
      // The decoder drops the byte order mark of the prefix too, so its length is an offset in `text`.
      const at = firstInvalidUtf8(bytes);
      return { text: utf8.decode(bytes), encoding, bom, invalid: { offset: at < 0 ? 0 : utf8.decode(bytes.subarray(0, at)).length } };
    }
  }
  // The decoders drop the byte order mark themselves (TextDecoder's default `ignoreBOM: false`).
  const text = encoding === "utf-16le" ? utf16le.decode(bytes) : decodeUtf16be(bytes);
  return { text, encoding, bom };
}
