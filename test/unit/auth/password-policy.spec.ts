import { lockSeconds } from '../../../src/modules/auth/login-throttle.service';
import { passwordProblems, PASSWORD_MIN_LENGTH } from '../../../src/modules/auth/password-policy';

describe('password policy', () => {
  const ok = (password: string, username = 'zhangsan', refused: string[] = []) =>
    passwordProblems(password, { username, refused });

  it('accepts a long passphrase', () => {
    expect(ok('correct horse battery staple')).toEqual([]);
    expect(ok('县市场监管局-抽查-2026')).toEqual([]);
    expect(ok('jointcheck-demo')).toEqual([]);
  });

  it(`needs at least ${PASSWORD_MIN_LENGTH} characters, counting characters not bytes`, () => {
    expect(ok('Tr0ub4dor&3')).toContain(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符`);
    expect(ok('双随机一公开联合抽查监管')).toEqual([]); // 12 characters, 36 bytes
  });

  it('refuses more than 72 bytes (bcrypt would silently cut the rest)', () => {
    expect(ok('a1b2c3d4e5'.repeat(8)).join()).toMatch(/72 字节/);
    expect(ok('x7Kq!'.repeat(14) + 'ab')).toEqual([]); // exactly 72 bytes
  });

  it('refuses a password containing the username, in any case', () => {
    expect(ok('my-ZhangSan-password-2026')).toContain('密码不能包含用户名');
    expect(ok('my-ZhangSan-password-2026', 'li')).toEqual([]); // too short a name to matter
  });

  it('refuses common passwords, also with digits or symbols appended or prepended', () => {
    for (const p of [
      'qwertyuiop123',
      '1q2w3e4r5t6y',
      'Password123456',
      'iloveyou2026!!',
      '2026!!sunshine1',
    ])
      expect(ok(p).join()).toMatch(/常用密码表/);
  });

  it('refuses a few characters repeated', () => {
    expect(ok('abababababababab').join()).toMatch(/不同字符/);
  });

  it('refuses extra passwords (the demo password in production mode)', () => {
    expect(ok('jointcheck-demo', 'office', ['jointcheck-demo']).join()).toMatch(/演示密码/);
  });
});

describe('lockout backoff', () => {
  const policy = {
    accountThreshold: 5,
    addressThreshold: 20,
    baseLockSeconds: 60,
    maxLockSeconds: 3600,
    forgetAfterSeconds: 86400,
  };

  it('locks from the threshold on, doubling up to the maximum', () => {
    expect([1, 4, 5, 6, 7, 8, 11, 12, 40].map((n) => lockSeconds(n, 5, policy))).toEqual([
      0, 0, 60, 120, 240, 480, 3600, 3600, 3600,
    ]);
  });
});
