import { leadCreate } from '@beizeng/contract';
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { useDictOptions } from '../../shared/dicts';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback } from '../../shared/feedback';
import { RegionTreeSelect } from '../../shared/regions';
import { useCurrentUser } from '../../shared/session';
import { handleSaveError } from '../../shared/stale';
import { zodRule } from '../../shared/zodRule';
import type { LeadDetail } from './api';
import { MoneyHint, UserSelect } from './parts';

interface Values {
  investorName: string;
  projectName: string;
  industryCode?: string | null;
  chain?: string | null;
  intendedInvestment?: string | null;
  source: string;
  introducer?: string | null;
  regionCode: string;
  ownerId?: number | null;
  groupMemberId?: number | null;
  nextAction?: string | null;
  nextActionOn?: Dayjs | null;
}

const valuesOf = (l: LeadDetail): Values => ({
  investorName: l.investorName,
  projectName: l.projectName,
  industryCode: l.industryCode,
  chain: l.chain,
  intendedInvestment: l.intendedInvestment,
  source: l.source,
  introducer: l.introducer,
  regionCode: l.regionCode,
  ownerId: l.ownerId,
  groupMemberId: l.groupMemberId,
  nextAction: l.nextAction,
  nextActionOn: l.nextActionOn ? dayjs(l.nextActionOn) : null,
});

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** 登记线索 / 编辑线索 (POST /leads, PATCH /leads/:id with version). */
export function LeadDrawer({
  lead,
  onClose,
  onSaved,
}: {
  lead: LeadDetail | null;
  onClose: () => void;
  onSaved: (l: LeadDetail) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState<LeadDetail | null>(lead);
  const [saving, setSaving] = useState(false);
  const sources = useDictOptions('lead_source');
  const chains = useDictOptions('industry_chain');
  const amount = Form.useWatch('intendedInvestment', form);

  const labels: Record<string, string> = {
    investorName: t('lead.fields.investorName'),
    projectName: t('lead.fields.projectName'),
    industryCode: t('lead.fields.industryCode'),
    chain: t('lead.fields.chain'),
    intendedInvestment: t('lead.fields.intendedInvestment'),
    source: t('lead.fields.source'),
    introducer: t('lead.fields.introducer'),
    regionCode: t('lead.fields.region'),
    ownerId: t('lead.fields.owner'),
    groupMemberId: t('lead.fields.groupMember'),
    nextAction: t('lead.fields.nextAction'),
    nextActionOn: t('lead.fields.nextActionOn'),
    stage: t('lead.fields.stage'),
  };

  const reload = async () => {
    if (!record) return;
    const fresh = await api.get<LeadDetail>(`/leads/${record.id}`);
    setRecord(fresh);
    form.setFieldsValue(valuesOf(fresh));
  };

  const submit = async (v: Values) => {
    setSaving(true);
    const body = {
      investorName: v.investorName.trim(),
      projectName: v.projectName.trim(),
      industryCode: blankToNull(v.industryCode),
      chain: v.chain ?? null,
      intendedInvestment: blankToNull(v.intendedInvestment),
      source: v.source,
      introducer: blankToNull(v.introducer),
      regionCode: v.regionCode,
      ownerId: v.ownerId ?? undefined,
      groupMemberId: v.groupMemberId ?? null,
      nextAction: blankToNull(v.nextAction),
      nextActionOn: v.nextActionOn ? v.nextActionOn.format('YYYY-MM-DD') : null,
    };
    try {
      let saved: LeadDetail;
      if (record) {
        saved = await api.patch<LeadDetail>(`/leads/${record.id}`, { ...body, version: record.version });
        feedback.message.success(t('common.saved'));
      } else {
        saved = await api.post<LeadDetail>('/leads', body);
        feedback.message.success(t('lead.created', { name: saved.projectName }));
      }
      onSaved(saved);
    } catch (e) {
      handleSaveError(e, { form, original: record as any, labels, reload });
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer<Values>
      open
      title={record ? t('lead.editTitle', { name: record.projectName }) : t('lead.createTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      width={640}
      initialValues={record ? valuesOf(record) : { regionCode: me.regionCode ?? undefined }}
    >
      <Form.Item
        name="investorName"
        label={t('lead.fields.investorName')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          zodRule(leadCreate.shape.investorName),
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="projectName"
        label={t('lead.fields.projectName')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          zodRule(leadCreate.shape.projectName),
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="intendedInvestment"
        label={t('lead.fields.intendedInvestmentYuan')}
        extra={<MoneyHint value={amount} />}
        rules={[zodRule(leadCreate.shape.intendedInvestment, t('lead.amountInvalid'))]}
      >
        <Input inputMode="decimal" maxLength={20} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="source"
            label={t('lead.fields.source')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select options={sources} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="chain" label={t('lead.fields.chain')}>
            <Select allowClear options={chains} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="introducer" label={t('lead.fields.introducer')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="industryCode"
            label={t('lead.fields.industryCode')}
            extra={t('lead.industryCodeHint')}
            rules={[zodRule(leadCreate.shape.industryCode, t('lead.industryCodeInvalid'))]}
          >
            <Input maxLength={4} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="regionCode"
        label={t('lead.fields.region')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <RegionTreeSelect home={[me.regionCode]} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="ownerId" label={t('lead.fields.owner')} extra={record ? undefined : t('lead.ownerHint')}>
            <UserSelect role="investment" valueLabel={record?.ownerName} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="groupMemberId" label={t('lead.fields.groupMember')}>
            <UserSelect role="leader" valueLabel={record?.groupMemberName} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="nextAction" label={t('lead.fields.nextAction')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="nextActionOn" label={t('lead.fields.nextActionOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormDrawer>
  );
}
