import { userResetPasswordBody } from '@beizeng/contract';
import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { feedback, showError } from '../../shared/feedback';
import type { User } from '../../shared/types';
import { generatePassword, zodRule } from '../../shared/zodRule';

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: { password: string }) => {
    setBusy(true);
    try {
      await api.post(`/users/${user.id}/reset-password`, { password: v.password });
      feedback.message.success(t('users.resetOk', { name: user.displayName }));
      onClose();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('users.resetTitle', { name: `${user.displayName}（${user.username}）` })}
      okText={t('users.resetPassword')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('users.resetHint')} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t('users.newPassword')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="password"
              noStyle
              rules={[{ required: true, message: t('form.required') }, zodRule(userResetPasswordBody.shape.password)]}
            >
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
            <Button
              onClick={() => {
                const pw = generatePassword();
                form.setFieldsValue({ password: pw });
                form.validateFields(['password']);
                navigator.clipboard?.writeText(pw).then(
                  () => feedback.message.info(t('users.passwordCopied')),
                  () => {},
                );
              }}
            >
              {t('users.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
