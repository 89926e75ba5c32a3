import { ConfigurationError, validateEnvironment } from '../../../src/config/environment';
import { resolveAppConfig } from '../../../src/config/app-config';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('configuration', () => {
  it('accepts an empty environment (embedded defaults)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jc-cfg-'));
    const config = resolveAppConfig(validateEnvironment({ DATA_DIR: dir }));
    expect(config.database).toEqual({ type: 'sqlite', path: join(dir, 'jointcheck.sqlite') });
    expect(config.temporal.address).toBeUndefined();
    expect(config.http.port).toBe(3000);
    expect(config.payloadCodecKey).toHaveLength(32);
  });

  it('keeps generated secrets across restarts, readable only by the owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jc-cfg-'));
    const first = resolveAppConfig(validateEnvironment({ DATA_DIR: dir }));
    const second = resolveAppConfig(validateEnvironment({ DATA_DIR: dir }));
    expect(second.jwt.secret).toBe(first.jwt.secret);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o077).toBe(0);
  });

  it.each([
    ['DATABASE_URL', 'postgres://x', /DATABASE_URL.*sqlite:<file path> or mysql:/],
    ['PORT', 'abc', /PORT.*integer port number/],
    ['PORT', '70000', /PORT/],
    ['TEMPORAL_ADDRESS', 'localhost', /TEMPORAL_ADDRESS must be host:port/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['PAYLOAD_CODEC_KEY', 'abc', /PAYLOAD_CODEC_KEY.*64 hexadecimal/],
  ])('rejects %s=%s naming the variable and what it accepts', (key, value, message) => {
    expect(() => validateEnvironment({ [key]: value })).toThrow(ConfigurationError);
    expect(() => validateEnvironment({ [key]: value })).toThrow(message);
  });

  it('never prints secret values in its errors', () => {
    expect(() => validateEnvironment({ JWT_SECRET: 'short-secret' })).toThrow(
      /JWT_SECRET=\(hidden\)/,
    );
  });

  it('parses mysql URLs and numeric ports', () => {
    const config = resolveAppConfig(
      validateEnvironment({
        DATABASE_URL: 'mysql://root@127.0.0.1:3306/jc',
        PORT: '8080',
        JWT_SECRET: 'x'.repeat(32),
        PAYLOAD_CODEC_KEY: 'ab'.repeat(32),
      }),
    );
    expect(config.database).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/jc' });
    expect(config.http.port).toBe(8080);
  });
});
