import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/** A month picker whose value is a 'YYYY-MM' string (so it can live in a URL filter). */
export function MonthInput({
  value,
  onChange,
  placeholder,
  allowClear = true,
}: {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
}) {
  return (
    <DatePicker
      picker="month"
      style={{ width: '100%' }}
      allowClear={allowClear}
      placeholder={placeholder}
      value={value && /^\d{4}-\d{2}$/.test(value) ? dayjs(`${value}-01`) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM') : undefined)}
      disabledDate={(d) => d.isAfter(dayjs(), 'month')}
    />
  );
}
