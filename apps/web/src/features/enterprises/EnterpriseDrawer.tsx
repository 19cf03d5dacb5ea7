import { checkUscc, enterpriseCreate, usccMessage } from '@beizeng/contract';
import { Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, isApiError } from '../../shared/api';
import { useDictOptions } from '../../shared/dicts';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback } from '../../shared/feedback';
import { RegionTreeSelect } from '../../shared/regions';
import { useCan, useCurrentUser } from '../../shared/session';
import { handleSaveError } from '../../shared/stale';
import { zodRule } from '../../shared/zodRule';
import { type EnterpriseDetail, useIndustries } from './api';
import { useRegisterStatusOptions } from './shared';

interface Values {
  name: string;
  shortName?: string | null;
  uscc?: string | null;
  usccOverride?: string | null;
  regionCode: string;
  address?: string | null;
  industryCode?: string | null;
  chain?: string | null;
  tags: string[];
  statCategory?: string | null;
  registerStatus: 'below' | 'in' | 'out';
  registerDate?: Dayjs | null;
  targetRegister?: string | null;
  legalPerson?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  establishedOn?: Dayjs | null;
  registeredCapital?: string | null;
  note?: string | null;
}

const day = (v: string | null) => (v ? dayjs(v) : null);
const iso = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

const valuesOf = (e: EnterpriseDetail): Values => ({
  name: e.name,
  shortName: e.shortName,
  uscc: e.uscc,
  usccOverride: e.usccOverride,
  regionCode: e.regionCode,
  address: e.address,
  industryCode: e.industryCode,
  chain: e.chain,
  tags: e.tags,
  statCategory: e.statCategory,
  registerStatus: e.registerStatus,
  registerDate: day(e.registerDate),
  targetRegister: e.targetRegister,
  legalPerson: e.legalPerson,
  contactName: e.contactName,
  contactPhone: e.contactPhone,
  establishedOn: day(e.establishedOn),
  registeredCapital: e.registeredCapital,
  note: e.note,
});

/** Searchable GB/T 4754 picker (GET /api/v1/industries?q=). */
function IndustrySelect({
  value,
  onChange,
  valueLabel,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  valueLabel?: string | null;
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(h);
  }, [input]);
  const { data, isFetching } = useIndustries(q || undefined);
  const options = (data ?? []).map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: valueLabel ? `${value} ${valueLabel}` : value });
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={isFetching}
      placeholder={t('ent.industryHint')}
      notFoundContent={isFetching ? t('common.loading') : t('common.noData')}
    />
  );
}

export function EnterpriseDrawer({
  enterprise,
  onClose,
  onSaved,
}: {
  enterprise: EnterpriseDetail | null;
  onClose: () => void;
  onSaved: (e: EnterpriseDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState<EnterpriseDetail | null>(enterprise);
  const [saving, setSaving] = useState(false);
  const chainOptions = useDictOptions('industry_chain');
  const statOptions = useDictOptions('stat_category');
  const tagOptions = useDictOptions('enterprise_tag');
  const statusOptions = useRegisterStatusOptions();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const uscc = Form.useWatch('uscc', form) as string | null | undefined;
  const usccCheck = uscc?.trim() ? checkUscc(uscc) : null;
  const mayOverride = can('enterprise:override');
  const showOverride = mayOverride && !!usccCheck && !usccCheck.ok;
  const phoneMasked = !!record?.contactPhone && record.contactPhone.includes('*');

  const labels: Record<string, string> = {
    name: t('ent.fields.name'),
    shortName: t('ent.fields.shortName'),
    uscc: t('ent.fields.uscc'),
    regionCode: t('ent.fields.region'),
    address: t('ent.fields.address'),
    industryCode: t('ent.fields.industry'),
    chain: t('ent.fields.chain'),
    tags: t('ent.fields.tags'),
    statCategory: t('ent.fields.statCategory'),
    registerStatus: t('ent.fields.registerStatus'),
    registerDate: t('ent.fields.registerDate'),
    targetRegister: t('ent.fields.targetRegister'),
    legalPerson: t('ent.fields.legalPerson'),
    contactName: t('ent.fields.contactName'),
    contactPhone: t('ent.fields.contactPhone'),
    establishedOn: t('ent.fields.establishedOn'),
    registeredCapital: t('ent.fields.registeredCapital'),
    note: t('ent.fields.note'),
  };

  const reload = async () => {
    if (!record) return;
    const fresh = await api.get<EnterpriseDetail>(`/enterprises/${record.id}`);
    setRecord(fresh);
    form.setFieldsValue(valuesOf(fresh));
  };

  const submit = async (v: Values) => {
    setSaving(true);
    const usccValue = blankToNull(v.uscc);
    const failing = usccValue ? !checkUscc(usccValue).ok : false;
    const body: Record<string, unknown> = {
      name: v.name.trim(),
      shortName: blankToNull(v.shortName),
      uscc: usccValue,
      regionCode: v.regionCode,
      address: blankToNull(v.address),
      industryCode: v.industryCode ?? null,
      chain: v.chain ?? null,
      tags: v.tags ?? [],
      statCategory: v.statCategory ?? null,
      registerStatus: v.registerStatus,
      registerDate: iso(v.registerDate),
      targetRegister: v.targetRegister ?? null,
      legalPerson: blankToNull(v.legalPerson),
      contactName: blankToNull(v.contactName),
      establishedOn: iso(v.establishedOn),
      registeredCapital: blankToNull(v.registeredCapital),
      note: blankToNull(v.note),
    };
    if (failing && mayOverride) body.usccOverride = blankToNull(v.usccOverride);
    const phone = blankToNull(v.contactPhone);
    if (!(phoneMasked && phone === record?.contactPhone)) body.contactPhone = phone;
    try {
      const saved = record
        ? await api.patch<EnterpriseDetail>(`/enterprises/${record.id}`, { ...body, version: record.version })
        : await api.post<EnterpriseDetail>('/enterprises', body);
      feedback.message.success(record ? t('common.saved') : t('ent.created', { name: saved.name }));
      onSaved(saved);
    } catch (e) {
      if (isApiError(e) && e.code === 'DUPLICATE' && typeof e.details?.link === 'string') {
        const link = e.details.link as string;
        const field = e.errors[0]?.path === 'body.uscc' ? 'uscc' : 'name';
        form.setFields([
          {
            name: field,
            errors: [
              (
                <span key="dup">
                  {e.errors[0]?.message ?? e.message}{' '}
                  <Typography.Link
                    onClick={() => {
                      onClose();
                      navigate(link);
                    }}
                  >
                    {t('ent.openExisting')}
                  </Typography.Link>
                </span>
              ) as unknown as string,
            ],
          },
        ]);
        form.scrollToField(field);
        feedback.message.warning(e.message);
      } else handleSaveError(e, { form, original: record as any, labels, reload });
    } finally {
      setSaving(false);
    }
  };

  const half = { xs: 24, sm: 12 };

  return (
    <FormDrawer<Values>
      open
      title={record ? t('ent.editTitle', { name: record.name }) : t('ent.createTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      width={720}
      initialValues={
        record ? valuesOf(record) : { regionCode: me.regionCode ?? undefined, tags: [], registerStatus: 'below' }
      }
    >
      <Form.Item
        name="name"
        label={labels.name}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          zodRule(enterpriseCreate.shape.name),
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="shortName" label={labels.shortName}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="uscc"
            label={labels.uscc}
            extra={
              usccCheck?.ok
                ? t('ent.usccOk', { region: usccCheck.registrationRegion ?? '—' })
                : showOverride
                  ? t('ent.usccOverrideHint')
                  : t('ent.usccHint')
            }
            validateStatus={showOverride ? 'warning' : undefined}
            help={showOverride && usccCheck?.problem ? usccMessage(usccCheck.problem, lang) : undefined}
            rules={[
              {
                validator: async (_r, v: string | null) => {
                  if (!v?.trim()) return;
                  const r = checkUscc(v);
                  if (!r.ok && r.problem && !mayOverride) throw new Error(usccMessage(r.problem, lang));
                },
              },
            ]}
          >
            <Input className="bz-mono" maxLength={18} style={{ textTransform: 'uppercase' }} />
          </Form.Item>
        </Col>
      </Row>
      {showOverride && (
        <Form.Item
          name="usccOverride"
          label={t('ent.fields.usccOverride')}
          rules={[
            { required: true, message: t('ent.usccOverrideRequired') },
            { min: 4, max: 200 },
          ]}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      )}
      <Form.Item
        name="regionCode"
        label={labels.regionCode}
        extra={t('ent.regionHint')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <RegionTreeSelect home={[me.regionCode]} valueLabel={record?.regionName} />
      </Form.Item>
      <Form.Item name="address" label={labels.address}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="industryCode" label={labels.industryCode}>
        <IndustrySelect valueLabel={record?.industryName} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="chain" label={labels.chain}>
            <Select allowClear options={chainOptions} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="tags" label={labels.tags}>
            <Select mode="multiple" allowClear options={tagOptions} maxCount={20} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="statCategory" label={labels.statCategory}>
            <Select allowClear options={statOptions} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="registerStatus" label={labels.registerStatus} rules={[{ required: true }]}>
            <Select options={statusOptions} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="registerDate" label={labels.registerDate}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="targetRegister" label={labels.targetRegister}>
            <Select allowClear options={statOptions} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="legalPerson" label={labels.legalPerson}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="contactName" label={labels.contactName}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="contactPhone"
            label={labels.contactPhone}
            extra={phoneMasked ? t('ent.phoneMaskedHint') : undefined}
            rules={[
              {
                validator: async (_r, v: string | null) => {
                  if (!v || (phoneMasked && v === record?.contactPhone)) return;
                  if (!enterpriseCreate.shape.contactPhone.safeParse(v.trim()).success)
                    throw new Error(t('users.phoneInvalid'));
                },
              },
            ]}
          >
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="establishedOn" label={labels.establishedOn}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="registeredCapital"
            label={labels.registeredCapital}
            extra={t('ent.yuanHint')}
            rules={[zodRule(enterpriseCreate.shape.registeredCapital)]}
          >
            <Input inputMode="decimal" maxLength={20} suffix={t('ent.yuan')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={labels.note}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDrawer>
  );
}
