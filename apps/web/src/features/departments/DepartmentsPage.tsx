import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { departmentCreate } from '@beizeng/contract';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback, showError } from '../../shared/feedback';
import { RegionName, RegionTreeSelect } from '../../shared/regions';
import { useCurrentUser } from '../../shared/session';
import { handleSaveError } from '../../shared/stale';
import type { Department } from '../../shared/types';
import { unfixOnMobile, useIsMobile } from '../../shared/useIsMobile';
import { zodRule } from '../../shared/zodRule';
import { buildDepartmentTree, DEPARTMENTS_KEY, type DepartmentNode, useDepartments } from './api';

type Kind = Department['kind'];
const KIND_COLORS: Record<Kind, string> = { town_office: 'blue', district_dept: 'purple', other: 'default' };

export function KindTag({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`departments.kinds.${kind}`)}</Tag>;
}

interface Values {
  name: string;
  code?: string | null;
  parentId?: number | null;
  regionCode: string;
  kind: Kind;
  leader?: string | null;
  phone?: string | null;
  sort: number;
  status: 'active' | 'disabled';
}

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** Ids of a node and everything below it (a department cannot move under itself). */
function subtreeIds(list: Department[], id: number): Set<number> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of list)
      if (d.parentId !== null && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
  }
  return out;
}

function DepartmentDrawer({
  dept,
  parentId,
  all,
  onClose,
  onSaved,
}: {
  dept: Department | null;
  parentId: number | null;
  all: Department[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState(dept);
  const [saving, setSaving] = useState(false);
  const valuesOf = (d: Department): Values => ({
    name: d.name,
    code: d.code,
    parentId: d.parentId,
    regionCode: d.regionCode,
    kind: d.kind,
    leader: d.leader,
    phone: d.phone,
    sort: d.sort,
    status: d.status,
  });
  const parentTree = useMemo(() => {
    const excluded = record ? subtreeIds(all, record.id) : new Set<number>();
    const toNodes = (nodes: DepartmentNode[]): any[] =>
      nodes
        .filter((n) => !excluded.has(n.id))
        .map((n) => ({ value: n.id, title: n.name, children: n.children ? toNodes(n.children) : undefined }));
    return toNodes(buildDepartmentTree(all));
  }, [all, record]);
  const parent = parentId !== null ? all.find((d) => d.id === parentId) : undefined;

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const body = {
        name: v.name.trim(),
        code: blankToNull(v.code),
        parentId: v.parentId ?? null,
        regionCode: v.regionCode,
        kind: v.kind,
        leader: blankToNull(v.leader),
        phone: blankToNull(v.phone),
        sort: v.sort ?? 0,
        status: v.status,
      };
      if (record) await api.put(`/departments/${record.id}`, { ...body, version: record.version });
      else await api.post('/departments', body);
      feedback.message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      handleSaveError(e, {
        form,
        original: record as any,
        labels: {
          name: t('departments.fields.name'),
          code: t('departments.fields.code'),
          parentId: t('departments.fields.parent'),
          regionCode: t('departments.fields.region'),
          kind: t('departments.fields.kind'),
          leader: t('departments.fields.leader'),
          phone: t('departments.fields.phone'),
          sort: t('departments.fields.sort'),
          status: t('departments.fields.status'),
        },
        reload: async () => {
          const items = await api.get<{ items: Department[] }>('/departments').then((r) => r.items);
          const fresh = items.find((d) => d.id === record?.id);
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
    <FormDrawer<Values>
      open
      title={record ? t('departments.editTitle', { name: record.name }) : t('departments.createTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      initialValues={
        record
          ? valuesOf(record)
          : {
              parentId,
              regionCode: parent?.regionCode ?? me.regionCode ?? undefined,
              kind: parent?.kind ?? 'town_office',
              sort: 0,
              status: 'active',
            }
      }
    >
      <Form.Item
        name="name"
        label={t('departments.fields.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="kind"
        label={t('departments.fields.kind')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Radio.Group
          optionType="button"
          options={(['town_office', 'district_dept', 'other'] as const).map((k) => ({
            value: k,
            label: t(`departments.kinds.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="parentId" label={t('departments.fields.parent')}>
        <TreeSelect allowClear treeDefaultExpandAll treeData={parentTree} placeholder={t('departments.noParent')} />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t('departments.fields.region')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <RegionTreeSelect home={[me.regionCode]} />
      </Form.Item>
      <Form.Item name="code" label={t('departments.fields.code')} extra={t('departments.codeHint')}>
        <Input maxLength={32} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="leader" label={t('departments.fields.leader')} style={{ flex: '1 1 180px' }}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('departments.fields.phone')}
          style={{ flex: '1 1 180px' }}
          rules={[zodRule(departmentCreate.shape.phone, t('users.phoneInvalid'))]}
        >
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item
          name="sort"
          label={t('departments.fields.sort')}
          extra={t('departments.sortHint')}
          style={{ flex: '1 1 180px' }}
        >
          <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="status" label={t('departments.fields.status')} style={{ flex: '1 1 180px' }}>
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

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const depts = useDepartments();
  const isMobile = useIsMobile();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<Kind | undefined>();
  const [drawer, setDrawer] = useState<{ dept: Department | null; parentId: number | null } | null>(null);
  const all = depts.data ?? [];
  const refresh = () => qc.invalidateQueries({ queryKey: DEPARTMENTS_KEY });

  const tree = useMemo(() => {
    const needle = q.trim().toLowerCase();
    if (!needle && !kind) return buildDepartmentTree(all);
    // keep matches and their ancestors so the tree still reads top-down
    const byId = new Map(all.map((d) => [d.id, d]));
    const keep = new Set<number>();
    for (const d of all) {
      const hit =
        (!needle ||
          d.name.toLowerCase().includes(needle) ||
          (d.code ?? '').toLowerCase().includes(needle) ||
          (d.leader ?? '').toLowerCase().includes(needle)) &&
        (!kind || d.kind === kind);
      if (!hit) continue;
      let cur: Department | undefined = d;
      while (cur && !keep.has(cur.id)) {
        keep.add(cur.id);
        cur = cur.parentId !== null ? byId.get(cur.parentId) : undefined;
      }
    }
    return buildDepartmentTree(all.filter((d) => keep.has(d.id)));
  }, [all, q, kind]);

  const remove = async (d: Department) => {
    try {
      await api.del(`/departments/${d.id}`);
      feedback.message.success(t('common.deleted'));
    } catch (e) {
      showError(e);
    }
    refresh();
  };

  const columns: TableColumnsType<DepartmentNode> = [
    {
      title: t('departments.fields.name'),
      dataIndex: 'name',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('departments.fields.kind'), dataIndex: 'kind', render: (v: Kind) => <KindTag kind={v} /> },
    { title: t('departments.fields.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
    { title: t('departments.fields.leader'), dataIndex: 'leader', render: (v: string | null) => v ?? '—' },
    { title: t('departments.fields.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    {
      title: t('departments.fields.status'),
      dataIndex: 'status',
      render: (v: Department['status']) =>
        v === 'active' ? <Tag color="green">{t('common.statusActive')}</Tag> : <Tag>{t('common.statusDisabled')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_v, d) => (
        <Can perm="system:dept:edit">
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDrawer({ dept: d, parentId: d.parentId })}>
              {t('common.edit')}
            </Button>
            <Button type="link" size="small" onClick={() => setDrawer({ dept: null, parentId: d.id })}>
              {t('departments.addChild')}
            </Button>
            <Popconfirm
              title={t('departments.confirmDelete', { name: d.name })}
              description={d.children?.length ? t('departments.hasChildren') : t('departments.confirmDeleteBody')}
              okButtonProps={{ danger: true, disabled: !!d.children?.length }}
              onConfirm={() => remove(d)}
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        </Can>
      ),
    },
  ];

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Can perm="system:dept:edit">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ dept: null, parentId: null })}>
              {t('common.create')}
            </Button>
          </Can>
          <Input.Search
            allowClear
            placeholder={t('departments.searchHint')}
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('departments.fields.kind')}
            value={kind}
            onChange={setKind}
            style={{ width: 140 }}
            options={(['town_office', 'district_dept', 'other'] as const).map((k) => ({
              value: k,
              label: t(`departments.kinds.${k}`),
            }))}
          />
        </Space>
        <Tooltip title={t('common.refresh')}>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('common.refresh')}
            loading={depts.isFetching}
            onClick={() => depts.refetch()}
          />
        </Tooltip>
      </Flex>
      <Table<DepartmentNode>
        rowKey="id"
        size="middle"
        columns={unfixOnMobile(columns, isMobile)}
        dataSource={tree}
        loading={depts.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ defaultExpandAllRows: true }}
        key={`${q}|${kind}|${all.length}`}
        footer={() => t('pageTable.total', { count: all.length })}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={q || kind ? t('pageTable.noMatch') : t('departments.empty')}
            />
          ),
        }}
      />
      {drawer && (
        <DepartmentDrawer
          key={`${drawer.dept?.id ?? 'new'}-${drawer.parentId}`}
          dept={drawer.dept}
          parentId={drawer.parentId}
          all={all}
          onClose={() => setDrawer(null)}
          onSaved={() => {
            setDrawer(null);
            refresh();
          }}
        />
      )}
    </Card>
  );
}
