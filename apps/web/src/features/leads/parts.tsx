import { signBody } from '@beizeng/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  type SelectProps,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, isApiError } from '../../shared/api';
import { EnterpriseSelect } from '../../shared/EnterpriseSelect';
import { feedback, localizeMessage } from '../../shared/feedback';
import { handleSaveError } from '../../shared/stale';
import { zodRule } from '../../shared/zodRule';
import {
  formatLeadMoney,
  LEAD_STAGE_COLORS,
  LEADS_KEY,
  type LeadDetail,
  type LeadStage,
  type LeadSummary,
  type LeadWarning,
  leadStageLabel,
  type UserOption,
} from './api';

export function useMoneyUnits() {
  const { t } = useTranslation();
  return { wan: t('lead.wan'), yi: t('lead.yi') };
}

export function LeadStageTag({ stage }: { stage: string }) {
  const { i18n } = useTranslation();
  return (
    <Tag color={LEAD_STAGE_COLORS[stage as LeadStage] ?? 'default'} data-testid="lead-stage" data-stage={stage}>
      {leadStageLabel(stage, i18n.language)}
    </Tag>
  );
}

export function WarningTags({ warnings }: { warnings: LeadWarning[] }) {
  const { i18n } = useTranslation();
  if (!warnings.length) return <>—</>;
  return (
    <Space size={[4, 4]} wrap>
      {warnings.map((w) => (
        <Tag key={w.rule} color="red" data-testid="lead-warning">
          {i18n.language === 'en' ? w.en : w.zh}
        </Tag>
      ))}
    </Space>
  );
}

/** The amount typed in 元 shown in 万元/亿元, under a money input. */
export function MoneyHint({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  const units = useMoneyUnits();
  const ok = typeof value === 'string' && /^\d{1,14}(\.\d{1,2})?$/.test(value.trim());
  return (
    <span>
      {t('lead.yuanHint')}
      {ok && (
        <Typography.Text strong style={{ marginInlineStart: 8 }}>
          {formatLeadMoney(value.trim(), units)}
        </Typography.Text>
      )}
    </span>
  );
}

/** A searchable colleague picker (GET /users/lookup?role=&q=). */
export function UserSelect({
  role,
  value,
  valueLabel,
  ...rest
}: Omit<SelectProps<number>, 'options' | 'onSearch' | 'filterOption'> & {
  role?: string;
  valueLabel?: string | null;
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(h);
  }, [input]);
  const { data, isFetching } = useQuery({
    queryKey: ['users', 'lookup', role ?? '', q],
    queryFn: ({ signal }) =>
      api.get<{ items: UserOption[] }>('/users/lookup', { role, q: q || undefined }, { signal }).then((r) => r.items),
    staleTime: 60_000,
    meta: { silent: true },
  });
  const options = (data ?? []).map((u) => ({
    value: u.id,
    label: u.displayName,
    title: u.displayName,
  }));
  if (typeof value === 'number' && valueLabel && !options.some((o) => o.value === value))
    options.unshift({ value, label: valueLabel, title: valueLabel });
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      placeholder={t('lead.pickUser')}
      notFoundContent={isFetching ? t('common.loading') : t('common.noData')}
      loading={isFetching}
      optionRender={(o) => {
        const u = data?.find((x) => x.id === o.value);
        return (
          <Space size={4}>
            <span>{o.label}</span>
            {u?.regionName && <Typography.Text type="secondary">{u.regionName}</Typography.Text>}
          </Space>
        );
      }}
      {...rest}
      value={value}
      options={options}
    />
  );
}

const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** 移至 a stage (not 签约/落地): asks for a note, required for 搁置/放弃. */
export function StageMoveModal({
  lead,
  stage,
  onClose,
  onDone,
}: {
  lead: Pick<LeadSummary, 'id' | 'projectName' | 'version'>;
  stage: LeadStage;
  onClose: () => void;
  onDone: (l: LeadDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const [saving, setSaving] = useState(false);
  const needReason = stage === 'shelved' || stage === 'abandoned';
  const label = leadStageLabel(stage, i18n.language);
  const submit = async (v: { note?: string }) => {
    setSaving(true);
    try {
      const r = await api.post<LeadDetail>(`/leads/${lead.id}/stage`, {
        stage,
        note: v.note?.trim() || null,
        version: lead.version,
      });
      feedback.message.success(t('lead.moved', { stage: label }));
      onDone(r);
    } catch (e) {
      handleSaveError(e, { form, reload: onClose });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('lead.moveTitle', { stage: label })}
      onCancel={onClose}
      okText={t('lead.moveOk')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{lead.projectName}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="note"
          label={needReason ? t('lead.reason') : t('lead.note')}
          rules={[{ required: needReason, whitespace: true, message: t('lead.reasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface SignValues {
  signedOn: Dayjs;
  amount: string;
  terms?: string;
  event?: string;
  duplicateReason?: string;
}

/** 签约: signedOn, amount (元), terms, event; a repeat of the same deal asks for 重复签约说明. */
export function SignForm({ lead, onDone }: { lead: LeadDetail | LeadSummary; onDone: (l: LeadDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SignValues>();
  const [saving, setSaving] = useState(false);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const amount = Form.useWatch('amount', form);
  const submit = async (v: SignValues) => {
    setSaving(true);
    try {
      const r = await api.post<LeadDetail>(`/leads/${lead.id}/sign`, {
        signedOn: v.signedOn.format('YYYY-MM-DD'),
        amount: v.amount.trim(),
        terms: v.terms?.trim() || null,
        event: v.event?.trim() || null,
        duplicateReason: duplicate ? v.duplicateReason?.trim() : undefined,
        version: lead.version,
      });
      feedback.message.success(t('lead.sign.ok'));
      form.resetFields();
      setDuplicate(null);
      onDone(r);
    } catch (e) {
      if (isApiError(e) && e.code === 'DUPLICATE' && e.errors[0]?.path === 'body.duplicateReason') {
        setDuplicate(localizeMessage(e.errors[0].message));
      } else handleSaveError(e, { form, reload: () => onDone(lead as LeadDetail) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<SignValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ signedOn: dayjs() }}
      data-testid="sign-form"
      style={{ maxWidth: 560 }}
    >
      <Form.Item
        name="signedOn"
        label={t('lead.sign.signedOn')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={notAfterToday} />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('lead.sign.amount')}
        extra={<MoneyHint value={amount} />}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          zodRule(signBody.shape.amount, t('lead.amountInvalid')),
        ]}
      >
        <Input inputMode="decimal" maxLength={20} />
      </Form.Item>
      <Form.Item name="event" label={t('lead.sign.event')} rules={[{ max: 200 }]}>
        <Input maxLength={200} placeholder={t('lead.sign.eventHint')} />
      </Form.Item>
      <Form.Item name="terms" label={t('lead.sign.terms')} rules={[{ max: 3000 }]}>
        <Input.TextArea rows={3} maxLength={3000} />
      </Form.Item>
      {duplicate && (
        <>
          <Alert type="warning" showIcon title={duplicate} style={{ marginBottom: 12 }} data-testid="duplicate-alert" />
          <Form.Item
            name="duplicateReason"
            label={t('lead.sign.duplicateReason')}
            rules={[
              { required: true, whitespace: true, message: t('form.required') },
              { min: 2, max: 500, message: t('lead.sign.duplicateReasonLength') },
            ]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('lead.sign.submit')}
      </Button>
    </Form>
  );
}

interface LandValues {
  enterpriseId?: number | null;
  responsibleUserId: number;
  plannedStart?: Dayjs | null;
}

/** 落地: the signed lead becomes a project handed to its 责任人. */
export function LandForm({ lead, onDone }: { lead: LeadDetail | LeadSummary; onDone: (l: LeadDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LandValues>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: LandValues) => {
    setSaving(true);
    try {
      const r = await api.post<LeadDetail>(`/leads/${lead.id}/land`, {
        enterpriseId: v.enterpriseId ?? null,
        responsibleUserId: v.responsibleUserId,
        plannedStart: v.plannedStart ? v.plannedStart.format('YYYY-MM-DD') : null,
        version: lead.version,
      });
      feedback.message.success(t('lead.land.ok'));
      onDone(r);
    } catch (e) {
      handleSaveError(e, { form, reload: () => onDone(lead as LeadDetail) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<LandValues> form={form} layout="vertical" onFinish={submit} data-testid="land-form" style={{ maxWidth: 560 }}>
      <Form.Item name="enterpriseId" label={t('lead.land.enterprise')} extra={t('lead.land.enterpriseHint')}>
        <EnterpriseSelect />
      </Form.Item>
      <Form.Item
        name="responsibleUserId"
        label={t('lead.land.responsible')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <UserSelect role="cadre" />
      </Form.Item>
      <Form.Item name="plannedStart" label={t('lead.land.plannedStart')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('lead.land.submit')}
      </Button>
    </Form>
  );
}

export function ProjectLink({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  return (
    <Link to={`/projects/${projectId}`} data-testid="lead-project-link">
      {t('lead.land.projectLink', { id: projectId })}
    </Link>
  );
}

/** 签约 / 落地 in a modal (from the kanban); after landing it shows the project link. */
export function StageFormModal({
  lead,
  kind,
  onClose,
}: {
  lead: LeadSummary;
  kind: 'signed' | 'landed';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [landed, setLanded] = useState<LeadDetail | null>(null);
  const done = (l: LeadDetail) => {
    qc.invalidateQueries({ queryKey: [LEADS_KEY] });
    if (kind === 'landed' && l.projectId) setLanded(l);
    else onClose();
  };
  return (
    <Modal
      open
      title={`${kind === 'signed' ? t('lead.sign.title') : t('lead.land.title')} · ${lead.projectName}`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {landed?.projectId ? (
        <Flex vertical gap={8}>
          <Typography.Text>{t('lead.land.ok')}</Typography.Text>
          <ProjectLink projectId={landed.projectId} />
        </Flex>
      ) : kind === 'signed' ? (
        <SignForm lead={lead} onDone={done} />
      ) : (
        <LandForm lead={lead} onDone={done} />
      )}
    </Modal>
  );
}
