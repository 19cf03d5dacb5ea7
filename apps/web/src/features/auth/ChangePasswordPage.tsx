import { CheckCircleFilled, CloseCircleOutlined, LogoutOutlined } from '@ant-design/icons';
import { passwordProblems } from '@beizeng/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../shared/api';
import { feedback, showError } from '../../shared/feedback';
import { ME_KEY, useCurrentUser } from '../../shared/session';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

const CLASSES = [
  { key: 'lower', re: /[a-z]/ },
  { key: 'upper', re: /[A-Z]/ },
  { key: 'digit', re: /\d/ },
  { key: 'symbol', re: /[^a-zA-Z\d]/ },
] as const;

/** Live checklist of the password rule (≥ 10 characters, 3 of 4 character classes). */
function PasswordRules({ value }: { value: string }) {
  const { t } = useTranslation();
  const okLen = value.length >= 10;
  const classes = CLASSES.filter((c) => c.re.test(value)).length;
  const row = (ok: boolean, text: string) => (
    <div key={text} style={{ color: ok ? '#389e0d' : undefined }}>
      {ok ? <CheckCircleFilled /> : <CloseCircleOutlined style={{ opacity: 0.45 }} />} {text}
    </div>
  );
  return (
    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
      {row(okLen, t('password.ruleLength'))}
      {row(classes >= 3, t('password.ruleClasses', { n: classes }))}
    </Typography.Text>
  );
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const forced = me.mustChangePassword;

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await api.post('/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      feedback.message.success(t('password.changed'));
      await qc.invalidateQueries({ queryKey: ME_KEY });
      form.resetFields();
      if (forced) navigate('/', { replace: true });
      else setDone(true);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const logout = async () => {
    await api.post('/auth/logout', undefined, { noAuthRedirect: true }).catch(() => {});
    qc.clear();
    navigate('/login', { replace: true });
  };

  if (done) {
    return (
      <Card style={{ maxWidth: 520 }}>
        <Result
          status="success"
          title={t('password.changed')}
          subTitle={t('password.changedBody')}
          extra={
            <Button type="primary" onClick={() => navigate('/')}>
              {t('layout.backHome')}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <Card style={{ maxWidth: 520 }}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('auth.mustChangeNotice')}
          description={t('auth.mustChangeBody')}
          data-testid="must-change"
        />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} autoComplete="off">
        {/* hidden username helps password managers save the right account */}
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <Form.Item
          name="oldPassword"
          label={t('password.old')}
          rules={[{ required: true, message: t('password.oldRequired') }]}
        >
          <Input.Password autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={<PasswordRules value={newPassword} />}
          rules={[
            { required: true, message: t('password.newRequired') },
            {
              validator: (_r, v: string) => {
                if (!v) return Promise.resolve();
                const p = passwordProblems(v);
                return p ? Promise.reject(new Error(t(`password.problems.${p as 'too_short'}`))) : Promise.resolve();
              },
            },
            ({ getFieldValue }) => ({
              validator: (_r, v: string) =>
                v && v === getFieldValue('oldPassword')
                  ? Promise.reject(new Error(t('password.sameAsOld')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_r, v: string) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Flex justify="space-between" wrap gap={8}>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('password.submit')}
          </Button>
          {forced && (
            <Space>
              <Button icon={<LogoutOutlined />} onClick={logout}>
                {t('layout.logout')}
              </Button>
            </Space>
          )}
        </Flex>
      </Form>
    </Card>
  );
}
