import { EnterpriseSelect } from '../../shared/EnterpriseSelect';

/** EnterpriseSelect for a URL filter: the form holds the id as a string (as it comes from the URL). */
export function EnterpriseFilter({
  value,
  onChange,
  placeholder,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
}) {
  return (
    <EnterpriseSelect
      value={value ? Number(value) : undefined}
      onChange={(v) => onChange?.(v === undefined || v === null ? undefined : String(v))}
      placeholder={placeholder}
    />
  );
}
