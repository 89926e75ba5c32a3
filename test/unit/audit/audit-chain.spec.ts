import { createHash } from 'node:crypto';
import {
  canonicalEntry,
  checkMac,
  deriveMacKey,
  entryHash,
  entryMac,
  GENESIS_HASH,
  isoAt,
  MerkleFrontier,
  merkleTreeHash,
  StoredEntry,
} from '../../../src/modules/audit/audit-chain';

const sha = (hex: string) => createHash('sha256').update(hex).digest('hex');

const entry: StoredEntry = {
  id: 7,
  seq: null,
  at: '2026-12-06T03:04:05.123Z',
  actor: 'scjgj-admin',
  actorDepartment: 'SCJGJ',
  action: 'user.create',
  entityType: 'user',
  entityId: 'u-1',
  beforeJson: null,
  afterJson: '{"username":"张三","password":"[hidden]"}',
  contextJson: null,
  prevHash: null,
  entryHash: null,
  mac: null,
};

describe('audit chain format', () => {
  it('serializes an entry canonically, as documented', () => {
    expect(canonicalEntry(entry, 3, GENESIS_HASH)).toBe(
      '["jointcheck-audit/1",3,7,"2026-12-06T03:04:05.123Z","scjgj-admin","SCJGJ","user.create",' +
        '"user","u-1",null,"{\\"username\\":\\"张三\\",\\"password\\":\\"[hidden]\\"}",null,' +
        `"${GENESIS_HASH}"]`,
    );
    expect(entryHash(entry, 3, GENESIS_HASH)).toBe(
      createHash('sha256')
        .update(canonicalEntry(entry, 3, GENESIS_HASH), 'utf8')
        .digest('hex'),
    );
    // every field counts
    expect(entryHash({ ...entry, actor: 'nobody' }, 3, GENESIS_HASH)).not.toBe(
      entryHash(entry, 3, GENESIS_HASH),
    );
    expect(entryHash(entry, 4, GENESIS_HASH)).not.toBe(entryHash(entry, 3, GENESIS_HASH));
  });

  it('reads datetimes of both drivers as the same ISO instant', () => {
    expect(isoAt('2026-12-06 03:04:05.123')).toBe('2026-12-06T03:04:05.123Z');
    expect(isoAt(new Date('2026-12-06T03:04:05.123Z'))).toBe('2026-12-06T03:04:05.123Z');
    expect(isoAt('2026-12-06 03:04:05')).toBe('2026-12-06T03:04:05.000Z');
  });

  it('computes the RFC 6962 Merkle tree hash, also incrementally from a stored frontier', () => {
    // RFC 6962 §2.1: MTH({}) = SHA-256(); MTH({d0}) = SHA-256(0x00 || d0)
    expect(merkleTreeHash([])).toBe(createHash('sha256').digest('hex'));
    const leaves = Array.from({ length: 70 }, (_, i) => sha(String(i)));
    expect(merkleTreeHash(leaves.slice(0, 1))).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from([0]), Buffer.from(leaves[0], 'hex')]))
        .digest('hex'),
    );
    const three = (() => {
      const h = (...b: Buffer[]) => createHash('sha256').update(Buffer.concat(b)).digest();
      const leaf = (x: string) => h(Buffer.from([0]), Buffer.from(x, 'hex'));
      const ab = h(Buffer.from([1]), leaf(leaves[0]), leaf(leaves[1]));
      return h(Buffer.from([1]), ab, leaf(leaves[2])).toString('hex');
    })();
    expect(merkleTreeHash(leaves.slice(0, 3))).toBe(three);
    const f = new MerkleFrontier();
    expect(f.root()).toBe(merkleTreeHash([]));
    for (let n = 1; n <= leaves.length; n++) {
      f.push(leaves[n - 1]);
      expect(f.root()).toBe(merkleTreeHash(leaves.slice(0, n)));
      // resuming from the stored compact range gives the same roots
      const resumed = MerkleFrontier.from(JSON.parse(JSON.stringify(f.toJSON())));
      for (const l of leaves.slice(n, n + 5)) resumed.push(l);
      expect(resumed.root()).toBe(merkleTreeHash(leaves.slice(0, Math.min(n + 5, 70))));
    }
  });

  it('signs entries so that a database-only writer cannot forge or alter one', () => {
    const key = deriveMacKey(Buffer.alloc(32, 0x11));
    const mac = entryMac(key, entry);
    expect(checkMac(key, { ...entry, mac })).toEqual({ result: 'ok', nonce: mac.split('.')[1] });
    expect(checkMac(key, { ...entry, actor: 'nobody', mac }).result).toBe('invalid');
    expect(checkMac(key, { ...entry, mac: null }).result).toBe('missing');
    expect(checkMac(deriveMacKey(Buffer.alloc(32, 0x22)), { ...entry, mac }).result).toBe(
      'other-key',
    );
    // two signatures of the same content differ (random nonce): copies are recognisable
    expect(entryMac(key, entry)).not.toBe(mac);
  });
});
