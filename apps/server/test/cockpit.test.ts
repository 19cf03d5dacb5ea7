import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from './harness';

let t: TestApp;
const c: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const r of ['admin', 'leader', 'supervisor', 'cadre', 'enterprise']) c[r] = await t.login(r);
});
afterAll(() => t.close());

const METRICS = [
  'industrial_output',
  'industrial_count',
  'register_count',
  'project_investment',
  'big_signings',
  'tickets_on_time',
];

describe('cockpit: every figure leads to its rows', () => {
  it.each(['leader', 'supervisor', 'admin'])(
    'for %s, each KPI equals the sum of its drill-down rows exactly',
    async (role) => {
      const ck = (await call(t, c[role]!, 'GET', '/api/v1/cockpit')).json();
      expect(ck.kpis.map((k: any) => k.metric)).toEqual(METRICS);
      for (const k of ck.kpis) {
        const d = (
          await call(t, c[role]!, 'GET', `/api/v1/cockpit/drill?metric=${k.metric}&period=${ck.period}`)
        ).json();
        expect(d.total, `${role} ${k.metric}`).toBe(k.actual);
        if (k.unit === 'rate') {
          const ones = d.rows.filter((r: any) => r.value === '1').length;
          expect(d.rows.length ? ones / d.rows.length : 0).toBeCloseTo(k.actual, 12);
        } else {
          const fen = d.rows.reduce((a: number, r: any) => a + Math.round(Number(r.value) * 100), 0);
          expect(fen / 100).toBeCloseTo(k.actual, 2);
        }
        for (const r of d.rows) expect(r.link).toMatch(/^\/(enterprises|projects|leads|tickets)\/\d+$/);
      }
    },
  );

  it('shows 完成率 against 时序进度 with the year’s targets, and the doubling path', async () => {
    const ck = (await call(t, c.leader!, 'GET', '/api/v1/cockpit')).json();
    const out = ck.kpis.find((k: any) => k.metric === 'industrial_output');
    expect(out.target).toBe(650000000);
    expect(out.completion).toBeCloseTo(out.actual / 650000000, 10);
    const month = Number(ck.period.slice(5, 7));
    expect(out.timeProgress).toBeCloseTo(month / 12, 10);
    expect(out.yoy).not.toBeNull();
    expect(out.source).toContain('统计口径');
    const big = ck.kpis.find((k: any) => k.metric === 'big_signings');
    expect(big.target).toBe(3);
    expect(ck.outputByMonth.length).toBe(12);
    const d = (await call(t, c.leader!, 'GET', '/api/v1/cockpit/doubling')).json().items[0];
    expect(d.requiredGrowth).toBeCloseTo(2 ** (1 / 5) - 1, 10);
    expect(d.path.at(-1).value).toBeCloseTo(900000000, 0);
  });

  it('a town leader’s cockpit never counts another town', async () => {
    // an in-register industrial enterprise in 店子镇 with output this year
    const ent = (
      await call(t, c.admin!, 'POST', '/api/v1/enterprises', {
        name: '枣庄店子测试机械有限公司',
        regionCode: '370406102000',
        industryCode: '3484',
        statCategory: 'industry_above',
        registerStatus: 'in',
      })
    ).json();
    const month = `${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)}-01`;
    expect(
      (
        await call(t, c.admin!, 'PUT', `/api/v1/enterprises/${ent.id}/indicators`, {
          month,
          revenue: '9000000',
          output: '9000000',
        })
      ).statusCode,
    ).toBe(200);
    const leader = (await call(t, c.leader!, 'GET', '/api/v1/cockpit/drill?metric=industrial_output')).json();
    expect(leader.rows.some((r: any) => r.id === ent.id)).toBe(false);
    const district = (await call(t, c.supervisor!, 'GET', '/api/v1/cockpit/drill?metric=industrial_output')).json();
    expect(district.rows.some((r: any) => r.id === ent.id)).toBe(true);
    expect(district.total).toBeGreaterThan(leader.total);
    // asking for a region outside one's own is not found
    expect((await call(t, c.leader!, 'GET', '/api/v1/cockpit?region=370406102000')).statusCode).toBe(404);
    expect((await call(t, c.enterprise!, 'GET', '/api/v1/cockpit')).statusCode).toBe(403);
  });

  it('answers for short months (a period ends before the first of the next month)', async () => {
    const y = new Date().toISOString().slice(0, 4);
    for (const m of ['02', '04', '12']) {
      expect((await call(t, c.leader!, 'GET', `/api/v1/cockpit?period=${y}-${m}`)).statusCode).toBe(200);
      expect(
        (await call(t, c.leader!, 'GET', `/api/v1/cockpit/drill?metric=tickets_on_time&period=${y}-${m}`)).statusCode,
      ).toBe(200);
      expect(
        (await call(t, c.leader!, 'GET', `/api/v1/cockpit/drill?metric=big_signings&period=${y}-${m}`)).statusCode,
      ).toBe(200);
    }
  });

  it('lists warnings with the rows behind each', async () => {
    const w = (await call(t, c.leader!, 'GET', '/api/v1/warnings')).json().items;
    const rules = w.map((x: any) => x.rule);
    for (const r of [
      'project_red',
      'report_missing',
      'ticket_overdue',
      'candidate_falling',
      'honour_expiring',
      'lead_untouched',
    ])
      expect(rules).toContain(r);
    for (const x of w) expect(x.items.length).toBe(x.count);
    expect(w.find((x: any) => x.rule === 'project_red').count).toBeGreaterThan(0);
    expect(w.find((x: any) => x.rule === 'candidate_falling').items.map((i: any) => i.name)).toContain(
      '枣庄欣源日用品有限公司',
    );
  });

  it('targets are set by leaders within their region and audited', async () => {
    const y = Number(new Date().toISOString().slice(0, 4));
    expect(
      (
        await call(t, c.cadre!, 'PUT', '/api/v1/targets', {
          regionCode: '370406109000',
          year: y,
          metric: 'industrial_count',
          value: '11',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(t, c.leader!, 'PUT', '/api/v1/targets', {
          regionCode: '370406102000',
          year: y,
          metric: 'industrial_count',
          value: '11',
        })
      ).statusCode,
    ).toBe(400);
    const ok = await call(t, c.leader!, 'PUT', '/api/v1/targets', {
      regionCode: '370406109000',
      year: y,
      metric: 'industrial_count',
      value: '11',
    });
    expect(ok.statusCode).toBe(200);
    const ck = (await call(t, c.leader!, 'GET', '/api/v1/cockpit')).json();
    expect(ck.kpis.find((k: any) => k.metric === 'industrial_count').target).toBe(11);
  });
});

describe('对标 and the study tour', () => {
  it('compares the town with the peers the article gives, with sources, gaps and the pipeline', async () => {
    const b = (await call(t, c.leader!, 'GET', '/api/v1/benchmarks')).json();
    expect(b.regions.map((r: any) => r.name)).toEqual(['济阳区', '商河县', '鄄城县', '鲁西新区', '曹县（孙庄村）']);
    const food = b.comparison.find((x: any) => x.indicator === 'food_enterprises');
    expect(food.peers[0]).toMatchObject({ region: '济阳区', value: 160 });
    expect(food.ours).toBeGreaterThan(0);
    expect(food.peers[0].gap).toBe(160 - food.ours);
    expect(food.peers[0].closedByPipeline).toBeGreaterThanOrEqual(0);
    expect(b.regions[0].values[0].source).toContain('对标先进补短板');
    const projects = b.comparison.find((x: any) => x.indicator === 'park_projects');
    expect(projects.peers[0]).toMatchObject({ region: '鲁西新区', value: 52 });
    // a figure can be corrected, audited
    const v = b.regions[0].values[0];
    expect(
      (await call(t, c.cadre!, 'PUT', '/api/v1/benchmarks/values', { ...v, regionId: b.regions[0].id, value: '81' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call(t, c.leader!, 'PUT', '/api/v1/benchmarks/values', {
          id: v.id,
          regionId: b.regions[0].id,
          indicator: v.indicator,
          value: '81',
          source: v.source,
          asOf: v.asOf,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('holds the tour, its observations, lessons and four measures with tracked tasks', async () => {
    const s = (await call(t, c.leader!, 'GET', '/api/v1/study-tours')).json().items[0];
    expect(s).toMatchObject({ startedOn: '2023-07-22', endedOn: '2023-07-23' });
    expect(s.observations.map((o: any) => o.place)).toEqual(['济阳区', '商河县', '鄄城县', '鲁西新区', '曹县']);
    expect(s.measures.map((m: any) => m.title)).toEqual([
      '聚焦现有项目抓技改',
      '聚焦招商引资延链条',
      '聚焦育强企业抓升规',
      '聚焦营商环境优服务',
    ]);
    const task = s.measures[0].tasks[0];
    expect(task.link).toMatch(/^\/projects\/\d+$/);
    const upd = await call(t, c.cadre!, 'PUT', `/api/v1/study-tours/tasks/${task.id}/status`, {
      status: 'done',
      version: task.version,
    });
    expect(upd.statusCode).toBe(403);
    expect(
      (
        await call(t, c.leader!, 'PUT', `/api/v1/study-tours/tasks/${task.id}/status`, {
          status: 'done',
          version: task.version,
        })
      ).statusCode,
    ).toBe(200);
    const added = await call(t, c.leader!, 'POST', '/api/v1/study-tours/tasks', {
      measureId: s.measures[1].id,
      title: '对接车之捷汽车配件项目',
      deadline: '2026-12-31',
      linkType: 'lead',
      linkId: 2,
    });
    expect(added.statusCode).toBe(200);
  });
});

describe('cockpit: breakdown district → town → rows', () => {
  const DISTRICT = '370406000000';
  const TOWN = '370406109000';
  const OTHER = '370406102000'; // 西集镇: the demo has no data there, so these tests file some
  const cst = new Date(Date.now() + 8 * 3600_000).toISOString();
  const year = cst.slice(0, 4);
  const period = cst.slice(0, 7); // figures up to this month, so rows filed in January count
  const fenOf = (v: string) => {
    const [i, f = ''] = v.split('.');
    return BigInt(i!) * 100n + BigInt(`${f}00`.slice(0, 2));
  };
  const get = async (role: string, url: string) => {
    const r = await call(t, c[role]!, 'GET', url);
    expect(r.statusCode, `${role} ${url}: ${r.body}`).toBe(200);
    return r.json();
  };

  beforeAll(async () => {
    const ok = (r: any) => {
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    // an enterprise in 店子镇 and one filed at the district itself, both with output this year
    for (const [name, regionCode, output] of [
      ['枣庄西集分解测试机械有限公司', OTHER, '12345678.91'],
      ['山亭区本级分解测试有限公司', DISTRICT, '2000000.05'],
    ] as const) {
      const e = ok(
        await call(t, c.admin!, 'POST', '/api/v1/enterprises', {
          name,
          regionCode,
          industryCode: '3484',
          statCategory: 'industry_above',
          registerStatus: 'in',
        }),
      );
      ok(
        await call(t, c.admin!, 'PUT', `/api/v1/enterprises/${e.id}/indicators`, {
          month: `${year}-01`,
          revenue: output,
          output,
        }),
      );
    }
    // a project in 西集镇 with investment this year
    const p = ok(
      await call(t, c.admin!, 'POST', '/api/v1/projects', {
        name: '西集镇分解测试项目',
        regionCode: OTHER,
        totalInvestment: '80000000',
        stage: 'signed',
        reportCycle: 'monthly',
      }),
    );
    ok(
      await call(t, c.admin!, 'PUT', `/api/v1/projects/${p.id}/investments`, {
        month: `${year}-01`,
        amount: '3300000.33',
      }),
    );
    // a ≥ 1亿 signing in 西集镇
    const l = ok(
      await call(t, c.admin!, 'POST', '/api/v1/leads', {
        investorName: '西集分解测试投资有限公司',
        projectName: '西集镇分解测试产业园',
        source: 'referral',
        regionCode: OTHER,
        intendedInvestment: '200000000',
      }),
    );
    ok(
      await call(t, c.admin!, 'POST', `/api/v1/leads/${l.id}/sign`, {
        signedOn: `${year}-01-01`,
        amount: '200000000',
        event: '区招商推介会',
        version: l.version,
      }),
    );
  });

  /** The parts of a breakdown add up to it, and each part's own rows add up to the part. */
  async function checkParts(role: string, metric: string, b: any) {
    const label = `${role} ${metric} ${b.region?.code}`;
    expect(b.leaf, label).toBe(false);
    expect(
      b.parts.reduce((a: bigint, x: any) => a + fenOf(x.sum), 0n),
      label,
    ).toBe(fenOf(b.sum));
    expect(
      b.parts.reduce((a: number, x: any) => a + x.rows, 0),
      label,
    ).toBe(b.rows);
    for (const part of b.parts) {
      const url = part.code
        ? `/api/v1/cockpit/drill?metric=${metric}&period=${period}&region=${part.code}`
        : `/api/v1/cockpit/drill?metric=${metric}&period=${period}&region=${b.region.code}&direct=true`;
      const d = await get(role, url);
      expect(d.total, `${label} → ${part.name}`).toBe(part.value);
      expect(d.rows.length, `${label} → ${part.name}`).toBe(part.rows);
      if (b.unit === 'rate') expect(String(d.rows.filter((r: any) => r.value === '1').length)).toBe(part.sum);
      else expect(d.rows.reduce((a: bigint, r: any) => a + fenOf(r.value), 0n)).toBe(fenOf(part.sum));
      if (part.code) {
        // one level down: a town lists its rows, with the same figure
        const down = await get(role, `/api/v1/cockpit/breakdown?metric=${metric}&period=${period}&region=${part.code}`);
        expect(down.leaf).toBe(true);
        expect(down.total).toBe(part.value);
        expect(down.path.map((x: any) => x.code)).toContain(DISTRICT);
      }
    }
  }

  it.each(['admin', 'supervisor'])(
    'for %s, every KPI splits by town exactly, and each town by its rows',
    async (role) => {
      const ck = await get(role, `/api/v1/cockpit?period=${period}&region=${DISTRICT}`);
      const all = await get(role, `/api/v1/cockpit?period=${period}`);
      expect(ck.kpis.map((k: any) => k.metric)).toEqual(METRICS);
      for (const k of ck.kpis) {
        const b = await get(role, `/api/v1/cockpit/breakdown?metric=${k.metric}&period=${period}&region=${DISTRICT}`);
        expect(b.region).toMatchObject({ code: DISTRICT, name: '山亭区', level: 3 });
        expect(b.total, `${role} ${k.metric}`).toBe(k.actual);
        await checkParts(role, k.metric, b);
        // without a region, the breakdown starts at the reader's district (or the one town holding every row):
        // the same figure as the cockpit's
        const start = await get(role, `/api/v1/cockpit/breakdown?metric=${k.metric}&period=${period}`);
        expect(start.total).toBe(all.kpis.find((x: any) => x.metric === k.metric).actual);
        const onlyTown = b.parts.length === 1 && b.parts[0].code !== null ? b.parts[0].code : null;
        expect(start.region.code).toBe(onlyTown ?? DISTRICT);
      }
    },
  );

  it('the breakdown really has two towns, and rows filed at the district itself', async () => {
    for (const metric of ['industrial_output', 'industrial_count', 'project_investment', 'big_signings']) {
      const b = await get('admin', `/api/v1/cockpit/breakdown?metric=${metric}&period=${period}&region=${DISTRICT}`);
      const codes = b.parts.map((x: any) => x.code);
      expect(codes, metric).toEqual(expect.arrayContaining([TOWN, OTHER]));
      expect(b.parts.find((x: any) => x.code === OTHER).name).toBe('西集镇');
    }
    const out = await get(
      'admin',
      `/api/v1/cockpit/breakdown?metric=industrial_output&period=${period}&region=${DISTRICT}`,
    );
    const own = out.parts.find((x: any) => x.code === null);
    expect(own).toMatchObject({ name: '山亭区本级', sum: '2000000.05', rows: 1 });
    const other = await get('admin', `/api/v1/cockpit/drill?metric=industrial_output&period=${period}&region=${OTHER}`);
    expect(other.rows.find((r: any) => r.name === '枣庄西集分解测试机械有限公司').value).toBe('12345678.91');
    // the district's figure is the two towns' plus its own rows
    const town = await get(
      'admin',
      `/api/v1/cockpit/breakdown?metric=industrial_output&period=${period}&region=${TOWN}`,
    );
    const otherTown = await get(
      'admin',
      `/api/v1/cockpit/breakdown?metric=industrial_output&period=${period}&region=${OTHER}`,
    );
    expect(out.parts.length).toBe(3);
    expect(fenOf(out.sum)).toBe(fenOf(town.sum) + fenOf(otherTown.sum) + 200000005n);
    // the path leads back up: 山东省 › 枣庄市 › 山亭区 for a reader of every region
    expect(town.path.map((x: any) => x.name)).toEqual(['山东省', '枣庄市', '山亭区']);
  });

  it('a town leader starts at the town, lists rows, and never sees the district or another town', async () => {
    const ck = await get('leader', `/api/v1/cockpit?period=${period}`);
    for (const k of ck.kpis) {
      const b = await get('leader', `/api/v1/cockpit/breakdown?metric=${k.metric}&period=${period}`);
      expect(b.region).toMatchObject({ code: TOWN, name: '凫城镇', level: 4 });
      expect(b.leaf).toBe(true);
      expect(b.parts).toEqual([]);
      expect(b.total, k.metric).toBe(k.actual);
      expect(b.path).toEqual([]); // nothing above the town is the leader's to open
      const d = await get('leader', `/api/v1/cockpit/drill?metric=${k.metric}&period=${period}&region=${TOWN}`);
      expect(d.total).toBe(k.actual);
      for (const r of d.rows) expect(r.regionCode.startsWith('370406109')).toBe(true);
    }
    for (const region of [DISTRICT, OTHER, '370481000000']) {
      for (const url of [
        `/api/v1/cockpit/breakdown?metric=industrial_output&region=${region}`,
        `/api/v1/cockpit/drill?metric=industrial_output&region=${region}`,
        `/api/v1/cockpit?region=${region}`,
      ])
        expect((await call(t, c.leader!, 'GET', url)).statusCode, url).toBe(404);
    }
    // a region that does not exist is not found either, for every reader
    expect(
      (await call(t, c.admin!, 'GET', '/api/v1/cockpit/breakdown?metric=industrial_output&region=370406999000'))
        .statusCode,
    ).toBe(404);
    expect((await call(t, c.enterprise!, 'GET', '/api/v1/cockpit/breakdown?metric=industrial_output')).statusCode).toBe(
      403,
    );
  });
});
