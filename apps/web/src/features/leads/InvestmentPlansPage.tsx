import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { investmentPlanCreate } from '@beizeng/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback } from '../../shared/feedback';
import { formatYi } from '../../shared/format';
import { RegionName, RegionTreeSelect } from '../../shared/regions';
import { useCurrentUser } from '../../shared/session';
import { handleSaveError } from '../../shared/stale';
import { zodRule } from '../../shared/zodRule';
import { type InvestmentPlan, PLANS_KEY } from './api';
import { MoneyHint } from './parts';

const ratio = (done: number, target: number | null | undefined) =>
  target && target > 0 ? Math.min(100, Math.round((done / target) * 1000) / 10) : null;

function Target({
  label,
  done,
  target,
  doneNum,
  targetNum,
}: {
  label: string;
  done: string;
  target: string | null;
  doneNum: number;
  targetNum: number | null;
}) {
  const p = ratio(doneNum, targetNum);
  return (
    <Flex vertical gap={2}>
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <Typography.Text>
          <Typography.Text strong>{done}</Typography.Text> / {target ?? '—'}
        </Typography.Text>
      </Flex>
      {p !== null && <Progress percent={p} size="small" status={p >= 100 ? 'success' : 'active'} />}
    </Flex>
  );
}

function PlanCard({ plan, onEdit }: { plan: InvestmentPlan; onEdit: () => void }) {
  const { t } = useTranslation();
  const yi = t('lead.yi');
  return (
    <Card
      size="small"
      data-testid={`plan-${plan.year}`}
      title={
        <Flex vertical>
          <span>
            {plan.year} · {plan.title}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            <RegionName code={plan.regionCode} />
          </Typography.Text>
        </Flex>
      }
      extra={
        <Can perm="lead:plan">
          <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit}>
            {t('common.edit')}
          </Button>
        </Can>
      }
      style={{ height: '100%' }}
    >
      <Flex vertical gap={10}>
        <Target
          label={t('lead.plan.bigSignings')}
          done={String(plan.progress.bigSignings)}
          target={String(plan.bigSigningsTarget)}
          doneNum={plan.progress.bigSignings}
          targetNum={plan.bigSigningsTarget}
        />
        <Target
          label={t('lead.plan.signedAmount', { unit: yi })}
          done={formatYi(plan.progress.signedAmount)}
          target={plan.signedAmountTarget ? formatYi(plan.signedAmountTarget) : null}
          doneNum={Number(plan.progress.signedAmount)}
          targetNum={plan.signedAmountTarget ? Number(plan.signedAmountTarget) : null}
        />
        <Target
          label={t('lead.plan.landed')}
          done={String(plan.progress.landed)}
          target={plan.landedTarget === null ? null : String(plan.landedTarget)}
          doneNum={plan.progress.landed}
          targetNum={plan.landedTarget}
        />
        {plan.fundsInPlaceTarget && (
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text type="secondary">{t('lead.plan.fundsInPlace')}</Typography.Text>
            <Typography.Text>{formatYi(plan.fundsInPlaceTarget, true, yi)}</Typography.Text>
          </Flex>
        )}
        <div>
          <Typography.Text strong>{t('lead.plan.leadingGroup')}</Typography.Text>
          {plan.leadingGroup.length ? (
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={plan.leadingGroup.map((g, i) => ({ ...g, key: i }))}
              columns={[
                { title: t('lead.plan.memberName'), dataIndex: 'name' },
                { title: t('lead.plan.memberRole'), dataIndex: 'role' },
              ]}
            />
          ) : (
            <Typography.Paragraph type="secondary">{t('lead.plan.noGroup')}</Typography.Paragraph>
          )}
        </div>
        {plan.note && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{plan.note}</Typography.Paragraph>
        )}
      </Flex>
    </Card>
  );
}

interface PlanValues {
  year: number;
  regionCode: string;
  title: string;
  bigSigningsTarget: number;
  signedAmountTarget?: string | null;
  landedTarget?: number | null;
  fundsInPlaceTarget?: string | null;
  leadingGroup: { userId?: number | null; name: string; role: string }[];
  note?: string | null;
}

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function PlanDrawer({
  plan,
  onClose,
  onSaved,
}: {
  plan: InvestmentPlan | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<PlanValues>();
  const [saving, setSaving] = useState(false);
  const signed = Form.useWatch('signedAmountTarget', form);
  const funds = Form.useWatch('fundsInPlaceTarget', form);
  const submit = async (v: PlanValues) => {
    setSaving(true);
    const body = {
      year: v.year,
      regionCode: v.regionCode,
      title: v.title.trim(),
      bigSigningsTarget: v.bigSigningsTarget,
      signedAmountTarget: blankToNull(v.signedAmountTarget),
      landedTarget: v.landedTarget ?? null,
      fundsInPlaceTarget: blankToNull(v.fundsInPlaceTarget),
      leadingGroup: (v.leadingGroup ?? []).map((g) => ({
        userId: g.userId ?? null,
        name: g.name.trim(),
        role: g.role.trim(),
      })),
      note: blankToNull(v.note),
    };
    try {
      if (plan) await api.put(`/investment-plans/${plan.id}`, { ...body, version: plan.version });
      else await api.post('/investment-plans', body);
      feedback.message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      handleSaveError(e, { form, reload: onSaved });
    } finally {
      setSaving(false);
    }
  };
  return (
    <FormDrawer<PlanValues>
      open
      title={plan ? t('lead.plan.editTitle', { year: plan.year }) : t('lead.plan.createTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      width={640}
      initialValues={
        plan
          ? { ...plan, leadingGroup: plan.leadingGroup }
          : {
              year: new Date().getFullYear(),
              regionCode: me.regionCode ?? undefined,
              bigSigningsTarget: 0,
              leadingGroup: [],
            }
      }
    >
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item
            name="year"
            label={t('lead.plan.fields.year')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item
            name="regionCode"
            label={t('lead.plan.fields.region')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <RegionTreeSelect home={[me.regionCode]} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="title"
        label={t('lead.plan.fields.title')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          zodRule(investmentPlanCreate.shape.title),
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item
            name="bigSigningsTarget"
            label={t('lead.plan.fields.bigSigningsTarget')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="landedTarget" label={t('lead.plan.fields.landedTarget')}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="signedAmountTarget"
        label={t('lead.plan.fields.signedAmountTarget')}
        extra={<MoneyHint value={signed} />}
        rules={[zodRule(investmentPlanCreate.shape.signedAmountTarget, t('lead.amountInvalid'))]}
      >
        <Input inputMode="decimal" maxLength={20} />
      </Form.Item>
      <Form.Item
        name="fundsInPlaceTarget"
        label={t('lead.plan.fields.fundsInPlaceTarget')}
        extra={<MoneyHint value={funds} />}
        rules={[zodRule(investmentPlanCreate.shape.fundsInPlaceTarget, t('lead.amountInvalid'))]}
      >
        <Input inputMode="decimal" maxLength={20} />
      </Form.Item>
      <Typography.Text strong>{t('lead.plan.leadingGroup')}</Typography.Text>
      <Form.List name="leadingGroup">
        {(fields, { add, remove }) => (
          <Flex vertical gap={0} style={{ marginTop: 8 }}>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap={false} style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'userId']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}
                >
                  <Input
                    placeholder={t('lead.plan.memberName')}
                    aria-label={t('lead.plan.memberName')}
                    maxLength={50}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'role']}
                  rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}
                >
                  <Input
                    placeholder={t('lead.plan.memberRole')}
                    aria-label={t('lead.plan.memberRole')}
                    maxLength={50}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => remove(f.name)}
                />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ userId: null, name: '', role: '' })}
              style={{ marginBottom: 16 }}
              disabled={fields.length >= 50}
            >
              {t('lead.plan.addMember')}
            </Button>
          </Flex>
        )}
      </Form.List>
      <Form.Item name="note" label={t('lead.plan.fields.note')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDrawer>
  );
}

/** 招商引资方案: one card per year with targets against progress and the leading group. */
export default function InvestmentPlansPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [drawer, setDrawer] = useState<{ plan: InvestmentPlan | null } | null>(null);
  const q = useQuery({
    queryKey: [PLANS_KEY],
    queryFn: ({ signal }) => api.get<{ items: InvestmentPlan[] }>('/investment-plans', undefined, { signal }),
  });
  if (q.isError)
    return (
      <Result
        status="warning"
        title={t('pageTable.loadFailed')}
        subTitle={(q.error as Error).message}
        extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  if (!q.data) return <Skeleton active />;
  const plans = [...q.data.items].sort((a, b) => b.year - a.year || a.regionCode.localeCompare(b.regionCode));
  const createButton = (
    <Can perm="lead:plan">
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ plan: null })}>
        {t('lead.plan.create')}
      </Button>
    </Can>
  );
  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">{createButton}</Flex>
      {plans.length === 0 ? (
        <Card>
          <Empty description={t('lead.plan.empty')}>{createButton}</Empty>
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          {plans.map((p) => (
            <Col key={p.id} xs={24} lg={12} xxl={8}>
              <PlanCard plan={p} onEdit={() => setDrawer({ plan: p })} />
            </Col>
          ))}
        </Row>
      )}
      {drawer && (
        <PlanDrawer
          key={drawer.plan ? `edit-${drawer.plan.id}` : 'create'}
          plan={drawer.plan}
          onClose={() => setDrawer(null)}
          onSaved={() => {
            setDrawer(null);
            qc.invalidateQueries({ queryKey: [PLANS_KEY] });
          }}
        />
      )}
    </Flex>
  );
}
