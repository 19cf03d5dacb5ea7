import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Empty, Flex, Form, Input, Select, Skeleton, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { feedback, showError } from '../../shared/feedback';
import { formatDate } from '../../shared/format';
import { useCan } from '../../shared/session';
import { PROJECTS_KEY, type ProjectDetail, type ProjectNode, stageLabel, useNodes, useTemplates } from './api';
import { LightDot, ModalForm } from './parts';

interface ApplyValues {
  templateId: number;
  startDate: Dayjs;
}
interface NodeValues {
  actualStart?: Dayjs | null;
  actualDone?: Dayjs | null;
  note?: string | null;
}

/** No nodes yet: pick a template and the date the clock starts. */
function ApplyTemplate({ p, onApplied }: { p: ProjectDetail; onApplied: (items: ProjectNode[]) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ApplyValues>();
  const templates = useTemplates();
  const [saving, setSaving] = useState(false);
  const submit = async (v: ApplyValues) => {
    setSaving(true);
    try {
      const r = await api.post<{ items: ProjectNode[] }>(`/projects/${p.id}/nodes`, {
        templateId: v.templateId,
        startDate: v.startDate.format('YYYY-MM-DD'),
      });
      feedback.message.success(t('prj.nodes.applied'));
      onApplied(r.items);
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };
  const required = { required: true, message: t('form.required') };
  return (
    <Form<ApplyValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      style={{ maxWidth: 420, margin: '0 auto', textAlign: 'start' }}
      initialValues={{ startDate: p.plannedStart ? dayjs(p.plannedStart) : dayjs() }}
    >
      <Form.Item name="templateId" label={t('prj.nodes.template')} rules={[required]}>
        <Select
          loading={templates.isLoading}
          options={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          data-testid="template-select"
        />
      </Form.Item>
      <Form.Item name="startDate" label={t('prj.nodes.startDate')} rules={[required]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} block>
        {t('prj.nodes.apply')}
      </Button>
    </Form>
  );
}

export function NodesTab({ p, onChanged }: { p: ProjectDetail; onChanged: (fresh?: ProjectDetail) => void }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const nodes = useNodes(p.id);
  const [editing, setEditing] = useState<ProjectNode | null>(null);
  const [form] = Form.useForm<NodeValues>();
  const [saving, setSaving] = useState(false);

  const setItems = (items: ProjectNode[]) => {
    qc.setQueryData([PROJECTS_KEY, 'nodes', p.id], { items });
    // the project's light depends on the nodes
    onChanged();
  };

  const save = async (v: NodeValues) => {
    if (!editing) return;
    setSaving(true);
    try {
      const r = await api.put<{ items: ProjectNode[] }>(`/projects/${p.id}/nodes/${editing.id}`, {
        actualStart: v.actualStart ? v.actualStart.format('YYYY-MM-DD') : null,
        actualDone: v.actualDone ? v.actualDone.format('YYYY-MM-DD') : null,
        note: v.note?.trim() || null,
      });
      feedback.message.success(t('prj.nodes.saved'));
      setEditing(null);
      setItems(r.items);
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  if (nodes.isLoading) return <Skeleton active />;
  if (nodes.isError) return <Empty description={(nodes.error as Error).message} />;
  const items = nodes.data?.items ?? [];

  if (items.length === 0) {
    return (
      <Card size="small">
        <Empty description={t('prj.nodes.empty')}>
          {can('project:edit') ? (
            <Flex vertical gap={12}>
              <Typography.Text type="secondary">{t('prj.nodes.emptyHint')}</Typography.Text>
              <ApplyTemplate p={p} onApplied={setItems} />
            </Flex>
          ) : null}
        </Empty>
      </Card>
    );
  }

  const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
  return (
    <Card size="small">
      <Table<ProjectNode>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={items}
        columns={[
          {
            title: t('prj.fields.light'),
            dataIndex: 'light',
            align: 'center',
            render: (_v, n) => <LightDot light={n.light} />,
          },
          {
            title: t('prj.nodes.name'),
            dataIndex: 'name',
            render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
          },
          { title: t('prj.nodes.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
          { title: t('prj.nodes.days'), dataIndex: 'days', align: 'right' },
          { title: t('prj.nodes.plannedStart'), dataIndex: 'plannedStart', render: formatDate },
          { title: t('prj.nodes.dueDate'), dataIndex: 'dueDate', render: formatDate },
          { title: t('prj.nodes.actualStart'), dataIndex: 'actualStart', render: formatDate },
          { title: t('prj.nodes.actualDone'), dataIndex: 'actualDone', render: formatDate },
          {
            title: t('prj.nodes.overdue'),
            dataIndex: 'overdueDays',
            render: (v: number) =>
              v > 0 ? <Typography.Text type="danger">{t('prj.nodes.overdueDays', { count: v })}</Typography.Text> : '—',
          },
          {
            title: t('prj.nodes.gate'),
            dataIndex: 'gate',
            render: (v: string | null) => (v ? stageLabel(v, i18n.language) : '—'),
          },
          { title: t('prj.nodes.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          ...(can('project:report')
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_v: unknown, n: ProjectNode) => (
                    <Button type="link" size="small" onClick={() => setEditing(n)}>
                      {t('prj.nodes.record')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Can perm="project:report">
        {editing && (
          <ModalForm<NodeValues>
            title={t('prj.nodes.recordTitle', { name: editing.name })}
            form={form}
            saving={saving}
            onCancel={() => setEditing(null)}
            onSubmit={save}
            initialValues={{
              actualStart: editing.actualStart ? dayjs(editing.actualStart) : null,
              actualDone: editing.actualDone ? dayjs(editing.actualDone) : null,
              note: editing.note,
            }}
          >
            <Form.Item name="actualStart" label={t('prj.nodes.actualStart')}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
            <Form.Item name="actualDone" label={t('prj.nodes.actualDone')}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
            <Form.Item name="note" label={t('prj.nodes.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </ModalForm>
        )}
      </Can>
    </Card>
  );
}
