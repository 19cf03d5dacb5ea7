import { LogoutOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, QRCode, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../shared/api';
import { feedback, showError } from '../../shared/feedback';
import { ME_KEY, useCurrentUser } from '../../shared/session';
import { TotpInput, totpRules } from './TotpInput';

/** Two-factor authentication (TOTP) of the signed-in user: enrol with a QR code, or turn it off. */
export default function TwoFactorPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();
  const [offForm] = Form.useForm<{ password: string; code: string }>();
  const forced = me.mustEnrolTotp;

  const start = async () => {
    setBusy(true);
    try {
      setSetup(await api.post<{ secret: string; uri: string }>('/auth/totp/setup'));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const enable = async (v: { code: string }) => {
    setBusy(true);
    try {
      await api.post('/auth/totp/enable', { code: v.code.replace(/\s/g, '') });
      feedback.message.success(t('totp.enabled'));
      setSetup(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ME_KEY });
      if (forced) navigate('/', { replace: true });
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const disable = async (v: { password: string; code: string }) => {
    setBusy(true);
    try {
      await api.post('/auth/totp/disable', { password: v.password, code: v.code.replace(/\s/g, '') });
      feedback.message.success(t('totp.disabled'));
      offForm.resetFields();
      await qc.invalidateQueries({ queryKey: ME_KEY });
    } catch (e) {
      showError(e, offForm);
    } finally {
      setBusy(false);
    }
  };

  const logout = async () => {
    await api.post('/auth/logout', undefined, { noAuthRedirect: true }).catch(() => {});
    qc.clear();
    navigate('/login', { replace: true });
  };

  return (
    <Card style={{ maxWidth: 640 }}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('totp.mustEnrolNotice')}
          data-testid="must-enrol"
        />
      )}
      <Typography.Paragraph type="secondary">{t('totp.intro')}</Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'status',
            label: t('layout.twoFactor'),
            children: (
              <Space wrap>
                <Tag color={me.totpEnabled ? 'green' : 'default'} data-testid="totp-status">
                  {me.totpEnabled ? t('totp.statusOn') : t('totp.statusOff')}
                </Tag>
                {me.totpRequired && <Typography.Text type="secondary">{t('totp.required')}</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />

      {!me.totpEnabled && !setup && (
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={busy}
          onClick={start}
          data-testid="totp-start"
        >
          {t('totp.start')}
        </Button>
      )}

      {!me.totpEnabled && setup && (
        <Flex vertical gap={12}>
          <Typography.Text strong>{t('totp.step1')}</Typography.Text>
          <QRCode value={setup.uri} size={200} bordered data-testid="totp-qr" />
          <Typography.Text type="secondary">{t('totp.manual')}</Typography.Text>
          <Typography.Text
            code
            copyable={{ text: setup.secret }}
            data-testid="totp-secret"
            style={{ wordBreak: 'break-all' }}
          >
            {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
          </Typography.Text>
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('totp.secretOnce')}
          </Typography.Text>
          <Form form={form} layout="vertical" onFinish={enable} requiredMark={false}>
            <Form.Item
              name="code"
              label={t('totp.step2')}
              rules={totpRules(t('totp.codeRequired'))}
              extra={t('totp.codeHint')}
            >
              <TotpInput autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-enable">
              {t('totp.enable')}
            </Button>
          </Form>
        </Flex>
      )}

      {me.totpEnabled && !me.totpRequired && (
        <Form form={offForm} layout="vertical" onFinish={disable} requiredMark={false} autoComplete="off">
          <Typography.Paragraph type="secondary">{t('totp.disableHint')}</Typography.Paragraph>
          <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
          <Form.Item
            name="password"
            label={t('totp.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" maxLength={128} style={{ maxWidth: 320 }} />
          </Form.Item>
          <Form.Item name="code" label={t('totp.code')} rules={totpRules(t('totp.codeRequired'))}>
            <TotpInput />
          </Form.Item>
          <Button danger htmlType="submit" loading={busy} data-testid="totp-disable">
            {t('totp.disable')}
          </Button>
        </Form>
      )}
      {me.totpEnabled && me.totpRequired && (
        <Result status="success" title={t('totp.enabled')} subTitle={t('totp.cannotDisable')} />
      )}

      {forced && (
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Button icon={<LogoutOutlined />} onClick={logout}>
            {t('layout.logout')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
