import { gunzipSync, gzipSync } from 'node:zlib';
import type { EntityManager } from 'typeorm';
import { DrawBlob } from './entities';

/** Well below MySQL's default max_allowed_packet (16 MiB on MariaDB, 64 MiB on MySQL 8). */
const PIECE_BYTES = 1024 * 1024;

/** Stores `text` gzip-compressed in pieces; a 1,000,000-line snapshot is a few MiB. */
export async function saveText(
  manager: EntityManager,
  drawId: string,
  kind: DrawBlob['kind'],
  text: string,
): Promise<void> {
  const packed = gzipSync(Buffer.from(text, 'utf8'));
  const repo = manager.getRepository(DrawBlob);
  for (let seq = 0, at = 0; at < packed.length || seq === 0; seq++, at += PIECE_BYTES) {
    await repo.insert({ drawId, kind, seq, data: packed.subarray(at, at + PIECE_BYTES) });
  }
}

export async function loadText(
  manager: EntityManager,
  drawId: string,
  kind: DrawBlob['kind'],
): Promise<string | null> {
  const pieces = await manager
    .getRepository(DrawBlob)
    .find({ where: { drawId, kind }, order: { seq: 'ASC' } });
  if (pieces.length === 0) return null;
  return gunzipSync(Buffer.concat(pieces.map((p) => Buffer.from(p.data)))).toString('utf8');
}
