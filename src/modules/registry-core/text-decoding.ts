/**
 * Character-set detection for CSV files. Officials' CSVs come from Excel ("CSV UTF-8" with a BOM,
 * or plain "CSV" in the system code page, which on Chinese Windows is GBK), from WPS, or from
 * other systems' exports (UTF-8 without BOM).
 *
 * The decision is made lazily: while the bytes seen so far are ASCII, both encodings agree, so
 * bytes pass through; at the first non-ASCII chunk, that chunk decides — valid UTF-8 → UTF-8,
 * otherwise GB18030 (a superset of GBK and GB2312). A file whose first Chinese text appears after
 * many ASCII rows is therefore still detected from real Chinese bytes.
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

/**
 * Decodes a byte stream to text, detecting the encoding as described above. `onDetected` reports
 * the decision (for logs and tests).
 */
export async function* decodeText(
  chunks: AsyncIterable<Buffer>,
  onDetected?: (encoding: DetectedEncoding) => void,
): AsyncGenerator<string> {
  let decoder: ChunkDecoder | undefined;
  let first = true;
  for await (const raw of chunks) {
    let chunk = raw;
    if (first) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        decoder = utf8Decoder();
        chunk = chunk.subarray(3);
        onDetected?.('utf-8');
      } else if (chunk[0] === 0xff && chunk[1] === 0xfe) {
        decoder = iconvDecoder('utf-16le');
        chunk = chunk.subarray(2);
        onDetected?.('utf-16le');
      } else if (chunk[0] === 0xfe && chunk[1] === 0xff) {
        decoder = iconvDecoder('utf-16be');
        chunk = chunk.subarray(2);
        onDetected?.('utf-16be');
      }
    }
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
  const rest = decoder?.end();
  if (rest) yield rest;
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
