import { PlusOutlined } from '@ant-design/icons';
import { investmentUpsert, planUpsert } from '@beizeng/contract';
import { Button, Card, Col, Empty, Form, Input, InputNumber, Row, Skeleton, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { feedback, showError } from '../../shared/feedback';
import { zodRule } from '../../shared/zodRule';
import { MonthInput } from '../cultivation/MonthInput';
import { completionRate, type ProjectDetail } from './api';
import { ModalForm, Money, useMoney } from './parts';

const InvestChart = lazy(() => import('./InvestChart'));

interface PlanValues {
  year: number;
  amount: string;
}
interface MonthValues {
  month: string;
  amount: string;
}

export function InvestTab({ p, onChanged }: { p: ProjectDetail; onChanged: (fresh?: ProjectDetail) => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [planForm] = Form.useForm<PlanValues>();
  const [monthForm] = Form.useForm<MonthValues>();
  const [dialog, setDialog] = useState<'plan' | 'month' | null>(null);
  const [saving, setSaving] = useState(false);
  const moneyRule = zodRule(investmentUpsert.shape.amount);
  const required = { required: true, message: t('form.required') };
  const months = [...p.investments].sort((a, b) => a.month.localeCompare(b.month));
  const thisMonth = dayjs().format('YYYY-MM');
  const amountOf = (month: string) => p.investments.find((i) => i.month.slice(0, 7) === month)?.amount;

  const savePlan = async (v: PlanValues) => {
    setSaving(true);
    try {
      const fresh = await api.put<ProjectDetail>(`/projects/${p.id}/plans`, { year: v.year, amount: v.amount.trim() });
      feedback.message.success(t('prj.invest.planSaved'));
      setDialog(null);
      onChanged(fresh);
    } catch (e) {
      showError(e, planForm);
    } finally {
      setSaving(false);
    }
  };
  const saveMonth = async (v: MonthValues) => {
    setSaving(true);
    try {
      const fresh = await api.put<ProjectDetail>(`/projects/${p.id}/investments`, {
        month: v.month,
        amount: v.amount.trim(),
      });
      feedback.message.success(t('prj.invest.saved'));
      setDialog(null);
      onChanged(fresh);
    } catch (e) {
      showError(e, monthForm);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={10}>
        <Card
          size="small"
          title={t('prj.invest.plan')}
          extra={
            <Can perm="project:edit">
              <Button icon={<PlusOutlined />} onClick={() => setDialog('plan')}>
                {t('prj.invest.setPlan')}
              </Button>
            </Can>
          }
        >
          <Table
            size="small"
            rowKey="year"
            pagination={false}
            dataSource={[...p.plans].sort((a, b) => b.year - a.year)}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} /> }}
            columns={[
              { title: t('prj.invest.planYear'), dataIndex: 'year' },
              {
                title: t('prj.fields.yearPlan'),
                dataIndex: 'amount',
                align: 'right',
                render: (v) => <Money yuan={v} />,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title={t('prj.invest.monthly')}
          extra={
            <Can perm="project:report">
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('month')}>
                {t('prj.invest.report')}
              </Button>
            </Can>
          }
        >
          {months.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('prj.invest.noMonths')} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Suspense fallback={<Skeleton active />}>
                <InvestChart rows={months} />
              </Suspense>
              <Table
                size="small"
                rowKey="month"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={[...months].reverse()}
                columns={[
                  { title: t('prj.invest.month'), dataIndex: 'month', render: (v: string) => v.slice(0, 7) },
                  {
                    title: t('prj.invest.monthly'),
                    dataIndex: 'amount',
                    align: 'right',
                    render: (v: string) => <Money yuan={v} />,
                  },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t('prj.invest.total')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {money(p.sinceStartCompleted)}
                      {completionRate(p.sinceStartCompleted, p.totalInvestment) !== null &&
                        ` (${completionRate(p.sinceStartCompleted, p.totalInvestment)?.toFixed(1)}%)`}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            </Space>
          )}
        </Card>
      </Col>
      {dialog === 'plan' && (
        <ModalForm<PlanValues>
          title={t('prj.invest.setPlan')}
          form={planForm}
          saving={saving}
          onCancel={() => setDialog(null)}
          onSubmit={savePlan}
          initialValues={{
            year: dayjs().year(),
            amount: p.plans.find((x) => x.year === dayjs().year())?.amount.replace(/\.00$/, ''),
          }}
        >
          <Form.Item name="year" label={t('prj.invest.planYear')} rules={[required]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="amount"
            label={t('prj.invest.planAmount')}
            extra={t('prj.yuanHint')}
            rules={[required, zodRule(planUpsert.shape.amount)]}
          >
            <Input inputMode="decimal" maxLength={18} />
          </Form.Item>
        </ModalForm>
      )}
      {dialog === 'month' && (
        <ModalForm<MonthValues>
          title={t('prj.invest.reportTitle')}
          form={monthForm}
          saving={saving}
          onCancel={() => setDialog(null)}
          onSubmit={saveMonth}
          initialValues={{ month: thisMonth, amount: amountOf(thisMonth)?.replace(/\.00$/, '') }}
          testId="invest-modal"
        >
          <Form.Item name="month" label={t('prj.invest.month')} rules={[required]}>
            <MonthInput allowClear={false} />
          </Form.Item>
          <Form.Item
            name="amount"
            label={t('prj.invest.amount')}
            extra={t('prj.yuanHint')}
            rules={[required, moneyRule]}
          >
            <Input inputMode="decimal" maxLength={18} />
          </Form.Item>
        </ModalForm>
      )}
    </Row>
  );
}
