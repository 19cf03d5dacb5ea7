import { projectCreate, projectUpdate } from '@beizeng/contract';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { useDictOptions } from '../../shared/dicts';
import { EnterpriseSelect } from '../../shared/EnterpriseSelect';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback } from '../../shared/feedback';
import { RegionTreeSelect } from '../../shared/regions';
import { useCurrentUser } from '../../shared/session';
import { handleSaveError } from '../../shared/stale';
import { zodRule } from '../../shared/zodRule';
import { useDepartments } from '../departments/api';
import { APPROVAL_TYPES, PROJECT_STAGES, type ProjectDetail, stageLabel, useUserOptions } from './api';
import { useMoney } from './parts';

interface Values {
  name: string;
  code?: string | null;
  enterpriseId?: number | null;
  regionCode: string;
  chain?: string | null;
  chainRole?: string | null;
  nature?: string | null;
  approvalType?: string | null;
  totalInvestment: string;
  constructionContent?: string | null;
  expectedOutput?: string | null;
  expectedTax?: string | null;
  expectedJobs?: number | null;
  plannedStart?: Dayjs | null;
  plannedProduction?: Dayjs | null;
  leaderId?: number | null;
  responsibleDeptId?: number | null;
  responsibleUserId?: number | null;
  reportCycle: 'weekly' | 'monthly';
  stage?: string;
  adjustReason?: string;
}

const day = (s: string | null | undefined) => (s ? dayjs(s) : null);
const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
/** "50000000.00" → "50000000" for the input; the server keeps two decimals. */
const plainMoney = (v: string | null | undefined) => (v ? v.replace(/\.00$/, '') : v);

const valuesOf = (p: ProjectDetail): Values => ({
  name: p.name,
  code: p.code,
  enterpriseId: p.enterpriseId,
  regionCode: p.regionCode,
  chain: p.chain,
  chainRole: p.chainRole,
  nature: p.nature,
  approvalType: p.approvalType,
  totalInvestment: plainMoney(p.totalInvestment) ?? '0',
  constructionContent: p.constructionContent,
  expectedOutput: plainMoney(p.expectedOutput),
  expectedTax: plainMoney(p.expectedTax),
  expectedJobs: p.expectedJobs,
  plannedStart: day(p.plannedStart),
  plannedProduction: day(p.plannedProduction),
  leaderId: p.leaderId,
  responsibleDeptId: p.responsibleDeptId,
  responsibleUserId: p.responsibleUserId,
  reportCycle: p.reportCycle,
});

export function ProjectDrawer({
  project,
  onClose,
  onSaved,
}: {
  project: ProjectDetail | null;
  onClose: () => void;
  onSaved: (p: ProjectDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const money = useMoney();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState<ProjectDetail | null>(project);
  const [saving, setSaving] = useState(false);
  const chainOptions = useDictOptions('industry_chain');
  const roleOptions = useDictOptions('chain_role');
  const natureOptions = useDictOptions('project_nature');
  const departments = useDepartments();
  const leaders = useUserOptions('leader');
  const users = useUserOptions(undefined);
  const total = Form.useWatch('totalInvestment', form);
  const lowering =
    !!record && typeof total === 'string' && /^\d/.test(total) && Number(total) < Number(record.totalInvestment);

  const labels: Record<string, string> = {
    name: t('prj.fields.name'),
    code: t('prj.fields.code'),
    enterpriseId: t('prj.fields.enterprise'),
    enterpriseName: t('prj.fields.enterprise'),
    regionCode: t('prj.fields.region'),
    chain: t('prj.fields.chain'),
    chainRole: t('prj.fields.chainRole'),
    nature: t('prj.fields.nature'),
    approvalType: t('prj.fields.approvalType'),
    totalInvestment: t('prj.fields.totalInvestment'),
    constructionContent: t('prj.fields.constructionContent'),
    expectedOutput: t('prj.fields.expectedOutput'),
    expectedTax: t('prj.fields.expectedTax'),
    expectedJobs: t('prj.fields.expectedJobs'),
    plannedStart: t('prj.fields.plannedStart'),
    plannedProduction: t('prj.fields.plannedProduction'),
    leaderId: t('prj.fields.leader'),
    responsibleDeptId: t('prj.fields.responsibleDept'),
    responsibleUserId: t('prj.fields.responsibleUser'),
    reportCycle: t('prj.fields.reportCycle'),
    stage: t('prj.fields.stage'),
    suspended: t('prj.suspendedTag'),
  };

  const reload = async () => {
    if (!record) return;
    const fresh = await api.get<ProjectDetail>(`/projects/${record.id}`);
    setRecord(fresh);
    form.setFieldsValue(valuesOf(fresh));
  };

  /** Options naming the current value even when the list cannot be loaded. */
  const withCurrent = (
    opts: { value: number; label: string }[] | undefined,
    id?: number | null,
    name?: string | null,
  ) => {
    const out = [...(opts ?? [])];
    if (id != null && name && !out.some((o) => o.value === id)) out.unshift({ value: id, label: name });
    return out;
  };

  const submit = async (v: Values) => {
    setSaving(true);
    const body = {
      name: v.name.trim(),
      code: blank(v.code),
      enterpriseId: v.enterpriseId ?? null,
      regionCode: v.regionCode,
      chain: v.chain ?? null,
      chainRole: v.chainRole ?? null,
      nature: v.nature ?? null,
      approvalType: v.approvalType ?? null,
      totalInvestment: v.totalInvestment.trim(),
      constructionContent: blank(v.constructionContent),
      expectedOutput: blank(v.expectedOutput),
      expectedTax: blank(v.expectedTax),
      expectedJobs: v.expectedJobs ?? null,
      plannedStart: v.plannedStart ? v.plannedStart.format('YYYY-MM-DD') : null,
      plannedProduction: v.plannedProduction ? v.plannedProduction.format('YYYY-MM-DD') : null,
      leaderId: v.leaderId ?? null,
      responsibleDeptId: v.responsibleDeptId ?? null,
      responsibleUserId: v.responsibleUserId ?? null,
      reportCycle: v.reportCycle,
    };
    try {
      if (record) {
        const saved = await api.patch<ProjectDetail>(`/projects/${record.id}`, {
          ...body,
          version: record.version,
          adjustReason: lowering ? v.adjustReason?.trim() : undefined,
        });
        feedback.message.success(t('common.saved'));
        onSaved(saved);
      } else {
        const saved = await api.post<ProjectDetail>('/projects', { ...body, stage: v.stage ?? 'planning' });
        feedback.message.success(t('prj.created', { name: saved.name }));
        onSaved(saved);
      }
    } catch (e) {
      handleSaveError(e, { form, original: record as any, labels, reload });
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: t('form.required') };
  const moneyRule = zodRule(projectCreate.shape.totalInvestment);
  const half = { xs: 24, sm: 12 };

  return (
    <FormDrawer<Values>
      open
      width={720}
      title={record ? t('prj.editTitle', { name: record.name }) : t('prj.createTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      initialValues={
        record
          ? valuesOf(record)
          : { regionCode: me.regionCode ?? undefined, reportCycle: 'monthly', stage: 'planning' }
      }
    >
      <Form.Item name="name" label={t('prj.fields.name')} rules={[{ ...required, whitespace: true }, { max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="code"
            label={t('prj.fields.code')}
            extra={t('prj.codeHint')}
            rules={[zodRule(projectCreate.shape.code.unwrap().unwrap())]}
          >
            <Input className="bz-mono" maxLength={24} placeholder="2024-370406-30-03-012345" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="enterpriseId" label={t('prj.fields.enterprise')}>
            <EnterpriseSelect valueLabel={record?.enterpriseName} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="regionCode" label={t('prj.fields.region')} rules={[required]}>
            <RegionTreeSelect home={[me.regionCode]} valueLabel={record?.regionName} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="totalInvestment"
            label={t('prj.fields.totalInvestmentYuan')}
            extra={total && /^\d/.test(total) ? money(total) : t('prj.yuanHint')}
            rules={[required, moneyRule]}
          >
            <Input inputMode="decimal" maxLength={18} autoComplete="off" />
          </Form.Item>
        </Col>
        {lowering && (
          <Col span={24}>
            <Form.Item
              name="adjustReason"
              label={t('prj.fields.adjustReason')}
              extra={t('prj.adjustBody', { from: money(record?.totalInvestment), to: money(total) })}
              rules={[{ ...required, whitespace: true }, zodRule(projectUpdate.shape.adjustReason.unwrap())]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item name="chain" label={t('prj.fields.chain')}>
            <Select allowClear options={chainOptions} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="chainRole" label={t('prj.fields.chainRole')}>
            <Select allowClear options={roleOptions} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="nature" label={t('prj.fields.nature')}>
            <Select allowClear options={natureOptions} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="approvalType" label={t('prj.fields.approvalType')}>
            <Select allowClear options={APPROVAL_TYPES.map((a) => ({ value: a, label: t(`prj.approval.${a}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="constructionContent" label={t('prj.fields.constructionContent')}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name="expectedOutput" label={t('prj.fields.expectedOutput')} rules={[moneyRule]}>
            <Input inputMode="decimal" maxLength={18} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="expectedTax" label={t('prj.fields.expectedTax')} rules={[moneyRule]}>
            <Input inputMode="decimal" maxLength={18} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="expectedJobs" label={t('prj.fields.expectedJobs')}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="plannedStart" label={t('prj.fields.plannedStart')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="plannedProduction"
            label={t('prj.fields.plannedProduction')}
            dependencies={['plannedStart']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_r, v: Dayjs | null) => {
                  const s = getFieldValue('plannedStart') as Dayjs | null;
                  if (v && s && v.isBefore(s, 'day')) throw new Error(t('prj.productionBeforeStart'));
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="leaderId" label={t('prj.fields.leader')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={leaders.isLoading}
              options={withCurrent(leaders.data, record?.leaderId, record?.leaderName)}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="reportCycle" label={t('prj.fields.reportCycle')} rules={[required]}>
            <Select
              options={[
                { value: 'monthly', label: t('prj.cycle.monthly') },
                { value: 'weekly', label: t('prj.cycle.weekly') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="responsibleDeptId" label={t('prj.fields.responsibleDept')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.isLoading}
              options={(departments.data ?? [])
                .filter((d) => d.status === 'active' || d.id === record?.responsibleDeptId)
                .map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="responsibleUserId" label={t('prj.fields.responsibleUser')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.isLoading}
              options={withCurrent(users.data, record?.responsibleUserId, record?.responsibleName)}
            />
          </Form.Item>
        </Col>
        {!record && (
          <Col {...half}>
            <Form.Item name="stage" label={t('prj.fields.stage')} rules={[required]}>
              <Select options={PROJECT_STAGES.map((s) => ({ value: s, label: stageLabel(s, i18n.language) }))} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </FormDrawer>
  );
}
