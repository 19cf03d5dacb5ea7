import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '@beizeng/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { currentLocale, setLocale, storedLocale } from '../../app/i18n';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { type ApiError, api, isApiError } from '../../shared/api';
import { ME_KEY } from '../../shared/session';
import { TotpInput, totpRules } from './TotpInput';

/** Only same-site paths may be redirect targets (no //evil.example). */
export function safeRedirect(r: string | null): string {
  if (!r?.startsWith('/') || r.startsWith('//') || r.startsWith('/\\') || r.startsWith('/login')) return '/';
  return r;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  // after a right password, accounts with two-factor authentication are asked for the code
  const [totpStep, setTotpStep] = useState(false);
  const creds = useRef<{ username: string; password: string } | null>(null);

  const submit = async (v: { username: string; password: string }, totp?: string) => {
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>(
        '/auth/login',
        { username: v.username.trim(), password: v.password, ...(totp ? { totp: totp.replace(/\s/g, '') } : {}) },
        { noAuthRedirect: true },
      );
      creds.current = null;
      qc.clear();
      qc.setQueryData(ME_KEY, me);
      // the language chosen on this device wins; otherwise follow the account
      const stored = storedLocale();
      if (stored && stored !== me.locale) api.put('/auth/locale', { locale: stored }).catch(() => {});
      else if (!stored && me.locale !== currentLocale()) await setLocale(me.locale, false);
      if (me.mustChangePassword) navigate('/account/password', { replace: true });
      else if (me.mustEnrolTotp) navigate('/account/2fa', { replace: true });
      else navigate(safeRedirect(sp.get('redirect')), { replace: true });
    } catch (e) {
      if (isApiError(e) && e.code === 'TOTP_REQUIRED') {
        creds.current = v;
        setTotpStep(true);
        return;
      }
      if (isApiError(e) && e.code === 'ACCOUNT_LOCKED') {
        creds.current = null;
        setTotpStep(false);
      }
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const code = isApiError(error) ? error.code : null;
  const alertType = code === 'ACCOUNT_LOCKED' || code === 'RATE_LIMITED' ? 'warning' : 'error';

  return (
    <Flex
      vertical
      align="center"
      style={{
        minHeight: '100vh',
        padding: '16px 12px',
        boxSizing: 'border-box',
        background: 'linear-gradient(160deg, #e8eef8 0%, #f5f6f8 55%, #fbeeee 100%)',
      }}
    >
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 960 }}>
        <LanguageSwitch signedIn={false} />
      </Flex>
      <Flex vertical align="center" justify="center" style={{ flex: 1, width: '100%' }}>
        <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: '28px 24px' } }}>
          <Flex vertical align="center" gap={6} style={{ marginBottom: 24 }}>
            <span
              aria-hidden
              style={{
                width: 48,
                height: 48,
                borderRadius: 10,
                background: '#c8102e',
                color: '#fff',
                display: 'inline-flex',
                alignItems: 'center',
                justifyContent: 'center',
                fontWeight: 700,
                fontSize: 26,
              }}
            >
              倍
            </span>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {t('app.tagline')}
            </Typography.Text>
            <Tag color="orange">{t('app.demo')}</Tag>
          </Flex>
          {!error && sp.get('expired') && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('auth.sessionExpired')} />
          )}
          {error && (
            <Alert
              type={alertType}
              showIcon
              style={{ marginBottom: 16 }}
              title={error.message}
              data-testid="login-error"
            />
          )}
          {totpStep && creds.current ? (
            <Form
              layout="vertical"
              onFinish={(v: { code: string }) => submit(creds.current!, v.code)}
              requiredMark={false}
              size="large"
            >
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('totp.loginStep')} />
              <Form.Item
                name="code"
                label={t('totp.code')}
                rules={totpRules(t('totp.codeRequired'))}
                extra={t('totp.codeHint')}
              >
                <TotpInput autoFocus />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} icon={<SafetyCertificateOutlined />}>
                {t('totp.verify')}
              </Button>
              <Button
                type="link"
                block
                onClick={() => {
                  creds.current = null;
                  setTotpStep(false);
                  setError(null);
                }}
              >
                {t('totp.back')}
              </Button>
            </Form>
          ) : (
            <Form layout="vertical" onFinish={(v) => submit(v)} requiredMark={false} size="large">
              <Form.Item
                name="username"
                label={t('auth.username')}
                rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
              >
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('auth.password')}
                rules={[{ required: true, message: t('auth.passwordRequired') }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={128} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t('auth.login')}
              </Button>
            </Form>
          )}
        </Card>
        <Typography.Text type="secondary" style={{ marginTop: 16, fontSize: 12, textAlign: 'center' }}>
          {t('auth.help')}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
