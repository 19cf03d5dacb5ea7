import { PlusOutlined } from '@ant-design/icons';
import { dictTypeCreate } from '@beizeng/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Card,
  Col,
  ColorPicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback, showError } from '../../shared/feedback';
import { handleSaveError } from '../../shared/stale';
import type { DictItem, DictType } from '../../shared/types';
import { unfixOnMobile, useIsMobile } from '../../shared/useIsMobile';
import { zodRule } from '../../shared/zodRule';

export const PRESET_COLORS = [
  'blue',
  'green',
  'red',
  'orange',
  'gold',
  'purple',
  'cyan',
  'magenta',
  'volcano',
  'geekblue',
  'lime',
  'default',
] as const;

const TYPES_KEY = ['dicts', 'types'] as const;
const itemsKey = (code: string) => ['dicts', 'items', code] as const;

interface TypeValues {
  code: string;
  name: string;
  nameEn: string;
  description?: string | null;
}

function TypeModal({ onClose, onSaved }: { onClose: () => void; onSaved: (code: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TypeValues>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: TypeValues) => {
    setBusy(true);
    try {
      await api.post('/dicts/types', {
        code: v.code.trim(),
        name: v.name.trim(),
        nameEn: v.nameEn.trim(),
        description: v.description?.trim() || null,
      });
      feedback.message.success(t('common.saved'));
      onSaved(v.code.trim());
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('dicts.createType')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="code"
          label={t('dicts.fields.typeCode')}
          extra={t('dicts.typeCodeHint')}
          rules={[
            { required: true, message: t('form.required') },
            zodRule(dictTypeCreate.shape.code, t('dicts.typeCodeInvalid')),
          ]}
        >
          <Input maxLength={48} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('dicts.fields.typeName')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('dicts.fields.typeNameEn')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('dicts.fields.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ItemValues {
  value: string;
  label: string;
  labelEn: string;
  color?: string | null;
  sort: number;
  status: 'active' | 'disabled';
}

/** A preset colour name or a #rrggbb picked on the wheel. */
function ColorField({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const { t } = useTranslation();
  const isHex = !!value && value.startsWith('#');
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select
        id={id}
        allowClear
        style={{ flex: 1 }}
        placeholder={t('dicts.noColor')}
        value={value ?? undefined}
        onChange={(v) => onChange?.(v ?? null)}
        options={[
          ...PRESET_COLORS.map((c) => ({ value: c, label: <Tag color={c}>{c}</Tag> })),
          ...(isHex ? [{ value: value as string, label: <Tag color={value as string}>{value}</Tag> }] : []),
        ]}
      />
      <ColorPicker
        value={isHex ? value : undefined}
        disabledAlpha
        onChangeComplete={(c) => onChange?.(c.toHexString().slice(0, 7))}
      />
    </Space.Compact>
  );
}

function ItemDrawer({
  typeCode,
  item,
  onClose,
  onSaved,
}: {
  typeCode: string;
  item: DictItem | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ItemValues>();
  const [record, setRecord] = useState(item);
  const [saving, setSaving] = useState(false);
  const preview = Form.useWatch([], form) as ItemValues | undefined;
  const valuesOf = (i: DictItem): ItemValues => ({
    value: i.value,
    label: i.label,
    labelEn: i.labelEn,
    color: i.color,
    sort: i.sort,
    status: i.status,
  });
  const submit = async (v: ItemValues) => {
    setSaving(true);
    try {
      const body = {
        label: v.label.trim(),
        labelEn: v.labelEn.trim(),
        color: v.color || null,
        sort: v.sort ?? 0,
        status: v.status,
      };
      if (record) await api.put(`/dicts/items/${record.id}`, { ...body, version: record.version });
      else await api.post(`/dicts/types/${encodeURIComponent(typeCode)}/items`, { ...body, value: v.value.trim() });
      feedback.message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      handleSaveError(e, {
        form,
        original: record as any,
        labels: {
          label: t('dicts.fields.label'),
          labelEn: t('dicts.fields.labelEn'),
          color: t('dicts.fields.color'),
          sort: t('dicts.fields.sort'),
          status: t('dicts.fields.status'),
        },
        reload: async () => {
          const items = await api
            .get<{ items: DictItem[] }>(`/dicts/types/${encodeURIComponent(typeCode)}/items`)
            .then((r) => r.items);
          const fresh = items.find((i) => i.id === record?.id);
          if (fresh) {
            setRecord(fresh);
            form.setFieldsValue(valuesOf(fresh));
          }
        },
      });
    } finally {
      setSaving(false);
    }
  };
  return (
    <FormDrawer<ItemValues>
      open
      width={480}
      title={record ? t('dicts.editItem', { name: record.label }) : t('dicts.createItem')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      initialValues={record ? valuesOf(record) : { sort: 0, status: 'active' }}
    >
      {record ? (
        <Form.Item label={t('dicts.fields.value')} extra={t('dicts.valueFixed')}>
          <Typography.Text className="bz-mono">{record.value}</Typography.Text>
        </Form.Item>
      ) : (
        <Form.Item
          name="value"
          label={t('dicts.fields.value')}
          extra={t('dicts.valueHint')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item
        name="label"
        label={t('dicts.fields.label')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="labelEn"
        label={t('dicts.fields.labelEn')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="color" label={t('dicts.fields.color')}>
        <ColorField />
      </Form.Item>
      <Form.Item label={t('dicts.preview')}>
        <Tag color={preview?.color ?? undefined}>{preview?.label || t('dicts.fields.label')}</Tag>
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="sort" label={t('dicts.fields.sort')} style={{ flex: '1 1 160px' }}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="status" label={t('dicts.fields.status')} style={{ flex: '1 1 160px' }}>
          <Radio.Group
            options={[
              { value: 'active', label: t('common.statusActive') },
              { value: 'disabled', label: t('common.statusDisabled') },
            ]}
          />
        </Form.Item>
      </Flex>
    </FormDrawer>
  );
}

export default function DictsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const isMobile = useIsMobile();
  const [typeFilter, setTypeFilter] = useState('');
  const [creatingType, setCreatingType] = useState(false);
  const [drawer, setDrawer] = useState<{ item: DictItem | null } | null>(null);
  const types = useQuery({
    queryKey: TYPES_KEY,
    queryFn: () => api.get<{ items: DictType[] }>('/dicts/types').then((r) => r.items),
  });
  const selected = sp.get('type') ?? types.data?.[0]?.code ?? null;
  const selectedType = types.data?.find((x) => x.code === selected) ?? null;
  const items = useQuery({
    queryKey: itemsKey(selected ?? ''),
    queryFn: () =>
      api.get<{ items: DictItem[] }>(`/dicts/types/${encodeURIComponent(selected ?? '')}/items`).then((r) => r.items),
    enabled: !!selected,
  });

  const select = (code: string) => setSp({ type: code }, { replace: true });
  const refresh = () => qc.invalidateQueries({ queryKey: ['dicts'] });

  const toggle = async (i: DictItem) => {
    try {
      await api.put(`/dicts/items/${i.id}`, {
        status: i.status === 'active' ? 'disabled' : 'active',
        version: i.version,
      });
      feedback.message.success(t('common.saved'));
    } catch (e) {
      showError(e);
    }
    refresh();
  };

  const needle = typeFilter.trim().toLowerCase();
  const visibleTypes = (types.data ?? []).filter(
    (x) =>
      !needle ||
      x.code.includes(needle) ||
      x.name.toLowerCase().includes(needle) ||
      x.nameEn.toLowerCase().includes(needle),
  );

  const columns: TableColumnsType<DictItem> = [
    { title: t('dicts.fields.value'), dataIndex: 'value', render: (v: string) => <span className="bz-mono">{v}</span> },
    {
      title: t('dicts.fields.label'),
      key: 'label',
      render: (_v, i) => <Tag color={i.color ?? undefined}>{en ? i.labelEn || i.label : i.label}</Tag>,
    },
    { title: t('dicts.fields.labelZh'), dataIndex: 'label' },
    { title: t('dicts.fields.labelEn'), dataIndex: 'labelEn' },
    { title: t('dicts.fields.sort'), dataIndex: 'sort', align: 'right' },
    {
      title: t('dicts.fields.status'),
      dataIndex: 'status',
      render: (v: DictItem['status']) =>
        v === 'active' ? <Tag color="green">{t('common.statusActive')}</Tag> : <Tag>{t('common.statusDisabled')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_v, i) => (
        <Can perm="system:dict:edit">
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDrawer({ item: i })}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={
                i.status === 'active'
                  ? t('dicts.confirmDisable', { name: i.label })
                  : t('dicts.confirmEnable', { name: i.label })
              }
              description={i.status === 'active' ? t('dicts.disableBody') : undefined}
              onConfirm={() => toggle(i)}
            >
              <Button type="link" size="small" danger={i.status === 'active'}>
                {i.status === 'active' ? t('common.disable') : t('common.enable')}
              </Button>
            </Popconfirm>
          </Space>
        </Can>
      ),
    },
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8} xl={6}>
        <Card
          size="small"
          title={t('dicts.types')}
          extra={
            <Can perm="system:dict:edit">
              <Button size="small" icon={<PlusOutlined />} onClick={() => setCreatingType(true)}>
                {t('dicts.createType')}
              </Button>
            </Can>
          }
          styles={{ body: { padding: 8 } }}
        >
          {isMobile ? (
            <Select
              style={{ width: '100%' }}
              value={selected ?? undefined}
              onChange={select}
              loading={types.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('dicts.types')}
              options={(types.data ?? []).map((x) => ({
                value: x.code,
                label: `${en ? x.nameEn || x.name : x.name} · ${x.code} (${x.itemCount})`,
              }))}
            />
          ) : (
            <>
              <Input.Search
                allowClear
                size="small"
                placeholder={t('dicts.searchTypes')}
                onChange={(e) => setTypeFilter(e.target.value)}
                style={{ marginBottom: 8 }}
              />
              <Spin spinning={types.isLoading}>
                {visibleTypes.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dicts.noTypes')} />
                ) : (
                  <div role="listbox" style={{ maxHeight: '60vh', overflow: 'auto' }}>
                    {visibleTypes.map((x) => {
                      const active = x.code === selected;
                      return (
                        <button
                          type="button"
                          role="option"
                          aria-selected={active}
                          key={x.code}
                          onClick={() => select(x.code)}
                          style={{
                            all: 'unset',
                            boxSizing: 'border-box',
                            display: 'flex',
                            width: '100%',
                            justifyContent: 'space-between',
                            alignItems: 'center',
                            gap: 8,
                            padding: '8px 10px',
                            borderRadius: 6,
                            cursor: 'pointer',
                            background: active ? '#e6f0ff' : undefined,
                          }}
                        >
                          <span style={{ minWidth: 0 }}>
                            <Typography.Text strong={active} ellipsis style={{ display: 'block' }}>
                              {en ? x.nameEn || x.name : x.name}
                            </Typography.Text>
                            <Typography.Text type="secondary" className="bz-mono" style={{ fontSize: 12 }}>
                              {x.code}
                            </Typography.Text>
                          </span>
                          <Badge count={x.itemCount} showZero color={active ? '#1f5fbf' : '#bfbfbf'} />
                        </button>
                      );
                    })}
                  </div>
                )}
              </Spin>
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} md={16} xl={18}>
        <Card
          size="small"
          title={
            selectedType ? (
              <Space wrap>
                <span>{en ? selectedType.nameEn || selectedType.name : selectedType.name}</span>
                <Typography.Text type="secondary" className="bz-mono" style={{ fontSize: 12 }}>
                  {selectedType.code}
                </Typography.Text>
                {selectedType.builtin && <Tag>{t('dicts.builtin')}</Tag>}
              </Space>
            ) : (
              t('dicts.items')
            )
          }
          extra={
            selected && (
              <Can perm="system:dict:edit">
                <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setDrawer({ item: null })}>
                  {t('dicts.createItem')}
                </Button>
              </Can>
            )
          }
        >
          {selectedType?.description && (
            <Typography.Paragraph type="secondary">{selectedType.description}</Typography.Paragraph>
          )}
          <Table<DictItem>
            rowKey="id"
            size="middle"
            columns={unfixOnMobile(columns, isMobile)}
            dataSource={items.data ?? []}
            loading={items.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={selected ? t('dicts.noItems') : t('dicts.pickType')}
                />
              ),
            }}
          />
        </Card>
      </Col>
      {creatingType && (
        <TypeModal
          onClose={() => setCreatingType(false)}
          onSaved={(code) => {
            setCreatingType(false);
            refresh();
            select(code);
          }}
        />
      )}
      {drawer && selected && (
        <ItemDrawer
          key={drawer.item?.id ?? 'new'}
          typeCode={selected}
          item={drawer.item}
          onClose={() => setDrawer(null)}
          onSaved={() => {
            setDrawer(null);
            refresh();
          }}
        />
      )}
    </Row>
  );
}
