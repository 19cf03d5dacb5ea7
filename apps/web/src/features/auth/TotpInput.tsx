import { Input } from 'antd';

/** A 6-digit code field (numeric keyboard on phones, one-time-code autofill). */
export function TotpInput(props: { autoFocus?: boolean }) {
  return (
    <Input
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      placeholder="123456"
      style={{ maxWidth: 200, letterSpacing: 4 }}
      data-testid="totp-code"
      {...props}
    />
  );
}

export const totpRules = (message: string) => [
  { required: true, message },
  { pattern: /^\s*\d{3}\s?\d{3}\s*$/, message },
];
