import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from './api';
import type { EnterpriseOption } from './types';

/** Searchable enterprise picker (GET /api/v1/enterprises?q=). `valueLabel` names the current value. */
export function EnterpriseSelect({
  value,
  valueLabel,
  ...rest
}: Omit<SelectProps<number>, 'options' | 'onSearch' | 'filterOption'> & { valueLabel?: string | null }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(h);
  }, [input]);
  const { data, isFetching } = useQuery({
    queryKey: ['enterprises', 'options', q],
    queryFn: ({ signal }) =>
      api.get<Page<EnterpriseOption>>('/enterprises', { q: q || undefined, pageSize: 20 }, { signal }),
    staleTime: 60_000,
    meta: { silent: true },
  });
  const options = (data?.items ?? []).map((e) => ({
    value: e.id,
    label: e.name,
    title: [e.name, e.uscc, e.regionName].filter(Boolean).join(' · '),
  }));
  if (typeof value === 'number' && valueLabel && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: valueLabel, title: valueLabel });
  }
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      placeholder={t('common.searchEnterprise')}
      notFoundContent={isFetching ? t('common.loading') : t('common.noData')}
      loading={isFetching}
      {...rest}
      value={value}
      options={options}
    />
  );
}
