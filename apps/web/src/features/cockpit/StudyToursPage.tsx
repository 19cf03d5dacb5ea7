import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Result,
  Select,
  Skeleton,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { feedback, showError } from '../../shared/feedback';
import { formatDate } from '../../shared/format';
import { handleSaveError } from '../../shared/stale';

export type TaskStatus = 'todo' | 'doing' | 'done';
export interface TourTask {
  id: number;
  title: string;
  ownerId?: number | null;
  ownerName: string | null;
  deadline: string;
  status: TaskStatus;
  overdue: boolean;
  link: string | null;
  version: number;
}
export interface Measure {
  id: number;
  title: string;
  content: string | null;
  tasks: TourTask[];
}
export interface StudyTour {
  id: number;
  title: string;
  startedOn: string;
  endedOn: string;
  participants: string | null;
  observations: { place: string; content: string }[];
  lessons: string[];
  measures: Measure[];
}

const TOURS_KEY = 'study-tours';
const STATUSES: TaskStatus[] = ['todo', 'doing', 'done'];
const STATUS_COLORS: Record<TaskStatus, string> = { todo: 'default', doing: 'processing', done: 'success' };
const LINK_TYPES = ['project', 'lead', 'enterprise'] as const;
type LinkType = (typeof LINK_TYPES)[number];

/** '/projects/3' → 'project' (the server's link paths). */
export function linkTypeOf(link: string): LinkType | null {
  if (link.startsWith('/projects/')) return 'project';
  if (link.startsWith('/leads/')) return 'lead';
  if (link.startsWith('/enterprises/')) return 'enterprise';
  return null;
}

interface TaskForm {
  title: string;
  ownerId?: number;
  deadline: Dayjs;
  linkType?: LinkType;
  linkId?: number;
}

/** Owner picker over GET /users/lookup?q= (any signed-in user may search colleagues). */
function OwnerSelect({ value, onChange }: { value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'lookup', 'q', q],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: number; displayName: string; regionName: string | null }[] }>(
        '/users/lookup',
        { q: q || undefined },
        { signal },
      ),
    staleTime: 60_000,
  });
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      placeholder={t('tour.ownerHint')}
      loading={users.isFetching}
      options={(users.data?.items ?? []).map((u) => ({
        value: u.id,
        label: u.regionName ? `${u.displayName}（${u.regionName}）` : u.displayName,
      }))}
    />
  );
}

function AddTaskModal({ measure, onClose }: { measure: Measure; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<TaskForm>();
  const save = useMutation({
    mutationFn: (v: TaskForm) =>
      api.post<{ id: number }>('/study-tours/tasks', {
        measureId: measure.id,
        title: v.title.trim(),
        ownerId: v.ownerId ?? null,
        deadline: v.deadline.format('YYYY-MM-DD'),
        linkType: v.linkType ?? null,
        linkId: v.linkId ?? null,
      }),
    onSuccess: () => {
      feedback.message.success(t('tour.created'));
      qc.invalidateQueries({ queryKey: [TOURS_KEY] });
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Modal
      open
      title={t('tour.addTaskTitle', { measure: measure.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<TaskForm> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="title"
          label={t('tour.task')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { min: 2, max: 200 },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="ownerId" label={t('tour.owner')}>
          <OwnerSelect />
        </Form.Item>
        <Form.Item name="deadline" label={t('tour.deadline')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="linkType" label={t('tour.linkType')} style={{ flex: 1 }}>
            <Select allowClear options={LINK_TYPES.map((l) => ({ value: l, label: t(`tour.linkTypes.${l}`) }))} />
          </Form.Item>
          <Form.Item
            name="linkId"
            label={t('tour.linkId')}
            tooltip={t('tour.linkIdHint')}
            style={{ flex: 1 }}
            dependencies={['linkType']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_r, v) =>
                  (getFieldValue('linkType') == null) === (v == null)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('tour.linkBoth'))),
              }),
            ]}
          >
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
      </Form>
    </Modal>
  );
}

function TaskItem({ task }: { task: TourTask }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const move = useMutation({
    mutationFn: (status: TaskStatus) =>
      api.put(`/study-tours/tasks/${task.id}/status`, { status, version: task.version }),
    onSuccess: (_d, status) => {
      feedback.message.success(t('tour.moved', { status: t(`tour.statuses.${status}`) }));
      qc.invalidateQueries({ queryKey: [TOURS_KEY] });
    },
    onError: (e) => handleSaveError(e, { reload: () => qc.invalidateQueries({ queryKey: [TOURS_KEY] }) }),
  });
  const linkType = task.link ? linkTypeOf(task.link) : null;
  return (
    <List.Item data-testid={`tour-task-${task.id}`}>
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Flex gap={8} wrap align="center" justify="space-between">
          <Space size={[6, 4]} wrap>
            <Tag color={STATUS_COLORS[task.status]}>{t(`tour.statuses.${task.status}`)}</Tag>
            <Typography.Text strong className="bz-break">
              {task.title}
            </Typography.Text>
            {task.overdue && (
              <Tag color="red" data-testid="overdue">
                {t('tour.overdue')}
              </Tag>
            )}
          </Space>
          <Select<TaskStatus>
            size="small"
            value={task.status}
            onChange={(s) => move.mutate(s)}
            loading={move.isPending}
            disabled={move.isPending}
            style={{ width: 110 }}
            aria-label={t('tour.status')}
            options={STATUSES.map((s) => ({ value: s, label: t(`tour.statuses.${s}`) }))}
          />
        </Flex>
        <Space size={[12, 4]} wrap>
          <Typography.Text type="secondary">
            {t('tour.owner')}：{task.ownerName ?? t('tour.noOwner')}
          </Typography.Text>
          <Typography.Text type={task.overdue ? 'danger' : 'secondary'}>
            {t('tour.deadline')}：{formatDate(task.deadline)}
          </Typography.Text>
          {task.link && (
            <Link to={task.link}>
              <LinkOutlined /> {linkType ? t('tour.open', { type: t(`tour.linkTypes.${linkType}`) }) : t('tour.link')}
            </Link>
          )}
        </Space>
      </Flex>
    </List.Item>
  );
}

function TourView({ tour }: { tour: StudyTour }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState<Measure | null>(null);
  return (
    <Flex vertical gap={12} data-testid={`tour-${tour.id}`}>
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {tour.title}
        </Typography.Title>
        <Space size={[16, 4]} wrap>
          <Typography.Text>
            {t('tour.dates', { from: formatDate(tour.startedOn), to: formatDate(tour.endedOn) })}
          </Typography.Text>
          {tour.participants && (
            <Typography.Text type="secondary">
              {t('tour.participants')}：{tour.participants}
            </Typography.Text>
          )}
        </Space>
        {tour.observations.length > 0 && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">{t('tour.places')}：</Typography.Text>
            <Space size={[4, 4]} wrap>
              {tour.observations.map((o) => (
                <Tag key={o.place}>{o.place}</Tag>
              ))}
            </Space>
          </div>
        )}
      </Card>
      <Card size="small" title={t('tour.observations')}>
        <Steps
          direction="vertical"
          size="small"
          current={-1}
          items={tour.observations.map((o) => ({
            title: o.place,
            description: <span className="bz-break">{o.content}</span>,
            status: 'finish' as const,
          }))}
        />
      </Card>
      <Card size="small" title={t('tour.lessons')}>
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {tour.lessons.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ol>
      </Card>
      <Card size="small" title={t('tour.measures')}>
        <Flex vertical gap={12}>
          {tour.measures.map((m, i) => {
            const done = m.tasks.filter((k) => k.status === 'done').length;
            return (
              <Card
                key={m.id}
                size="small"
                type="inner"
                data-testid={`measure-${m.id}`}
                title={
                  <Typography.Text strong style={{ whiteSpace: 'normal' }}>
                    {i + 1}. {m.title}
                  </Typography.Text>
                }
                extra={
                  <Space size={8}>
                    {m.tasks.length > 0 && (
                      <Typography.Text type="secondary">
                        {t('tour.progress', { done, total: m.tasks.length })}
                      </Typography.Text>
                    )}
                    <Can perm="target:edit">
                      <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(m)}>
                        {t('tour.addTask')}
                      </Button>
                    </Can>
                  </Space>
                }
              >
                {m.content && (
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                    {m.content}
                  </Typography.Paragraph>
                )}
                {m.tasks.length === 0 ? (
                  <Typography.Text type="secondary">{t('tour.noTasks')}</Typography.Text>
                ) : (
                  <List<TourTask>
                    size="small"
                    dataSource={m.tasks}
                    rowKey="id"
                    renderItem={(k) => <TaskItem task={k} />}
                  />
                )}
              </Card>
            );
          })}
        </Flex>
      </Card>
      {adding && <AddTaskModal measure={adding} onClose={() => setAdding(null)} />}
    </Flex>
  );
}

/** 学经验·谈体会·抓落实: what the tour saw, what it learned, and the measures as tracked tasks. */
export default function StudyToursPage() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [TOURS_KEY],
    queryFn: ({ signal }) => api.get<{ items: StudyTour[] }>('/study-tours', undefined, { signal }),
  });
  if (q.isError) {
    return (
      <Result
        status="warning"
        title={(q.error as Error).message}
        extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!q.data) return <Skeleton active />;
  if (q.data.items.length === 0) return <Empty description={t('tour.empty')} />;
  return (
    <Flex vertical gap={24}>
      {q.data.items.map((tour) => (
        <TourView key={tour.id} tour={tour} />
      ))}
    </Flex>
  );
}
