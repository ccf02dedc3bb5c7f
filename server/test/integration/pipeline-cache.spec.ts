import { PipelineRepository } from '../../src/modules/pipeline/pipeline.repository.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

describe('the cached pipeline configuration', () => {
  let t: TestApp;
  let pipelines: PipelineRepository;
  beforeAll(async () => {
    t = await startTestApp({ stuckScanSeconds: 0 });
    pipelines = t.started.app.get(PipelineRepository);
  });
  afterAll(() => t.close());

  it('is read once and shared, frozen, until the pipeline changes', async () => {
    const first = await pipelines.load();
    expect(await pipelines.load()).toBe(first);
    expect(Object.isFrozen(first.lanes[0].checklist)).toBe(true);
    expect(() => (first.lanes as unknown as unknown[]).push(null)).toThrow(TypeError);
  });

  it('is dropped by any committed change to the pipeline tables, even one made outside Relay', async () => {
    const before = await pipelines.load();
    const hr = before.laneByKey.get('hr')!;
    await t.db.query(`UPDATE lanes SET name = 'Human Resources' WHERE id = $1`, [hr.id]);
    let now = before;
    const deadline = Date.now() + 3000;
    while (now.laneByKey.get('hr')!.name !== 'Human Resources' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      now = await pipelines.load();
    }
    expect(now.laneByKey.get('hr')!.name).toBe('Human Resources');
    // A change to the board's seq (every event) is not a pipeline change: the cache stays.
    const cached = await pipelines.load();
    await t.db.query('UPDATE pipelines SET last_seq = last_seq');
    await new Promise((r) => setTimeout(r, 100));
    expect(await pipelines.load()).toBe(cached);
  });

  it('shows this instance its own admin change at once', async () => {
    const lane = (await pipelines.load()).laneByKey.get('accounting')!;
    const res = await t.api('admin').patch(`/api/lanes/${lane.id}`, { name: 'Billing' });
    expect(res.status).toBe(200);
    expect((await pipelines.load()).laneByKey.get('accounting')!.name).toBe('Billing');
    expect((await t.board('manager')).lanes.find((l) => l.key === 'accounting')!.name).toBe('Billing');
  });
});
