/**
 * Character-set detection for CSV files. Officials' CSVs come from Excel ("CSV UTF-8" with a BOM,
 * or plain "CSV" in the system code page, which on Chinese Windows is GBK), from WPS, or from
 * other systems' exports (UTF-8 without BOM).
 *
 * The decision is made lazily: while the bytes seen so far are ASCII, both encodings agree, so
 * bytes pass through; at the first non-ASCII chunk, that chunk decides — valid UTF-8 → UTF-8,
 * otherwise GB18030 (a superset of GBK and GB2312). A file whose first Chinese text appears after
 * many ASCII rows is therefore still detected from real Chinese bytes.
 *
 * UTF-16 (Excel's "Unicode text", some exports) is recognised by its BOM or, without one, by the
 * NUL bytes of its ASCII characters, and decoded.
 */
import iconv from 'iconv-lite';
import { RegistryFileError } from './registry-file-error';

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

export type DetectedEncoding = 'ascii' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

function utf8Decoder(): ChunkDecoder {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const wrap = (fn: () => string): string => {
    try {
      return fn();
    } catch {
      throw new RegistryFileError(
        'encoding',
        '文件编码不一致：前面部分是 UTF-8，后面出现了非 UTF-8 字符。请在 Excel 中“另存为 CSV UTF-8”后重新导入',
      );
    }
  };
  return {
    write: (chunk) => wrap(() => decoder.decode(chunk, { stream: true })),
    end: () => wrap(() => decoder.decode()),
  };
}

function iconvDecoder(encoding: string): ChunkDecoder {
  const decoder = iconv.getDecoder(encoding);
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}

/** True when `bytes` is valid UTF-8 (a multi-byte character cut at the end is allowed). */
function isUtf8Prefix(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function firstNonAscii(chunk: Buffer): number {
  for (let i = 0; i < chunk.length; i++) if (chunk[i] >= 0x80) return i;
  return -1;
}

/** Bytes read before deciding on a BOM or a UTF-16 file without one. */
const SNIFF_BYTES = 4096;

/**
 * UTF-16 without a BOM, recognised by its NUL bytes: every ASCII character (digits of codes,
 * commas, line breaks) has a zero high byte, at odd offsets in little-endian and even offsets in
 * big-endian. CSV in UTF-8 or GBK never contains NUL; a binary file has few and scattered ones,
 * so at least one byte in 16 must be NUL, nearly all on one side.
 */
function sniffUtf16(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const nuls = even + odd;
  if (nuls < 2 || nuls * 16 < head.length) return null;
  if (odd >= nuls * 0.9) return 'utf-16le';
  if (even >= nuls * 0.9) return 'utf-16be';
  return null;
}

/** The first SNIFF_BYTES bytes (or all) as one buffer, and the rest of the stream. */
async function sniffHead(
  chunks: AsyncIterable<Buffer>,
): Promise<{ head: Buffer; rest: AsyncIterator<Buffer> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    taken.push(next.value);
    length += next.value.length;
  }
  return { head: Buffer.concat(taken), rest: iterator };
}

/**
 * Decodes a byte stream to text, detecting the encoding as described above; UTF-16 (LE or BE,
 * with or without a BOM, as Excel's "Unicode text" writes it) is decoded too. `onDetected`
 * reports the decision (for logs and tests).
 */
export async function* decodeText(
  chunks: AsyncIterable<Buffer>,
  onDetected?: (encoding: DetectedEncoding) => void,
): AsyncGenerator<string> {
  const { head, rest } = await sniffHead(chunks);
  let decoder: ChunkDecoder | undefined;
  let first: Buffer = head;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    decoder = utf8Decoder();
    first = head.subarray(3);
    onDetected?.('utf-8');
  } else if (head[0] === 0xff && head[1] === 0xfe) {
    decoder = iconvDecoder('utf-16le');
    first = head.subarray(2);
    onDetected?.('utf-16le');
  } else if (head[0] === 0xfe && head[1] === 0xff) {
    decoder = iconvDecoder('utf-16be');
    first = head.subarray(2);
    onDetected?.('utf-16be');
  } else {
    const utf16 = sniffUtf16(head);
    if (utf16) {
      decoder = iconvDecoder(utf16);
      onDetected?.(utf16);
    }
  }
  async function* all(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  }
  for await (const chunk of all()) {
    if (!decoder) {
      const at = firstNonAscii(chunk);
      if (at < 0) {
        yield chunk.toString('latin1');
        continue;
      }
      const utf8 = isUtf8Prefix(chunk.subarray(at));
      decoder = utf8 ? utf8Decoder() : iconvDecoder('gb18030');
      onDetected?.(utf8 ? 'utf-8' : 'gb18030');
    }
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  if (!decoder) onDetected?.('ascii');
  const tail = decoder?.end();
  if (tail) yield tail;
}

/**
 * True when decoded text looks like a binary file rather than a table: it contains NUL, or more
 * than 2% control or replacement characters.
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 8192);
  let odd = 0;
  for (const ch of sample) {
    const code = ch.charCodeAt(0);
    if (
      (code < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') ||
      code === 0xfffd ||
      code === 0x7f
    )
      odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.02;
}
