import { DownOutlined, ReloadOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Result,
  Row,
  Space,
  Table,
  type TableColumnsType,
  type TableProps,
  Tooltip,
} from 'antd';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type Page, type Query } from './api';
import { showError } from './feedback';
import { useIsMobile } from './useIsMobile';

export interface FilterField {
  /** URL parameter and form field name. */
  name: string;
  label: string;
  /** The input (Input, Select …). For a date range leave it out and set `range`. */
  input?: ReactNode;
  /** A date range filter stored as two URL parameters, e.g. ['from', 'to']. */
  range?: [string, string];
}

export interface ListParams {
  page: number;
  pageSize: number;
  sort: string | undefined;
  filters: Record<string, string>;
}

const PAGE_SIZES = [10, 20, 50, 100];

/** Reads page, pageSize, sort and the known filter parameters from the URL. */
export function readListParams(sp: URLSearchParams, filterKeys: string[], defaultPageSize = 20): ListParams {
  const num = (v: string | null, def: number, max: number) => {
    const n = v && /^\d{1,6}$/.test(v) ? Number(v) : def;
    return Math.min(Math.max(n, 1), max);
  };
  const filters: Record<string, string> = {};
  for (const k of filterKeys) {
    const v = sp.get(k);
    if (v !== null && v !== '') filters[k] = v;
  }
  const sort = sp.get('sort');
  return {
    page: num(sp.get('page'), 1, 100000),
    pageSize: num(sp.get('pageSize'), defaultPageSize, 200),
    sort: sort && /^-?[a-zA-Z][a-zA-Z0-9]{0,40}$/.test(sort) ? sort : undefined,
    filters,
  };
}

/** Writes list state back to URL parameters, leaving defaults out so links stay short. */
export function writeListParams(p: ListParams, defaultPageSize = 20): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(p.filters)) if (v !== '') sp.set(k, v);
  if (p.sort) sp.set('sort', p.sort);
  if (p.page !== 1) sp.set('page', String(p.page));
  if (p.pageSize !== defaultPageSize) sp.set('pageSize', String(p.pageSize));
  return sp;
}

function filterKeysOf(fields: FilterField[]): string[] {
  return fields.flatMap((f) => f.range ?? [f.name]);
}

function formValuesOf(fields: FilterField[], filters: Record<string, string>): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.range) {
      const [a, b] = f.range;
      v[f.name] =
        filters[a] || filters[b]
          ? [filters[a] ? dayjs(filters[a]) : null, filters[b] ? dayjs(filters[b]) : null]
          : undefined;
    } else v[f.name] = filters[f.name];
  }
  return v;
}

function filtersOf(fields: FilterField[], values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.range) {
      const [a, b] = (v as [Dayjs | null, Dayjs | null] | undefined) ?? [];
      if (a) out[f.range[0]] = a.format('YYYY-MM-DD');
      if (b) out[f.range[1]] = b.format('YYYY-MM-DD');
    } else if (v !== undefined && v !== null && String(v).trim() !== '') out[f.name] = String(v).trim();
  }
  return out;
}

/** List state kept in the URL (a link reproduces the view). */
export function useListParams(fields: FilterField[], defaultPageSize = 20) {
  const [sp, setSp] = useSearchParams();
  const keys = filterKeysOf(fields);
  const params = readListParams(sp, keys, defaultPageSize);
  const set = (next: Partial<ListParams>) => {
    const merged = { ...params, ...next };
    // keep unrelated parameters (e.g. a selected tab) in the URL
    const out = writeListParams(merged, defaultPageSize);
    for (const [k, v] of sp.entries())
      if (!keys.includes(k) && !['page', 'pageSize', 'sort'].includes(k)) out.set(k, v);
    setSp(out);
  };
  return { params, set };
}

export function toQuery(p: ListParams): Query {
  return { ...p.filters, page: p.page, pageSize: p.pageSize, sort: p.sort };
}

export interface PageTableProps<T> {
  /** First element of the react-query key; invalidate `[queryKey]` after a write. */
  queryKey: string;
  /** List endpoint below /api/v1, returning {items,total,page,pageSize}. */
  path: string;
  columns: TableColumnsType<T>;
  rowKey: string | ((row: T) => string | number);
  filters?: FilterField[];
  /** How many filters show before "展开". */
  visibleFilters?: number;
  /** Toolbar buttons; receives the active filters (for exports). */
  toolbar?: (filters: Record<string, string>) => ReactNode;
  /** What to do next when the list is empty without filters. */
  emptyHint: ReactNode;
  emptyAction?: ReactNode;
  expandable?: TableProps<T>['expandable'];
  defaultPageSize?: number;
  /** Extra fixed query parameters (not shown in the search form). */
  extraQuery?: Query;
}

export function PageTable<T extends object>({
  queryKey,
  path,
  columns,
  rowKey,
  filters = [],
  visibleFilters = 3,
  toolbar,
  emptyHint,
  emptyAction,
  expandable,
  defaultPageSize = 20,
  extraQuery,
}: PageTableProps<T>) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [form] = Form.useForm();
  const { params, set } = useListParams(filters, defaultPageSize);
  const [expanded, setExpanded] = useState(false);
  const query = { ...toQuery(params), ...extraQuery };
  const list = useQuery({
    queryKey: [queryKey, 'list', path, query],
    queryFn: ({ signal }) => api.get<Page<T>>(path, query, { signal }),
    placeholderData: keepPreviousData,
  });

  // keep the form in step with the URL (back/forward, links)
  const filterSig = JSON.stringify(params.filters);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(formValuesOf(filters, params.filters));
  }, [filterSig]);

  const hasFilters = Object.keys(params.filters).length > 0;
  const visibleCount = isMobile ? 1 : visibleFilters;
  const shown = expanded ? filters : filters.slice(0, visibleCount);

  // a page beyond the end (rows deleted, link kept): go to the last page
  useEffect(() => {
    const d = list.data;
    if (d && d.items.length === 0 && d.total > 0 && params.page > 1) {
      set({ page: Math.max(1, Math.ceil(d.total / params.pageSize)) });
    }
  });

  const sortedColumns = useMemo(
    () =>
      columns.map((col) => {
        // a fixed column would cover most of a phone screen
        const c = isMobile && col.fixed ? { ...col, fixed: undefined } : col;
        const key = String((c as any).key ?? (c as any).dataIndex ?? '');
        if (!c.sorter || !key) return c;
        const order: SortOrder = params.sort === key ? 'ascend' : params.sort === `-${key}` ? 'descend' : null;
        return { ...c, sortOrder: order };
      }),
    [columns, params.sort, isMobile],
  );

  const onChange: TableProps<T>['onChange'] = (pagination, _f, sorter) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
    const field = s?.columnKey ?? s?.field;
    const sort = s?.order && field ? `${s.order === 'descend' ? '-' : ''}${String(field)}` : undefined;
    const pageSize = pagination.pageSize ?? params.pageSize;
    set({
      page: pageSize !== params.pageSize || sort !== params.sort ? 1 : (pagination.current ?? 1),
      pageSize,
      sort,
    });
  };

  const submit = (values: Record<string, unknown>) => set({ filters: filtersOf(filters, values), page: 1 });
  const reset = () => {
    form.resetFields();
    set({ filters: {}, page: 1 });
  };

  if (list.isError && !list.data) {
    return (
      <Card>
        <Result
          status="warning"
          title={t('pageTable.loadFailed')}
          subTitle={(list.error as Error).message}
          extra={
            <Button type="primary" onClick={() => list.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <Flex vertical gap={12}>
      {filters.length > 0 && (
        <Card size="small" styles={{ body: { paddingBottom: 0 } }}>
          <Form form={form} onFinish={submit} layout={isMobile ? 'vertical' : 'horizontal'} labelWrap>
            <Row gutter={16}>
              {shown.map((f) => (
                <Col key={f.name} xs={24} sm={12} lg={8} xxl={6}>
                  <Form.Item name={f.name} label={f.label} style={{ marginBottom: 12 }}>
                    {f.range ? <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} /> : f.input}
                  </Form.Item>
                </Col>
              ))}
              <Col xs={24} sm={12} lg={8} xxl={6} style={{ marginBottom: 12 }}>
                <Space wrap>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t('common.search')}
                  </Button>
                  <Button onClick={reset}>{t('common.reset')}</Button>
                  {filters.length > visibleCount && (
                    <Button type="link" onClick={() => setExpanded((e) => !e)} style={{ paddingInline: 4 }}>
                      {expanded ? t('common.collapse') : t('common.expand')}
                      {expanded ? <UpOutlined /> : <DownOutlined />}
                    </Button>
                  )}
                </Space>
              </Col>
            </Row>
          </Form>
        </Card>
      )}
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Space wrap>{toolbar?.(params.filters)}</Space>
          <Tooltip title={t('common.refresh')}>
            <Button
              icon={<ReloadOutlined />}
              aria-label={t('common.refresh')}
              loading={list.isFetching}
              onClick={() => list.refetch().then((r) => r.error && showError(r.error))}
            />
          </Tooltip>
        </Flex>
        <Table<T>
          rowKey={rowKey as any}
          size="middle"
          columns={sortedColumns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          onChange={onChange}
          expandable={expandable}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: list.isLoading ? (
              ' '
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={hasFilters ? t('pageTable.noMatch') : emptyHint}>
                {hasFilters ? <Button onClick={reset}>{t('pageTable.clearFilters')}</Button> : emptyAction}
              </Empty>
            ),
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: !isMobile,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('pageTable.total', { count: total }),
            size: isMobile ? 'small' : undefined,
            simple: isMobile,
          }}
        />
      </Card>
    </Flex>
  );
}
