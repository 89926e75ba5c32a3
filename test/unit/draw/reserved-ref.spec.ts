import { reservedTaskRef } from '../../../src/modules/draw/draw.service';

describe('standalone draw references never collide with a joint task code', () => {
  it.each([
    'JI-2026-0002',
    'ji-2026-0002',
    ' JI-2026-0002',
    'JI-2026-0002 ',
    'ＪＩ-2026-0002',
    'JＩ－2026-0002',
    'JI-9999-12345',
    'JI-anything',
  ])('reserves %j', (ref) => expect(reservedTaskRef(ref)).toBe(true));

  it.each(['PY-2025-JOINT-07', 'GAJ-2026-001', 'TEST-JI-2026-0002', 'J-2026', 'JIX-1'])(
    'accepts %j',
    (ref) => expect(reservedTaskRef(ref)).toBe(false),
  );
});
