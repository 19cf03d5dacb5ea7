import {
  applyTemplate,
  idParam,
  importQuery,
  importReport,
  investmentUpsert,
  missingQuery,
  nodeTemplate,
  nodeUpdate,
  okResponse,
  PROJECT_STAGE_LABELS,
  page,
  planUpsert,
  projectCreate,
  projectDetail,
  projectListQuery,
  projectNode,
  projectReport,
  projectSummary,
  projectUpdate,
  reportCreate,
  stageChange,
} from '@beizeng/contract';
import { z } from 'zod';
import { sendXlsx } from '../../core/excel';
import { route } from '../../core/http';
import { uploadedXlsx } from '../enterprises/enterprises.routes';
import { importProjects, sendProjectTemplate, sendScheduleReport } from './projects.excel';
import * as svc from './projects.service';

const wan = (v: string | null) => (v == null ? null : Math.round(Number(v) / 100) / 100);
const nodeParams = z.object({ id: idParam.shape.id, nodeId: idParam.shape.id });

export const projectsRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'Projects in scope with their light (filters: stage, light, chain, nature, leader, town, ≥ 1亿)',
    permission: 'project:list',
    query: projectListQuery,
    response: page(projectSummary),
    handler: (ctx, { query }) => svc.listProjects(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/kanban',
    summary: 'Count and total investment per stage',
    permission: 'project:list',
    response: z.object({
      columns: z.array(z.object({ stage: z.string(), count: z.number().int(), totalInvestment: z.string() })),
      suspended: z.number().int(),
    }),
    handler: (ctx) => svc.kanban(ctx),
  }),
  route({
    method: 'GET',
    url: '/templates',
    summary: 'Approval node templates',
    permission: 'project:list',
    response: z.object({ items: z.array(nodeTemplate) }),
    handler: (ctx) => svc.listTemplates(ctx),
  }),
  route({
    method: 'GET',
    url: '/reports/missing',
    summary: '调度 reports missing for the period, per project',
    permission: 'project:list',
    query: missingQuery,
    response: z.object({
      items: z.array(
        z.object({
          projectId: z.number().int(),
          name: z.string(),
          period: z.string(),
          responsibleUserId: z.number().int().nullable(),
        }),
      ),
    }),
    handler: (ctx, { query }) => svc.missingReports(ctx, query.period),
  }),
  route({
    method: 'GET',
    url: '/export',
    summary: 'Export the filtered project list (xlsx)',
    permission: 'project:list',
    query: projectListQuery,
    raw: true,
    handler: async (ctx, { query }) => {
      const all = await svc.listProjects(ctx, { ...query, page: 1, pageSize: 200 });
      const rows = [...all.items];
      for (let p = 2; (p - 1) * 200 < all.total; p++)
        rows.push(...(await svc.listProjects(ctx, { ...query, page: p, pageSize: 200 })).items);
      return sendXlsx(
        ctx.reply,
        '项目清单.xlsx',
        '项目',
        [
          { header: '项目名称', key: 'name', width: 40, value: (p) => p.name },
          { header: '项目代码', key: 'code', width: 26, value: (p) => p.code },
          { header: '项目单位', key: 'ent', width: 30, value: (p) => p.enterpriseName },
          { header: '所在地', key: 'region', value: (p) => p.regionName },
          { header: '总投资（万元）', key: 'total', value: (p) => wan(p.totalInvestment) },
          { header: '阶段', key: 'stage', value: (p) => (p.suspended ? '停缓建' : PROJECT_STAGE_LABELS[p.stage].zh) },
          { header: '亮灯', key: 'light', value: (p) => ({ green: '绿', amber: '黄', red: '红' })[p.light] },
          { header: '年度计划（万元）', key: 'plan', value: (p) => wan(p.yearPlan) },
          { header: '年度完成（万元）', key: 'year', value: (p) => wan(p.yearCompleted) },
          { header: '包保领导', key: 'leader', value: (p) => p.leaderName },
          { header: '是否入统', key: 'stats', value: (p) => (p.inStats ? '是' : '否') },
        ],
        rows,
      );
    },
  }),
  route({
    method: 'GET',
    url: '/schedule-report.xlsx',
    summary: 'The 调度 table of the period in the usual layout (xlsx)',
    permission: 'project:list',
    query: z.object({
      period: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
        .optional(),
    }),
    raw: true,
    handler: (ctx, { query }) => sendScheduleReport(ctx, query.period),
  }),
  route({
    method: 'GET',
    url: '/import-template',
    summary: 'The project list import template (xlsx with dropdowns)',
    permission: 'project:edit',
    raw: true,
    handler: (ctx) => sendProjectTemplate(ctx),
  }),
  route({
    method: 'POST',
    url: '/import',
    summary: 'Import the project list from .xlsx (multipart); dry run first, then all or nothing',
    permission: 'project:edit',
    audit: 'projects.import',
    query: importQuery,
    response: importReport,
    handler: async (ctx, { query }) => importProjects(ctx, await uploadedXlsx(ctx), query.dryRun === 'true'),
  }),
  route({
    method: 'POST',
    url: '/',
    summary: 'Register a project',
    permission: 'project:edit',
    audit: 'projects.create',
    body: projectCreate,
    response: projectDetail,
    handler: (ctx, { body }) => svc.createProject(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/:id',
    summary: 'A project with its stage history, plans and monthly investment',
    permission: 'project:list',
    params: idParam,
    response: projectDetail,
    handler: (ctx, { params }) => svc.getProject(ctx, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/:id',
    summary: 'Change a project (version; lowering the total needs a reason)',
    permission: 'project:edit',
    audit: 'projects.update',
    params: idParam,
    body: projectUpdate,
    response: projectDetail,
    handler: (ctx, { params, body }) => svc.updateProject(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/:id',
    summary: 'Delete a project (soft)',
    permission: 'project:edit',
    audit: 'projects.delete',
    params: idParam,
    query: z.object({
      version: z
        .string()
        .regex(/^\d{1,9}$/)
        .transform(Number),
    }),
    response: okResponse,
    handler: async (ctx, { params, query }) => {
      await svc.deleteProject(ctx, params.id, query.version);
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    url: '/:id/stage',
    summary: 'Move the stage (gated nodes must be done) or suspend/resume with a reason',
    permission: 'project:edit',
    audit: 'projects.stage',
    params: idParam,
    body: stageChange,
    response: projectDetail,
    handler: (ctx, { params, body }) => svc.changeStage(ctx, params.id, body),
  }),
  route({
    method: 'PUT',
    url: '/:id/investments',
    summary: 'Completed investment of a month (cannot exceed the total)',
    permission: 'project:report',
    audit: 'projects.investment',
    params: idParam,
    body: investmentUpsert,
    response: projectDetail,
    handler: (ctx, { params, body }) => svc.upsertInvestment(ctx, params.id, body.month, body.amount),
  }),
  route({
    method: 'PUT',
    url: '/:id/plans',
    summary: 'Annual planned investment',
    permission: 'project:edit',
    audit: 'projects.plan',
    params: idParam,
    body: planUpsert,
    response: projectDetail,
    handler: (ctx, { params, body }) => svc.upsertPlan(ctx, params.id, body.year, body.amount),
  }),
  route({
    method: 'GET',
    url: '/:id/nodes',
    summary: 'Approval nodes with due dates over working days',
    permission: 'project:list',
    params: idParam,
    response: z.object({ items: z.array(projectNode) }),
    handler: (ctx, { params }) => svc.listNodes(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/:id/nodes',
    summary: 'Create the nodes from a template',
    permission: 'project:edit',
    audit: 'projects.nodes',
    params: idParam,
    body: applyTemplate,
    response: z.object({ items: z.array(projectNode) }),
    handler: (ctx, { params, body }) => svc.applyNodeTemplate(ctx, params.id, body),
  }),
  route({
    method: 'PUT',
    url: '/:id/nodes/:nodeId',
    summary: 'Record a node’s actual dates',
    permission: 'project:report',
    audit: 'projects.node',
    params: nodeParams,
    body: nodeUpdate,
    response: z.object({ items: z.array(projectNode) }),
    handler: (ctx, { params, body }) => svc.updateNode(ctx, params.id, params.nodeId, body),
  }),
  route({
    method: 'GET',
    url: '/:id/reports',
    summary: '调度 reports of a project',
    permission: 'project:list',
    params: idParam,
    response: z.object({ items: z.array(projectReport) }),
    handler: (ctx, { params }) => svc.listReports(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/:id/reports',
    summary: 'Report progress for a period; a problem may become a service ticket',
    permission: 'project:report',
    audit: 'projects.report',
    params: idParam,
    body: reportCreate,
    response: projectReport,
    handler: (ctx, { params, body }) => svc.createReport(ctx, params.id, body),
  }),
];
