import { Badge, Form, type FormInstance, Modal, Progress, Space, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  completionRate,
  formatMoney,
  LIGHT_COLORS,
  type Light,
  type ProjectSummary,
  STAGE_COLORS,
  type Stage,
  stageLabel,
} from './api';

type Reason = ProjectSummary['lightReasons'][number];

/** The 红/黄/绿 light as a coloured dot; the tooltip lists why (in the current language). */
export function LightDot({ light, reasons, withText }: { light: Light; reasons?: Reason[]; withText?: boolean }) {
  const { t, i18n } = useTranslation();
  const title = (
    <div>
      <div style={{ fontWeight: 600 }}>{t(`prj.light.${light}`)}</div>
      {reasons && reasons.length > 0 ? (
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {reasons.map((r) => (
            <li key={`${r.rule}:${r.zh}`}>{i18n.language === 'en' ? r.en : r.zh}</li>
          ))}
        </ul>
      ) : (
        <div>{t('prj.light.noReason')}</div>
      )}
    </div>
  );
  return (
    <Tooltip title={title}>
      <span data-testid="light" data-light={light} aria-label={t(`prj.light.${light}`)} style={{ cursor: 'help' }}>
        <Badge color={LIGHT_COLORS[light]} text={withText ? t(`prj.lightShort.${light}`) : undefined} />
      </span>
    </Tooltip>
  );
}

export function StageTag({ stage, suspended }: { stage: string; suspended?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={STAGE_COLORS[stage as Stage] ?? 'default'}>{stageLabel(stage, i18n.language)}</Tag>
      {suspended && <Tag color="red">{t('prj.suspendedTag')}</Tag>}
    </Space>
  );
}

export function useMoney() {
  const { t } = useTranslation();
  return (yuan: string | null | undefined) => formatMoney(yuan, { wan: t('prj.wan'), yi: t('prj.yi') });
}

export function Money({ yuan }: { yuan: string | null | undefined }) {
  const money = useMoney();
  return <span style={{ whiteSpace: 'nowrap' }}>{money(yuan)}</span>;
}

/** Year completed against the year plan, with 完成率 as a small bar. */
export function PlanProgress({ plan, completed }: { plan: string | null; completed: string }) {
  const money = useMoney();
  const rate = completionRate(completed, plan);
  return (
    <div style={{ minWidth: 140 }}>
      <div style={{ whiteSpace: 'nowrap' }}>
        {money(completed)} / {money(plan)}
      </div>
      {rate !== null && (
        <Progress
          percent={Math.min(100, rate)}
          format={() => `${rate.toFixed(1)}%`}
          size="small"
          status={rate >= 100 ? 'success' : 'normal'}
        />
      )}
    </div>
  );
}

/** A small form in a modal (year plan, month figure, node dates, stage moves). */
export function ModalForm<V extends object>({
  title,
  form,
  onCancel,
  onSubmit,
  saving,
  initialValues,
  children,
  okText,
  testId,
}: {
  title: ReactNode;
  form: FormInstance<V>;
  onCancel: () => void;
  onSubmit: (v: V) => void;
  saving: boolean;
  initialValues?: Partial<V>;
  children: ReactNode;
  okText?: ReactNode;
  testId?: string;
}) {
  return (
    <Modal
      open
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={okText}
      confirmLoading={saving}
      destroyOnHidden
      maskClosable={false}
      data-testid={testId}
    >
      <Form<V> form={form} layout="vertical" onFinish={onSubmit} initialValues={initialValues as any}>
        {children}
      </Form>
    </Modal>
  );
}
