import { AuditService } from '../../../src/modules/audit/audit.service';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, fixture, processXml, tokens } from './helpers';

describe('process definitions API', () => {
  let t: TestApp;
  let tk: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', seedDemo: true });
    tk = await tokens(t, 'office', 'scjgj-admin', 'scjgj-officer');
  });
  afterAll(() => t.close());

  it('deploys raw XML, numbers versions per key and treats identical XML as a no-op', async () => {
    const v1 = await t.http
      .post('/definitions')
      .set(bearer(tk.office))
      .set('Content-Type', 'application/xml')
      .send(processXml('versioned', '第一版'));
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ key: 'versioned', version: 1, name: '第一版', created: true });

    const same = await t.http
      .post('/definitions')
      .set(bearer(tk.office))
      .set('Content-Type', 'text/xml')
      .send(processXml('versioned', '第一版'));
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ id: v1.body.id, version: 1, created: false });

    const v2 = await t.http
      .post('/definitions')
      .set(bearer(tk.office))
      .send({ xml: processXml('versioned', '第二版') });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ key: 'versioned', version: 2, deployedBy: 'office' });

    // back to the first XML: not the latest, so it is a new version
    const v3 = await t.http
      .post('/definitions')
      .set(bearer(tk.office))
      .send({ xml: processXml('versioned', '第一版') });
    expect(v3.body).toMatchObject({ version: 3, created: true, sha256: v1.body.sha256 });

    const latest = await t.http.get('/definitions/versioned').set(bearer(tk['scjgj-officer']));
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ version: 3, xml: processXml('versioned', '第一版') });

    const list = await t.http.get('/definitions?key=versioned').set(bearer(tk.office));
    expect(list.body.map((d: { version: number }) => d.version)).toEqual([3, 2, 1]);
    expect(list.body[0].xml).toBeUndefined();

    const history = await t.app.get(AuditService).list({ entityType: 'process_definition' });
    expect(history.filter((h) => h.action === 'definition.deploy')).toHaveLength(3);
  });

  it('returns the XML of a version unchanged (diagram round trip)', async () => {
    const xml = fixture('user-task');
    const res = await t.http
      .post('/definitions')
      .set(bearer(tk.office))
      .set('Content-Type', 'application/xml')
      .send(xml);
    expect(res.status).toBe(201);
    const raw = await t.http
      .get(`/definitions/user-task/versions/${res.body.version}/xml`)
      .set(bearer(tk['scjgj-officer']));
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toMatch(/application\/xml/);
    expect(raw.text).toBe(xml);
    const json = await t.http
      .get(`/definitions/user-task/versions/${res.body.version}`)
      .set(bearer(tk.office));
    expect(json.body).toMatchObject({ key: 'user-task', id: res.body.id, xml });
    const byId = await t.http.get(`/definitions/by-id/${res.body.id}`).set(bearer(tk.office));
    expect(byId.body.version).toBe(res.body.version);
    expect(
      (await t.http.get('/definitions/user-task/versions/99').set(bearer(tk.office))).status,
    ).toBe(404);
  });

  it('rejects an invalid definition with every error, naming the elements', async () => {
    const xml = processXml(
      'broken',
      '有错',
      `<bpmn:serviceTask id="callNobody" jc:activity="noSuchActivity" />
       <bpmn:userTask id="lonely" jc:role="boss" />`,
    );
    const res = await t.http
      .post('/definitions')
      .set(bearer(tk.office))
      .set('Content-Type', 'application/xml')
      .send(xml);
    expect(res.status).toBe(400);
    const ids = res.body.errors.map((e: { elementId: string }) => e.elementId);
    expect(ids).toEqual(expect.arrayContaining(['callNobody', 'lonely']));
    for (const e of res.body.errors) expect(e).toHaveProperty('rule');
    expect(res.body.message).toMatch(/callNobody/);
    expect((await t.http.get('/definitions/broken').set(bearer(tk.office))).status).toBe(404);
  });

  it('reports malformed XML with its position', async () => {
    const res = await t.http
      .post('/definitions')
      .set(bearer(tk.office))
      .set('Content-Type', 'application/xml')
      .send('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<oops');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].line).toBeGreaterThan(0);
  });

  it('refuses a body that is neither XML nor {xml}', async () => {
    const res = await t.http.post('/definitions').set(bearer(tk.office)).send({ bpmn: '<x/>' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/xml/);
  });

  it('lets only the office deploy (department heads and officers 403); the public gets 401', async () => {
    for (const who of ['scjgj-officer', 'scjgj-admin']) {
      const refused = await t.http
        .post('/definitions')
        .set(bearer(tk[who]))
        .send({ xml: processXml('dept-try', who) });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/联席会议办公室/);
    }
    expect((await t.http.get('/definitions/dept-try').set(bearer(tk.office))).status).toBe(404);
    const anonymous = await t.http.post('/definitions').send({ xml: processXml('anon', 'x') });
    expect(anonymous.status).toBe(401);
    expect((await t.http.get('/definitions')).status).toBe(401);
  });
});
