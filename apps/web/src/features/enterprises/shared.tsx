import type { REGISTER_STATUSES } from '@beizeng/contract';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDicts } from '../../shared/dicts';
import { formatPercent, growthColor } from '../../shared/format';

type RegisterStatus = (typeof REGISTER_STATUSES)[number];

const STATUS_COLOR: Record<RegisterStatus, string> = { below: 'default', in: 'green', out: 'red' };

/** 规下 / 在库 / 退库 as a tag. */
export function RegisterStatusTag({ status }: { status: RegisterStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return <>—</>;
  return <Tag color={STATUS_COLOR[status]}>{t(`ent.registerStatus.${status}`)}</Tag>;
}

export function useRegisterStatusOptions() {
  const { t } = useTranslation();
  return (['below', 'in', 'out'] as const).map((v) => ({ value: v, label: t(`ent.registerStatus.${v}`) }));
}

/** A small orange 演示 tag for demo records. */
export function DemoTag() {
  const { t } = useTranslation();
  return (
    <Tag color="orange" variant="outlined" style={{ fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
      {t('common.demo')}
    </Tag>
  );
}

/** Several values of one dictionary as tags. */
export function DictTags({ type, values }: { type: string; values: string[] | null | undefined }) {
  const { data } = useDicts();
  const { i18n } = useTranslation();
  if (!values || values.length === 0) return <>—</>;
  return (
    <Space size={[4, 4]} wrap>
      {values.map((v) => {
        const item = data?.[type]?.find((i) => i.value === v);
        const label = item ? (i18n.language === 'en' ? item.labelEn || item.label : item.label) : v;
        return (
          <Tag key={v} color={item?.color ?? 'gold'} style={{ marginInlineEnd: 0 }}>
            {label}
          </Tag>
        );
      })}
    </Space>
  );
}

/** The label of a dictionary value in the current language (raw value when unknown). */
export function useDictLabel() {
  const { data } = useDicts();
  const { i18n } = useTranslation();
  return (type: string, value: string | null | undefined) => {
    if (!value) return '—';
    const item = data?.[type]?.find((i) => i.value === value);
    return item ? (i18n.language === 'en' ? item.labelEn || item.label : item.label) : value;
  };
}

/** A growth rate given as a ratio (0.0956 = 9.6%), red when up and green when down. */
export function Growth({ ratio }: { ratio: number | null | undefined }) {
  if (ratio === null || ratio === undefined) return <>—</>;
  const color = growthColor(ratio);
  return (
    <Typography.Text style={{ color }} className="bz-mono">
      {ratio > 0 ? '↑' : ratio < 0 ? '↓' : ''}
      {formatPercent(ratio, true)}
    </Typography.Text>
  );
}
