import { FileExcelOutlined, ImportOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Input, Popover, Select, Space, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { download } from '../../shared/api';
import { Can } from '../../shared/Can';
import { useDictOptions } from '../../shared/dicts';
import { ExportButton } from '../../shared/ExportButton';
import { feedback, showError } from '../../shared/feedback';
import { ImportModal } from '../../shared/ImportModal';
import { type FilterField, PageTable } from '../../shared/PageTable';
import { useCan } from '../../shared/session';
import { MonthInput } from '../cultivation/MonthInput';
import { LIGHT_COLORS, LIGHTS, PROJECT_STAGES, PROJECTS_KEY, type ProjectSummary, stageLabel } from './api';
import { ProjectDrawer } from './ProjectDrawer';
import { LightDot, Money, PlanProgress, StageTag } from './parts';

/** 调度表: pick a month, download the table the towns already use. */
function ScheduleButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [month, setMonth] = useState<string | undefined>(dayjs().format('YYYY-MM'));
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const run = async () => {
    setBusy(true);
    const key = 'export:schedule';
    feedback.message.open({ key, type: 'loading', content: t('export.running'), duration: 0 });
    try {
      const name = await download('/projects/schedule-report.xlsx', { period: month }, t('prj.scheduleName'));
      feedback.message.open({ key, type: 'success', content: t('export.done', { name }) });
      setOpen(false);
    } catch (e) {
      feedback.message.destroy(key);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t('prj.scheduleTitle')}
      content={
        <Space direction="vertical" style={{ width: 220 }}>
          <span>{t('prj.schedulePeriod')}</span>
          <MonthInput value={month} onChange={setMonth} allowClear={false} />
          <Button type="primary" block loading={busy} onClick={run} data-testid="schedule-download">
            {t('common.export')}
          </Button>
          <Button
            block
            icon={<PrinterOutlined />}
            onClick={() => navigate(`/projects/schedule-print?period=${month ?? dayjs().format('YYYY-MM')}`)}
            data-testid="schedule-print"
          >
            {t('prj.print.button')}
          </Button>
        </Space>
      }
    >
      <Button icon={<FileExcelOutlined />}>{t('prj.schedule')}</Button>
    </Popover>
  );
}

export default function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const chainOptions = useDictOptions('industry_chain');
  const natureOptions = useDictOptions('project_nature');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  const yesNo = [
    { value: 'true', label: t('prj.yes') },
    { value: 'false', label: t('prj.no') },
  ];

  const filters: FilterField[] = [
    { name: 'q', label: t('prj.filters.q'), input: <Input allowClear placeholder={t('prj.filters.qHint')} /> },
    {
      name: 'stage',
      label: t('prj.fields.stage'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={PROJECT_STAGES.map((s) => ({ value: s, label: stageLabel(s, i18n.language) }))}
        />
      ),
    },
    {
      name: 'light',
      label: t('prj.fields.light'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[...LIGHTS]
            .reverse()
            .map((l) => ({ value: l, label: <Badge color={LIGHT_COLORS[l]} text={t(`prj.lightShort.${l}`)} /> }))}
        />
      ),
    },
    {
      name: 'chain',
      label: t('prj.fields.chain'),
      input: <Select allowClear placeholder={t('common.all')} options={chainOptions} />,
    },
    {
      name: 'nature',
      label: t('prj.fields.nature'),
      input: <Select allowClear placeholder={t('common.all')} options={natureOptions} />,
    },
    {
      name: 'big',
      label: t('prj.filters.big'),
      input: <Select allowClear placeholder={t('common.all')} options={[{ value: 'true', label: t('prj.big') }]} />,
    },
    {
      name: 'suspended',
      label: t('prj.filters.suspended'),
      input: <Select allowClear placeholder={t('common.all')} options={yesNo} />,
    },
  ];

  const columns: TableColumnsType<ProjectSummary> = [
    {
      title: t('prj.fields.light'),
      dataIndex: 'light',
      width: 64,
      align: 'center',
      render: (_v, p) => <LightDot light={p.light} reasons={p.lightReasons} />,
    },
    {
      title: t('prj.fields.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      render: (v: string, p) => (
        <Space size={4} wrap={false}>
          <Link to={`/projects/${p.id}`}>
            <Typography.Text strong style={{ color: 'inherit', maxWidth: 320 }} ellipsis={{ tooltip: v }}>
              {v}
            </Typography.Text>
          </Link>
          {p.isDemo && (
            <Tag color="orange" variant="outlined" style={{ fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
              {t('common.demo')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('prj.fields.enterprise'), dataIndex: 'enterpriseName', render: (v: string | null) => v ?? '—' },
    {
      title: t('prj.fields.totalInvestment'),
      dataIndex: 'totalInvestment',
      key: 'totalInvestment',
      sorter: true,
      sortDirections: ['descend'],
      align: 'right',
      render: (v: string) => <Money yuan={v} />,
    },
    {
      title: t('prj.fields.stage'),
      dataIndex: 'stage',
      render: (_v, p) => <StageTag stage={p.stage} suspended={p.suspended} />,
    },
    {
      title: `${t('prj.fields.yearCompleted')} / ${t('prj.fields.yearPlan')}`,
      key: 'year',
      render: (_v, p) => <PlanProgress plan={p.yearPlan} completed={p.yearCompleted} />,
    },
    { title: t('prj.fields.leader'), dataIndex: 'leaderName', render: (v: string | null) => v ?? '—' },
    {
      title: t('prj.fields.responsible'),
      key: 'responsible',
      render: (_v, p) => [p.responsibleDept, p.responsibleName].filter(Boolean).join(' / ') || '—',
    },
    {
      title: t('prj.inStats'),
      dataIndex: 'inStats',
      render: (v: boolean) => (v ? <Tag color="green">{t('prj.inStats')}</Tag> : '—'),
    },
  ];

  return (
    <>
      <PageTable<ProjectSummary>
        queryKey={PROJECTS_KEY}
        path="/projects"
        rowKey="id"
        columns={columns}
        filters={filters}
        emptyHint={can('project:edit') ? t('prj.emptyHint') : t('prj.emptyHintReadOnly')}
        emptyAction={
          <Can perm="project:edit">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('prj.create')}
            </Button>
          </Can>
        }
        toolbar={(f) => (
          <>
            <Can perm="project:edit">
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('prj.create')}
              </Button>
            </Can>
            <ExportButton path="/projects/export" query={f} fileName={t('prj.exportName')} />
            <ScheduleButton />
            <Link to={`/projects/schedule-print?period=${dayjs().format('YYYY-MM')}`}>
              <Button icon={<PrinterOutlined />}>{t('prj.print.button')}</Button>
            </Link>
            <Can perm="project:edit">
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t('prj.import.button')}
              </Button>
            </Can>
          </>
        )}
      />
      {importing && (
        <ImportModal
          base="/projects"
          title={t('prj.import.title')}
          hint={t('prj.import.hint')}
          templateName={t('prj.import.templateName')}
          dryRunSummary={(r) =>
            t('prj.import.dryRunSummary', { total: r.total, created: r.created, updated: r.updated })
          }
          invalidate={[PROJECTS_KEY]}
          onClose={() => setImporting(false)}
        />
      )}
      {creating && (
        <ProjectDrawer
          project={null}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            qc.invalidateQueries({ queryKey: [PROJECTS_KEY] });
          }}
        />
      )}
    </>
  );
}
