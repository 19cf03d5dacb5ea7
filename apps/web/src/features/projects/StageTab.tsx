import { PauseCircleOutlined, PlayCircleOutlined, RightCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Select, Space, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api';
import { Can } from '../../shared/Can';
import { feedback } from '../../shared/feedback';
import { formatDate } from '../../shared/format';
import { handleSaveError } from '../../shared/stale';
import { PROJECT_STAGES, type ProjectDetail, STAGE_COLORS, type Stage, stageLabel } from './api';
import { ModalForm } from './parts';

interface Values {
  stage?: Stage;
  on: Dayjs;
  note?: string;
}

type Mode = 'advance' | 'suspend' | 'resume';

export function StageTab({ p, onChanged }: { p: ProjectDetail; onChanged: (fresh?: ProjectDetail) => void }) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<Mode | null>(null);
  const [saving, setSaving] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const idx = PROJECT_STAGES.indexOf(p.stage);
  const next = PROJECT_STAGES[Math.min(idx + 1, PROJECT_STAGES.length - 1)];

  const label = (s: string) =>
    s === 'suspended'
      ? t('prj.stage.suspended')
      : s === 'resumed'
        ? t('prj.stage.resumed')
        : stageLabel(s, i18n.language);
  const color = (s: string) =>
    s === 'suspended' ? 'red' : s === 'resumed' ? 'green' : STAGE_COLORS[s as Stage] === 'default' ? 'gray' : 'blue';

  const close = () => {
    setMode(null);
    setBlocked(null);
  };

  const submit = async (v: Values) => {
    setSaving(true);
    setBlocked(null);
    const body: Record<string, unknown> = {
      on: v.on.format('YYYY-MM-DD'),
      note: v.note?.trim() || null,
      version: p.version,
    };
    if (mode === 'advance') body.stage = v.stage;
    else body.suspended = mode === 'suspend';
    try {
      const fresh = await api.post<ProjectDetail>(`/projects/${p.id}/stage`, body);
      feedback.message.success(t('prj.stage.done'));
      close();
      onChanged(fresh);
    } catch (e) {
      if (isApiError(e) && e.code === 'INVALID_TRANSITION') setBlocked(e.message);
      else handleSaveError(e, { form, reload: () => onChanged() });
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: t('form.required') };
  const history = [...p.stageHistory].reverse();

  return (
    <Card
      size="small"
      title={t('prj.stage.history')}
      extra={
        <Can perm="project:edit">
          <Space wrap>
            {!p.suspended && idx < PROJECT_STAGES.length - 1 && (
              <Button type="primary" icon={<RightCircleOutlined />} onClick={() => setMode('advance')}>
                {t('prj.stage.advance')}
              </Button>
            )}
            {p.suspended ? (
              <Button icon={<PlayCircleOutlined />} onClick={() => setMode('resume')}>
                {t('prj.stage.resume')}
              </Button>
            ) : (
              <Button danger icon={<PauseCircleOutlined />} onClick={() => setMode('suspend')}>
                {t('prj.stage.suspend')}
              </Button>
            )}
          </Space>
        </Can>
      }
    >
      {history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={history.map((h, i) => ({
            key: `${i}`,
            color: color(h.stage),
            children: (
              <div>
                <Space size={8} wrap>
                  <Typography.Text strong>{label(h.stage)}</Typography.Text>
                  <Typography.Text type="secondary">{formatDate(h.on)}</Typography.Text>
                  {h.by && <Typography.Text type="secondary">{t('prj.stage.by', { name: h.by })}</Typography.Text>}
                </Space>
                {h.note && <div style={{ whiteSpace: 'pre-wrap' }}>{h.note}</div>}
              </div>
            ),
          }))}
        />
      )}
      {mode && (
        <ModalForm<Values>
          title={
            mode === 'advance'
              ? t('prj.stage.advanceTitle')
              : mode === 'suspend'
                ? t('prj.stage.suspendTitle')
                : t('prj.stage.resumeTitle')
          }
          form={form}
          saving={saving}
          onCancel={close}
          onSubmit={submit}
          initialValues={{ stage: next, on: dayjs() }}
          testId="stage-modal"
        >
          {blocked && (
            <Alert type="error" showIcon message={blocked} style={{ marginBottom: 12 }} data-testid="stage-blocked" />
          )}
          {mode === 'advance' && (
            <Form.Item name="stage" label={t('prj.stage.to')} rules={[required]}>
              <Select
                options={PROJECT_STAGES.filter((s) => s !== p.stage).map((s) => ({
                  value: s,
                  label: stageLabel(s, i18n.language),
                }))}
              />
            </Form.Item>
          )}
          <Form.Item name="on" label={t('prj.stage.on')} rules={[required]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item
            name="note"
            label={mode === 'advance' ? t('prj.stage.note') : t('prj.stage.reason')}
            rules={mode === 'suspend' ? [{ ...required, whitespace: true }] : []}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </ModalForm>
      )}
    </Card>
  );
}
