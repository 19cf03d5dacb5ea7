import http from 'node:http';
import { ROLE_CODES } from '@beizeng/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, q, type TestApp } from './harness';

let t: TestApp;
const c: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const r of ROLE_CODES) c[r] = await t.login(r);
});
afterAll(() => t.close());

const idOf = async (name: string) =>
  (await q<{ id: number }>(t, `select id from enterprise where name = '${name}'`))[0]!.id;
const deptId = async (name: string) =>
  (await q<{ id: number }>(t, `select id from department where name = '${name}'`))[0]!.id;
const get = async (cookie: string, id: number) => (await call(t, cookie, 'GET', `/api/v1/tickets/${id}`)).json();
const step = async (cookie: string, id: number, body: Record<string, unknown>) => {
  const cur = await get(c.admin!, id);
  return call(t, cookie, 'POST', `/api/v1/tickets/${id}/transitions`, { version: cur.version, ...body });
};

describe('the whole journey: enterprise → town → district department → enterprise', () => {
  let id: number;
  it('an enterprise user submits a ticket for its own enterprise only', async () => {
    const own = await idOf('山东勇辰食品有限公司');
    const other = await idOf('枣庄华沃水泥有限公司');
    const bad = await call(t, c.enterprise!, 'POST', '/api/v1/tickets', {
      enterpriseId: other,
      category: 'water',
      title: '用水问题',
      description: '别家企业',
      source: 'self_report',
    });
    expect(bad.statusCode).toBe(404);
    const res = await call(t, c.enterprise!, 'POST', '/api/v1/tickets', {
      enterpriseId: own,
      category: 'water',
      title: '新厂区供水管网接入',
      description: '新厂区需接入市政供水管网，压力不足。',
      source: 'visit', // an enterprise's own submission is always recorded as 企业自报
    });
    expect(res.statusCode).toBe(200);
    const tk = res.json();
    expect(tk).toMatchObject({ state: 'registered', source: 'self_report', enterpriseName: '山东勇辰食品有限公司' });
    id = tk.id;
    // the town's dispatchers are told
    const [cadre] = await q<{ id: number }>(t, "select id from app_user where username = 'cadre'");
    const n = await q(t, `select title from notification where user_id = ${cadre!.id} and link = '/tickets/${id}'`);
    expect(n.length).toBe(1);
  });

  it('the town assigns it; the department signs, handles and answers; illegal steps are 409 and change nothing', async () => {
    const before = await get(c.admin!, id);
    const wrong = await step(c.department!, id, { action: 'accept' });
    expect(wrong.statusCode).toBe(404); // not yet assigned to the department: out of its scope
    const early = await step(c.cadre!, id, { action: 'answer', answer: 'x' });
    expect([403, 409]).toContain(early.statusCode);
    expect((await get(c.admin!, id)).version).toBe(before.version);
    const nr = await deptId('区自然资源局');
    const assigned = await step(c.cadre!, id, {
      action: 'assign',
      departmentId: nr,
      assistDepartmentIds: [await deptId('区住房和城乡建设局')],
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().state).toBe('assigned');
    expect(assigned.json().departments.map((d: any) => d.role)).toEqual(['lead', 'assist']);
    expect(assigned.json().clocks.find((k: any) => k.key === 'sign')).toMatchObject({
      card: expect.stringMatching(/green|yellow/),
    });
    const twice = await step(c.cadre!, id, { action: 'assign', departmentId: nr });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('INVALID_TRANSITION');
    // the department now sees it and takes the steps of the handler
    const list = (await call(t, c.department!, 'GET', '/api/v1/tickets?pageSize=200')).json();
    expect(list.items.map((x: any) => x.id)).toContain(id);
    expect((await step(c.department!, id, { action: 'accept' })).statusCode).toBe(200);
    expect((await step(c.department!, id, { action: 'start' })).statusCode).toBe(200);
    const pause = await step(c.department!, id, { action: 'pause', note: '等待企业提供管网图' });
    expect(pause.json().paused).toBe(true);
    expect((await step(c.department!, id, { action: 'answer', answer: 'x' })).statusCode).toBe(409);
    expect((await step(c.department!, id, { action: 'resume' })).statusCode).toBe(200);
    const noReason = await step(c.department!, id, { action: 'request_extension', extensionDays: 5 });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await step(c.department!, id, { action: 'request_extension', extensionDays: 5, note: '需协调水务公司' }))
        .statusCode,
    ).toBe(200);
    const approved = await step(c.cadre!, id, { action: 'approve_extension' });
    expect(approved.json().extensionDays).toBe(5);
    expect(
      (await step(c.department!, id, { action: 'note', note: '内部：已联系水务公司', internal: true })).statusCode,
    ).toBe(200);
    const answered = await step(c.department!, id, { action: 'answer', answer: '已协调水务公司，下周接入。' });
    expect(answered.json().state).toBe('answered');
    expect((await step(c.department!, id, { action: 'submit_review' })).statusCode).toBe(200);
    expect((await step(c.department!, id, { action: 'approve_close' })).statusCode).toBe(403);
    const closed = await step(c.cadre!, id, { action: 'approve_close' });
    expect(closed.json().state).toBe('rating');
    expect(closed.json().clocks.find((k: any) => k.key === 'resolve').card).toBe('met');
  });

  it('only the enterprise rates; it never sees internal notes; 不满意 → 重办', async () => {
    expect((await step(c.department!, id, { action: 'rate', rating: 'satisfied' })).statusCode).toBe(403);
    expect((await step(c.leader!, id, { action: 'rate', rating: 'satisfied' })).statusCode).toBe(403);
    const view = await get(c.enterprise!, id);
    expect(view.events.some((e: any) => e.internal)).toBe(false);
    expect(view.events.some((e: any) => e.note?.includes('内部'))).toBe(false);
    expect(view.actions).toEqual(['rate']);
    const adminView = await get(c.admin!, id);
    expect(adminView.events.some((e: any) => e.internal)).toBe(true);
    const unhappy = await step(c.enterprise!, id, { action: 'rate', rating: 'unsatisfied', solved: false });
    expect(unhappy.statusCode).toBe(200);
    expect(unhappy.json()).toMatchObject({ state: 'in_progress', reopenCount: 1, rating: 'unsatisfied' });
    await step(c.department!, id, { action: 'answer', answer: '已接入，压力达标。' });
    await step(c.department!, id, { action: 'submit_review' });
    await step(c.cadre!, id, { action: 'approve_close' });
    const happy = await step(c.enterprise!, id, { action: 'rate', rating: 'satisfied', solved: true });
    expect(happy.json()).toMatchObject({ state: 'archived', rating: 'satisfied', solvedConfirmed: true });
    const history = (await get(c.admin!, id)).events.map((e: any) => e.action);
    expect(history.slice(0, 3)).toEqual(['register', 'assign', 'accept']);
    expect(history.filter((a: string) => a === 'rate').length).toBe(2);
  });
});

describe('escalation, 督办 and scope', () => {
  it('提级 moves a town ticket to a district department; above the district it is recorded as handed on', async () => {
    const own = await idOf('山东凫城新能源科技有限公司');
    const tk = (
      await call(t, c.cadre!, 'POST', '/api/v1/tickets', {
        enterpriseId: own,
        category: 'power',
        title: '光伏并网',
        description: '分布式光伏并网申请',
        source: 'visit',
        complex: true,
      })
    ).json();
    await step(c.cadre!, tk.id, { action: 'assign', departmentId: await deptId('经济发展办公室') });
    const toTown = await step(c.cadre!, tk.id, { action: 'escalate', departmentId: await deptId('经济发展办公室') });
    expect(toTown.statusCode).toBe(400); // must go to a district department
    const up = await step(c.cadre!, tk.id, {
      action: 'escalate',
      departmentId: await deptId('国网山亭供电中心'),
      note: '并网需供电部门',
    });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ level: 'district', state: 'assigned' });
    // the town cadre is no longer the dispatcher of a district ticket
    expect((await step(c.cadre!, tk.id, { action: 'escalate', handedOnTo: '市发改委' })).statusCode).toBe(403);
    const above = await step(c.admin!, tk.id, { action: 'escalate', handedOnTo: '枣庄市发展和改革委员会' });
    expect(above.json()).toMatchObject({ level: 'above', handedOnTo: '枣庄市发展和改革委员会' });
    expect((await step(c.admin!, tk.id, { action: 'escalate', handedOnTo: '省' })).statusCode).toBe(409);
  });

  it('a leader issues 督办 with its own deadline; a cadre may not', async () => {
    const [{ id }] = await q<{ id: number }>(t, "select id from ticket where title = '新上生产线环评批复'");
    const soon = new Date(Date.now() + 8 * 3600_000 + 20 * 86_400_000).toISOString().slice(0, 10);
    expect((await step(c.cadre!, id, { action: 'supervise', deadline: soon, note: '加快' })).statusCode).toBe(403);
    expect((await step(c.leader!, id, { action: 'supervise', deadline: '2099-01-01', note: '加快' })).statusCode).toBe(
      400,
    );
    const past = await step(c.leader!, id, { action: 'supervise', deadline: '2020-01-01', note: '加快' });
    expect(past.statusCode).toBe(400);
    const ok = await step(c.leader!, id, { action: 'supervise', deadline: soon, note: '请尽快办结' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().supervised).toBe(true);
    expect(ok.json().clocks.some((k: any) => k.key === 'supervise' && k.deadline === soon)).toBe(true);
    const sup = (await call(t, c.supervisor!, 'GET', '/api/v1/tickets?supervised=true&pageSize=50')).json();
    expect(sup.items.map((x: any) => x.id)).toContain(id);
  });

  it('scope: enterprise users see their own, departments theirs, towns theirs; others are 404', async () => {
    const ent = (await call(t, c.enterprise!, 'GET', '/api/v1/tickets?pageSize=200')).json();
    expect(ent.items.every((x: any) => x.enterpriseName === '山东勇辰食品有限公司')).toBe(true);
    const dept = (await call(t, c.department!, 'GET', '/api/v1/tickets?pageSize=200')).json();
    const [{ id: nr }] = await q<{ id: number }>(t, "select id from department where name = '区自然资源局'");
    for (const x of dept.items) {
      const d = (await get(c.department!, x.id)).departments.map((y: any) => y.departmentId);
      expect(d).toContain(nr);
    }
    const [{ id: notMine }] = await q<{ id: number }>(t, "select id from ticket where title = '门店招牌设置审批'");
    expect((await call(t, c.department!, 'GET', `/api/v1/tickets/${notMine}`)).statusCode).toBe(404);
    expect((await call(t, c.enterprise!, 'GET', `/api/v1/tickets/${notMine}`)).statusCode).toBe(404);
    expect(
      (
        await call(t, c.enterprise!, 'POST', `/api/v1/tickets/${notMine}/transitions`, {
          action: 'note',
          note: 'x',
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    const o311 = (await call(t, c.enterprise!, 'GET', '/api/open311/v2/requests.json')).json();
    expect(o311.length).toBe(ent.total);
    expect(o311[0]).toMatchObject({
      status: expect.stringMatching(/open|closed/),
      service_code: expect.any(String),
      requested_datetime: expect.any(String),
    });
  });

  it('the demo has tickets in every state, with red cards and the three solved problems of the article', async () => {
    const all = (await call(t, c.admin!, 'GET', '/api/v1/tickets?pageSize=200')).json();
    const states = new Set(all.items.map((x: any) => x.state));
    for (const s of ['registered', 'assigned', 'in_progress', 'answered', 'rating', 'archived'])
      expect(states).toContain(s);
    const red = (await call(t, c.admin!, 'GET', '/api/v1/tickets?card=red&pageSize=200')).json();
    expect(red.total).toBeGreaterThan(0);
    const solved = all.items.filter((x: any) =>
      ['厂区高压线整改', '厂区东扩土地', '厂房历史遗留问题'].includes(x.title),
    );
    expect(solved.map((x: any) => x.state)).toEqual(['archived', 'archived', 'archived']);
    const d = await get(c.admin!, solved[0].id);
    expect(d.events.length).toBeGreaterThanOrEqual(8);
  });
});

describe('stats, files, visits, pairing and notifications', () => {
  it('computes 按期办结率, 实际解决率 and 满意率 by department', async () => {
    const s = (await call(t, c.leader!, 'GET', '/api/v1/tickets/stats?from=2020-01-01&by=department')).json();
    expect(s.totals.total).toBeGreaterThan(10);
    expect(s.totals.satisfactionRate).toBeGreaterThan(0);
    expect(s.totals.satisfactionRate).toBeLessThanOrEqual(1);
    const sum = s.groups.reduce((a: number, g: any) => a + g.total, 0);
    expect(sum).toBe(s.totals.total);
    const byCat = (await call(t, c.leader!, 'GET', '/api/v1/tickets/stats?from=2020-01-01&by=category')).json();
    expect(byCat.groups.some((g: any) => g.name === '用地')).toBe(true);
  });

  it('accepts real files only, within size; enterprises never see internal ones', async () => {
    const [{ id }] = await q<{ id: number }>(t, "select id from ticket where title = '冷库用电增容'");
    const send = (cookie: string, name: string, data: Buffer, internal = false) => {
      const b = 'xB0undary';
      const payload = Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${id}/files?internal=${internal}`,
        payload,
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${b}` },
      });
    };
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await send(c.enterprise!, '现场照片.png', png)).statusCode).toBe(200);
    expect((await send(c.enterprise!, 'fake.png', Buffer.from('<script>alert(1)</script>'))).statusCode).toBe(400);
    expect((await send(c.enterprise!, 'run.exe', Buffer.from('MZ...'))).statusCode).toBe(400);
    expect(
      (await send(c.admin!, 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024)])))
        .statusCode,
    ).toBe(413);
    const internal = await send(c.admin!, '内部.pdf', Buffer.from('%PDF-1.4\n%%EOF'), true);
    expect(internal.statusCode).toBe(200);
    const entView = await get(c.enterprise!, id);
    expect(entView.files.map((f: any) => f.name)).toEqual(['现场照片.png']);
    expect((await call(t, c.enterprise!, 'GET', `/api/v1/tickets/${id}/files/${internal.json().id}`)).statusCode).toBe(
      404,
    );
    const dl = await call(t, c.admin!, 'GET', `/api/v1/tickets/${id}/files/${internal.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
  });

  it('visits: needs become tickets; a second visit within the budget must be acknowledged', async () => {
    const own = await idOf('枣庄鑫磊石材有限公司');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const v = await call(t, c.cadre!, 'POST', '/api/v1/visits', {
      enterpriseId: own,
      visitedOn: today,
      mode: 'on_site',
      content: '了解矿山开采许可续期进展',
      needs: [{ text: '采矿许可证续期材料复杂，需指导', category: 'approval', createTicket: true }],
    });
    expect(v.statusCode).toBe(200);
    expect(v.json().needs[0].ticketId).toBeGreaterThan(0);
    const again = await call(t, c.cadre!, 'POST', '/api/v1/visits', {
      enterpriseId: own,
      visitedOn: today,
      mode: 'phone',
      content: '电话回访',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().details.recentVisit.visitedOn).toBe(today);
    const ack = await call(t, c.cadre!, 'POST', '/api/v1/visits', {
      enterpriseId: own,
      visitedOn: today,
      mode: 'phone',
      content: '电话回访',
      acknowledgeRecent: true,
    });
    expect(ack.statusCode).toBe(200);
    const cal = (await call(t, c.leader!, 'GET', `/api/v1/visits?enterpriseId=${own}`)).json();
    expect(cal.total).toBe(2);
    expect(
      (
        await call(t, c.cadre!, 'POST', '/api/v1/visits', {
          enterpriseId: own,
          visitedOn: '2999-01-01',
          mode: 'phone',
          content: '未来',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('handover keeps the history and tells both cadres; a webhook receives the notice after commit', async () => {
    const received: any[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as any).port;
    try {
      expect(
        (await call(t, c.admin!, 'PUT', '/api/v1/settings', { webhookUrl: `http://127.0.0.1:${port}/hook` }))
          .statusCode,
      ).toBe(200);
      const ent = await idOf('山东勇辰食品有限公司');
      const [{ id: cadre3 }] = await q<{ id: number }>(t, "select id from app_user where username = 'cadre3'");
      const [{ id: cadre1 }] = await q<{ id: number }>(t, "select id from app_user where username = 'cadre'");
      expect(
        (await call(t, c.cadre!, 'POST', '/api/v1/assignments', { enterpriseId: ent, cadreId: cadre3 })).statusCode,
      ).toBe(403);
      const h = await call(t, c.leader!, 'POST', '/api/v1/assignments', {
        enterpriseId: ent,
        cadreId: cadre3,
        note: '工作调整',
      });
      expect(h.statusCode).toBe(200);
      const hist = (await call(t, c.leader!, 'GET', `/api/v1/assignments?enterpriseId=${ent}`)).json();
      expect(hist.items.map((x: any) => [x.cadreId, x.endedOn === null])).toEqual(
        expect.arrayContaining([
          [cadre3, true],
          [cadre1, false],
        ]),
      );
      const c3 = await t.login('cadre3');
      const notes = (await call(t, c3, 'GET', '/api/v1/notifications')).json();
      expect(notes.items[0].title).toContain('山东勇辰食品有限公司');
      expect(notes.unread).toBeGreaterThan(0);
      const old = (await call(t, c.cadre!, 'GET', '/api/v1/notifications')).json();
      expect(old.items.some((n: any) => n.kind === 'assignment.handover')).toBe(true);
      expect((await call(t, c3, 'POST', `/api/v1/notifications/${notes.items[0].id}/read`)).statusCode).toBe(200);
      expect((await call(t, c.cadre!, 'POST', `/api/v1/notifications/${notes.items[0].id}/read`)).statusCode).toBe(404);
      for (let i = 0; i < 50 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(received.length).toBeGreaterThanOrEqual(2);
      expect(received[0]).toMatchObject({
        msgtype: 'markdown',
        markdown: { title: expect.any(String), text: expect.any(String) },
      });
    } finally {
      server.close();
    }
  });
});

describe('daily notices', () => {
  it('writes yellow and red card notices and a digest once a day, whatever how often it runs', async () => {
    const { dailyTicketNotices } = await import('../src/modules/tickets/tickets.jobs');
    const first = await dailyTicketNotices(t.database.db);
    expect(first).toBeGreaterThan(0);
    expect(await dailyTicketNotices(t.database.db)).toBe(0);
    const [{ id }] = await q<{ id: number }>(t, "select id from app_user where username = 'cadre'");
    const kinds = await q<{ kind: string }>(
      t,
      `select kind from notification where user_id = ${id} and kind in ('ticket.overdue', 'ticket.dueSoon', 'digest')`,
    );
    expect(kinds.some((k) => k.kind === 'ticket.overdue')).toBe(true);
    expect(kinds.filter((k) => k.kind === 'digest').length).toBe(1);
  });
});
