import { type Brief, type BriefChart, PROJECT_STAGE_LABELS, PROJECT_STAGES } from '@beizeng/contract';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { today } from '../../core/dates';
import { neutralise } from '../../core/excel';
import type { AuthedCtx } from '../../core/http';
import { kpis, outputByMonth, type Period, warnings } from '../cockpit/cockpit.service';
import { radarSummary } from '../cultivation/cultivation.service';
import { leadForecast } from '../leads/leads.forecast';
import { listProjects } from '../projects/projects.service';
import { listTickets } from '../tickets/tickets.service';
import { ticketStats } from '../tickets/tickets.stats';
import { leadSentence, outputSentence, projectSentence, registerSentence, ticketSentence } from './sentences';

export type { Brief };

const wan = (v: string | number | null) => (v == null ? null : Math.round(Number(v) / 100) / 100);
const count = (list: { stage: string; light: string }[], stage: string, light: string) =>
  list.filter((x) => x.stage === stage && x.light === light).length;

/** The weekly 调度 brief or the monthly 经济运行 brief, from figures the reader may see. */
export async function brief(ctx: AuthedCtx, kind: 'weekly' | 'monthly', p: Period): Promise<Brief> {
  const perms = ctx.actor.permissions;
  const place = ctx.actor.scope.kind === 'all' ? '全区' : '全镇';
  const k = await kpis(ctx, p);
  const get = (m: string) => k.find((x) => x.metric === m)!;
  const paragraphs: Brief['paragraphs'] = [];
  const tables: Brief['tables'] = [];
  const charts: BriefChart[] = [];
  const out = get('industrial_output');
  if (kind === 'monthly') {
    const byMonth = (await outputByMonth(ctx, p)).slice(0, p.month);
    charts.push({
      title: '规上工业产值（万元）',
      kind: 'bar',
      unit: '万元',
      categories: byMonth.map((m) => `${Number(m.month)}月`),
      series: [
        { name: `${p.year}年`, kind: 'bar', data: byMonth.map((m) => wan(m.thisYear)) },
        { name: `${p.year - 1}年`, kind: 'line', data: byMonth.map((m) => wan(m.lastYear)) },
      ],
    });
    paragraphs.push({
      heading: '一、工业经济运行',
      text: outputSentence({ month: p.month, place, output: out.actual, yoy: out.yoy, target: out.target }),
    });
    if (perms.has('cultivation:list')) {
      const year = String(p.year);
      const r = await radarSummary(ctx, year);
      paragraphs.push({
        heading: '二、升规纳统',
        text: registerSentence({
          inRegister: get('register_count').actual,
          candidates: r.candidates,
          near: r.near,
          crossingThisYear: r.crossingThisYear,
        }),
      });
    }
  }
  if (perms.has('project:list')) {
    const all = (await listProjects(ctx, { page: 1, pageSize: 200 } as any)).items;
    const building = all.filter((x) => ['started', 'building'].includes(x.stage) && !x.suspended);
    const plan = all.reduce((a, x) => a + Number(x.yearPlan ?? 0), 0);
    paragraphs.push({
      heading: kind === 'monthly' ? '三、重点项目' : '一、重点项目调度',
      text: projectSentence({
        month: p.month,
        building: building.length,
        total: building.reduce((a, x) => a + Number(x.totalInvestment), 0),
        completed: get('project_investment').actual,
        plan: plan || null,
        red: all.filter((x) => x.light === 'red').length,
        amber: all.filter((x) => x.light === 'amber').length,
      }),
    });
    tables.push({
      title: '重点项目推进情况',
      headers: ['项目名称', '阶段', '亮灯', '总投资（万元）', '年度计划（万元）', '年度完成（万元）', '问题与原因'],
      rows: all.map((x) => [
        neutralise(x.name) as string,
        x.suspended ? '停缓建' : (PROJECT_STAGE_LABELS[x.stage as keyof typeof PROJECT_STAGE_LABELS]?.zh ?? x.stage),
        ({ green: '绿', amber: '黄', red: '红' } as const)[x.light],
        wan(x.totalInvestment),
        wan(x.yearPlan),
        wan(x.yearCompleted),
        neutralise(x.lightReasons.map((r) => r.zh).join('；')) as string,
      ]),
    });
    const active = all.filter((x) => !x.suspended);
    charts.push({
      title: '重点项目分阶段个数',
      kind: 'bar',
      unit: '个',
      categories: PROJECT_STAGES.map((s) => PROJECT_STAGE_LABELS[s].zh),
      series: [
        ...(
          [
            ['绿灯', 'green', '#52c41a'],
            ['黄灯', 'amber', '#faad14'],
            ['红灯', 'red', '#f5222d'],
          ] as const
        ).map(([name, light, color]) => ({
          name,
          kind: 'bar' as const,
          stack: 'light',
          color,
          data: PROJECT_STAGES.map((s) => count(active, s, light)),
        })),
      ],
    });
  }
  if (perms.has('lead:list')) {
    const f = await leadForecast(ctx, p.year);
    paragraphs.push({
      heading: kind === 'monthly' ? '四、招商引资' : '二、招商引资',
      text: leadSentence({
        signed: f.already,
        target: f.target || null,
        open: f.leads.length,
        expected: f.expected,
        pReach: f.target ? f.pReach : null,
      }),
    });
  }
  if (perms.has('ticket:list')) {
    const s = await ticketStats(ctx, { from: `${p.year}-01-01`, by: 'department' } as any);
    const overdue = (await listTickets(ctx, { page: 1, pageSize: 1, card: 'red' } as any)).total;
    paragraphs.push({
      heading: kind === 'monthly' ? '五、助企服务' : '三、助企服务',
      text: ticketSentence({
        total: s.totals.total,
        closed: s.totals.closed,
        onTimeRate: s.totals.onTimeRate,
        satisfactionRate: s.totals.satisfactionRate,
        overdue,
      }),
    });
  }
  if (perms.has('cockpit:view')) {
    const w = await warnings(ctx);
    tables.push({
      title: '预警事项',
      headers: ['预警', '数量', '涉及'],
      rows: w.items
        .filter((x) => x.count)
        .map((x) => [
          x.zh,
          x.count,
          neutralise(
            x.items
              .slice(0, 5)
              .map((i) => i.name)
              .join('、'),
          ) as string,
        ]),
    });
  }
  const label = `${p.year}年${p.month}月`;
  const d = today();
  return {
    kind,
    title: kind === 'weekly' ? `重点工作调度周报（${label}）` : `经济运行月报（${label}）`,
    period: `${p.year}-${String(p.month).padStart(2, '0')}`,
    dateLine: `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`,
    place,
    paragraphs,
    tables,
    charts,
  };
}

export async function briefDocx(b: Brief): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: b.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
    new Paragraph({ text: b.dateLine, alignment: AlignmentType.CENTER }),
  ];
  for (const p of b.paragraphs) {
    children.push(new Paragraph({ text: p.heading, heading: HeadingLevel.HEADING_2 }));
    children.push(new Paragraph({ children: [new TextRun(p.text)] }));
  }
  for (const t of b.tables) {
    children.push(new Paragraph({ text: t.title, heading: HeadingLevel.HEADING_2 }));
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [t.headers, ...t.rows].map(
          (r, i) =>
            new TableRow({
              children: r.map(
                (cell) =>
                  new TableCell({
                    children: [
                      new Paragraph({
                        children: [new TextRun({ text: cell == null ? '' : String(cell), bold: i === 0 })],
                      }),
                    ],
                  }),
              ),
            }),
        ),
      }),
    );
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export async function briefXlsx(b: Brief): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('简报');
  ws.columns = [{ width: 18 }, { width: 100 }];
  ws.addRow([b.title]).font = { bold: true, size: 14 };
  ws.addRow([b.dateLine]);
  for (const p of b.paragraphs)
    ws.addRow([p.heading, neutralise(p.text)]).alignment = { wrapText: true, vertical: 'top' };
  for (const t of b.tables) {
    const s = wb.addWorksheet(t.title.slice(0, 30));
    s.addRow(t.headers).font = { bold: true };
    for (const r of t.rows) s.addRow(r);
    s.columns.forEach((c) => {
      c.width = 16;
    });
  }
  // the charts' figures, one sheet each, so they can be charted again in Excel
  for (const c of b.charts) {
    const s = wb.addWorksheet(`图-${c.title}`.replace(/[*?:\\/[\]]/g, '').slice(0, 30));
    s.addRow([c.unit, ...c.series.map((x) => x.name)]).font = { bold: true };
    c.categories.forEach((cat, i) => {
      s.addRow([cat, ...c.series.map((x) => x.data[i] ?? null)]);
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
