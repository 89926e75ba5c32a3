import { Secret, TOTP } from 'otpauth';
import type { TestApp } from '../../support/test-app';

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The TOTP code an authenticator app shows for `secret`, `steps` 30-second steps from now. */
export function totpCode(secret: string, steps = 0): string {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  }).generate({
    timestamp: Date.now() + steps * 30_000,
  });
}

/** POST /auth/login as it answers (status and body), without throwing. */
export async function tryLogin(t: TestApp, username: string, password: string) {
  return t.http.post('/auth/login').send({ username, password });
}

/** Enrols the principal in TOTP; returns the secret and its recovery codes. */
export async function enrolTotp(t: TestApp, token: string) {
  const enrol = await t.http.post('/auth/2fa/enrol').set(bearer(token)).send({});
  expect(enrol.status).toBe(200);
  const secret = enrol.body.secret as string;
  const usedCode = totpCode(secret);
  const confirm = await t.http
    .post('/auth/2fa/confirm')
    .set(bearer(token))
    .send({ code: usedCode });
  expect(confirm.status).toBe(200);
  return {
    secret,
    usedCode,
    recoveryCodes: confirm.body.recoveryCodes as string[],
    otpauthUri: enrol.body.otpauthUri as string,
  };
}
