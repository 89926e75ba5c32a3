import { startTestApp } from '../../support/test-app';

describe('GET /health', () => {
  it('reports database, Temporal and the worker up on a full process', async () => {
    const t = await startTestApp({ role: 'all' });
    try {
      const res = await t.http.get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'ok',
        database: { status: 'up' },
        temporal: { status: 'up' },
        worker: { status: 'up' },
      });
    } finally {
      await t.close();
    }
  });

  it('says an API-only process has no worker of its own', async () => {
    const t = await startTestApp({ role: 'api' });
    try {
      const res = await t.http.get('/health');
      expect(res.status).toBe(200);
      expect(res.body.worker).toEqual({ status: 'not-in-this-process' });
    } finally {
      await t.close();
    }
  });

  it('answers 503 naming Temporal when the server is unreachable', async () => {
    const t = await startTestApp({ role: 'api', env: { TEMPORAL_ADDRESS: '127.0.0.1:1' } });
    try {
      const res = await t.http.get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        status: 'error',
        database: { status: 'up' },
        temporal: { status: 'down' },
      });
    } finally {
      await t.close();
    }
  });

  it('shows a stopped worker as down', async () => {
    const t = await startTestApp({ role: 'all' });
    try {
      const { WorkerService } = await import('../../../src/modules/temporal/worker.service');
      const worker = t.app.get(WorkerService);
      await worker.onApplicationShutdown();
      const res = await t.http.get('/health');
      expect(res.status).toBe(503);
      expect(res.body.worker.status).toBe('down');
    } finally {
      await t.close();
    }
  });

  it('serves the OpenAPI document', async () => {
    const t = await startTestApp({ role: 'api' });
    try {
      const res = await t.http.get('/api/docs/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.paths['/auth/login']).toBeDefined();
    } finally {
      await t.close();
    }
  });
});
