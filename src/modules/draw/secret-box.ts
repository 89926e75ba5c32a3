import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals the draw secret S at rest: AES-256-GCM under a key derived from PAYLOAD_CODEC_KEY with
 * HKDF-SHA256 (info "draw-secret", so it never equals the Temporal payload key), the draw id as
 * associated data (a sealed secret moved to another draw does not open). Format:
 * `v1.<iv b64>.<tag b64>.<ciphertext b64>`.
 */
export function drawSecretKey(payloadCodecKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', payloadCodecKey, Buffer.alloc(0), 'draw-secret', 32));
}

export function sealSecret(key: Buffer, drawId: string, secretHex: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(drawId, 'utf8'));
  const body = Buffer.concat([cipher.update(Buffer.from(secretHex, 'hex')), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
    .join('.');
}

export function openSecret(key: Buffer, drawId: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body)
    throw new Error(`draw ${drawId}: sealed secret has an unknown format`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(drawId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
  return plain.toString('hex');
}
