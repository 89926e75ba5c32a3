import { createHash } from 'node:crypto';
import { DrawInputError } from './errors';

/** SHA-256 over the concatenation of the parts; strings are encoded as UTF-8. */
export function sha256(...parts: (Uint8Array | string)[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts)
    hash.update(typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
  return hash.digest();
}

export function sha256Hex(...parts: (Uint8Array | string)[]): string {
  return sha256(...parts).toString('hex');
}

export const NUL = Buffer.from([0]);

/** Parses a lowercase or uppercase hex string of exactly `bytes` bytes. */
export function hexToBytes(hex: string, bytes: number, field: string): Buffer {
  if (typeof hex !== 'string' || !new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(hex)) {
    throw new DrawInputError(
      `${field} 必须是 ${bytes * 2} 位十六进制字符串 / ${field} must be ${bytes * 2} hex digits (${bytes} bytes)`,
      field,
    );
  }
  return Buffer.from(hex, 'hex');
}

/** Unsigned byte order of the UTF-8 encodings, the order every sort in the draw uses. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
