/**
 * Issue 11, "Bad input and availability": deep JSON, lone surrogates, huge values, impossible
 * dates and huge BPMN files are 4xx naming the limit, and the server stays responsive.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { BPMN_MAX_ELEMENTS } from '../../../src/modules/process-definitions/bpmn';
import { runCli } from '../../support/cli';
import { startTestApp, TestApp } from '../../support/test-app';

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/** `n` unconnected tasks, about 22 bytes each (the 1.4 MB / 60,000-element attack file). */
function manyElements(n: number): string {
  const tasks = Array.from({ length: n }, (_, i) => `<bpmn:task id="a${i}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
<bpmn:process id="big" isExecutable="true">${tasks}</bpmn:process></bpmn:definitions>`;
}

describe('bad input is refused with 4xx (issue 11)', () => {
  let t: TestApp;
  let office: string;
  const auth = () => ({ Authorization: `Bearer ${office}` });

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', seedDemo: true });
    office = await t.login('office');
  });
  afterAll(() => t.close());

  it('answers 5,000-level nested JSON with 400 on public and authenticated routes', async () => {
    const routes: Array<[string, string, boolean]> = [
      ['post', '/auth/login', false],
      ['post', '/plans', true],
      ['post', '/instances', true],
      ['put', '/calendar/days/2026-10-01', true],
      ['post', '/inspections', false],
    ];
    for (const [method, path, withAuth] of routes) {
      const body = `{"a":${deep(5000)}}`;
      let req = (t.http as unknown as Record<string, (p: string) => request.Test>)
        [method](path)
        .set('content-type', 'application/json');
      if (withAuth) req = req.set(auth());
      const res = await req.send(body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.message).toMatch(/嵌套层数超过上限 64 层/);
    }
    expect((await t.http.get('/health')).status).toBe(200);
  });

  it('accepts ordinary nesting', async () => {
    const res = await t.http
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send(`{"username":"office","password":"jointcheck-demo","x":${deep(10)}}`);
    expect(res.status).toBe(400); // an unknown field, but parsed and validated
    expect(res.body.message).toMatch(/x/);
  });

  it('answers a lone UTF-16 surrogate with 400 naming the field', async () => {
    const res = await t.http
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send('{"username":"office\\ud800","password":"jointcheck-demo"}');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/username.*代理项/);
    const nested = await t.http
      .post('/instances')
      .set(auth())
      .set('content-type', 'application/json')
      .send('{"key":"k","variables":{"list":["ok","\\udc00"]}}');
    expect(nested.status).toBe(400);
    expect(nested.body.field).toBe('variables.list[1]');
    // a well-formed pair is text like any other
    const pair = await t.http
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send('{"username":"\\ud83d\\ude00","password":"jointcheck-demo"}');
    expect(pair.status).toBe(401);
  });

  it('keeps a validation error small whatever was sent', async () => {
    const huge = Array.from({ length: 300_000 }, () => 'xxxxxx');
    const res = await t.http.post('/plans').set(auth()).send({ year: huge, kind: 'joint' });
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(5_000);
    expect(res.body.errors[0]).toMatchObject({
      field: 'year',
      value: expect.stringMatching(/300000/),
    });
    const long = await t.http
      .post('/plans')
      .set(auth())
      .send({ year: 2026, kind: 'x'.repeat(100_000) });
    expect(long.status).toBe(400);
    expect(long.text.length).toBeLessThan(5_000);
  });

  it('answers a body over the JSON limit with 413 naming the limit', async () => {
    const res = await t.http
      .post('/plans')
      .set(auth())
      .set('content-type', 'application/json')
      .send(JSON.stringify({ year: Array.from({ length: 1_000_000 }, () => 'xxxxxxx') }));
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/上限为 4 MB/);
    expect(res.text.length).toBeLessThan(2_000);
  });

  it('answers malformed JSON with a 400 in Chinese', async () => {
    const res = await t.http
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send('{"username": ');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/不是有效的 JSON/);
  });

  describe('calendar dates', () => {
    it.each(['2026-02-30', '9999-99-99', '2026-13-01', '1999-12-31'])(
      'refuses %s as a window of a temporary inspection',
      async (bad) => {
        // A department starts inspections (the office is refused by role before validation).
        const officer = await t.login('scjgj-officer');
        const res = await t.http
          .post('/inspections')
          .set({ Authorization: `Bearer ${officer}` })
          .send({
            temporary: true,
            reason: '投诉举报',
            name: '临时任务',
            departments: ['SCJGJ'],
            itemCodes: ['SCJGJ-001'],
            windowStart: bad,
            windowEnd: '2026-12-31',
          });
        expect(res.status).toBe(400);
        expect(res.body.message).toMatch(/（windowStart）：须为有效的日历日期 YYYY-MM-DD/);
      },
    );

    it('refuses impossible windows in plan tasks', async () => {
      const plan = await t.http.post('/plans').set(auth()).send({ year: 2026, kind: 'joint' });
      expect(plan.status).toBe(201);
      for (const [start, end] of [
        ['2026-02-30', '2026-03-31'],
        ['2026-03-01', '9999-99-99'],
      ]) {
        const res = await t.http.post(`/plans/${plan.body.id}/tasks`).set(auth()).send({
          name: 'x',
          itemCodes: [],
          scope: {},
          initiatingDepartment: 'SCJGJ',
          windowStart: start,
          windowEnd: end,
        });
        expect(res.status).toBe(400);
        expect(res.body.message).toMatch(/window(Start|End) 应为有效的日历日期/);
      }
    });

    it('refuses impossible dates on the calendar routes', async () => {
      for (const from of ['2026-02-30', '9999-99-99']) {
        const res = await t.http.get(`/calendar/add-working-days?from=${from}&n=1`);
        expect(res.status).toBe(400);
        expect(res.body.message).toMatch(/from/);
      }
      expect((await t.http.get('/calendar/days/2026-02-30')).status).toBe(400);
      const put = await t.http
        .put('/calendar/days/9999-99-99')
        .set(auth())
        .send({ kind: 'holiday' });
      expect(put.status).toBe(400);
      expect((await t.http.get('/calendar/add-working-days?from=2026-02-27&n=1')).status).toBe(200);
    });
  });

  describe('BPMN size limits', () => {
    it('answers a 60,000-element definition with 413 naming the limit, quickly', async () => {
      const xml = manyElements(60_000);
      expect(xml.length).toBeGreaterThan(1_300_000);
      const res = await t.http
        .post('/definitions')
        .set(auth())
        .set('content-type', 'application/xml')
        .send(xml);
      expect(res.status).toBe(413);
      expect(res.body.message).toContain(String(BPMN_MAX_ELEMENTS));
      const asJson = await t.http.post('/definitions').set(auth()).send({ xml });
      expect(asJson.status).toBe(413);
    });

    it('answers an XML body over 2 MB with 413 naming the limit', async () => {
      const res = await t.http
        .post('/definitions')
        .set(auth())
        .set('content-type', 'application/xml')
        .send(`<a>${'x'.repeat(3 * 1024 * 1024)}</a>`);
      expect(res.status).toBe(413);
      expect(res.body.message).toMatch(/BPMN XML 请求体上限为 2 MB/);
    });

    it('CLI: definition validate applies the same limits (exit 1 naming the limit)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'jc-bpmn-'));
      const many = join(dir, 'many.bpmn');
      writeFileSync(many, manyElements(60_000));
      const a = runCli(['definition', 'validate', many]);
      expect(a.status).toBe(1);
      expect(a.stdout).toMatch(new RegExp(`limit-exceeded.*${BPMN_MAX_ELEMENTS}`));
      const big = join(dir, 'big.bpmn');
      writeFileSync(big, `<a>${'x'.repeat(3 * 1024 * 1024)}</a>`);
      const b = runCli(['definition', 'validate', big]);
      expect(b.status).toBe(1);
      expect(b.stdout).toMatch(/limit-exceeded.*2 MB/);
    });

    it('keeps answering /health while a large definition is being checked', async () => {
      const order: string[] = [];
      const deploy = request(t.app.getHttpServer())
        .post('/definitions')
        .set(auth())
        .set('content-type', 'application/xml')
        .send(manyElements(BPMN_MAX_ELEMENTS - 200))
        .then((res) => {
          order.push('deploy');
          return res;
        });
      // let the deploy request arrive and its check start
      await new Promise((resolve) => setTimeout(resolve, 150));
      const health = await t.http.get('/health');
      order.push('health');
      const res = await deploy;
      expect(health.status).toBe(200);
      expect(res.status).toBe(400); // unsupported bpmn:task elements, reported (capped)
      expect(res.body.errors.length).toBeLessThanOrEqual(201);
      expect(order).toEqual(['health', 'deploy']);
    });
  });
});
