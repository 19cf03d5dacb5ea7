import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api';
import { showError } from '../shared/feedback';
import type { Locale } from '../shared/types';
import { currentLocale, setLocale } from './i18n';

/** 中文 / English. Remembered on this device; saved to the account when signed in. */
export function LanguageSwitch({ signedIn, compact }: { signedIn: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const choose = async (l: Locale) => {
    if (l === locale) return;
    await setLocale(l);
    if (signedIn) api.put('/auth/locale', { locale: l }).catch(showError);
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: [
          { key: 'zh-CN', label: t('lang.zh') },
          { key: 'en', label: t('lang.en') },
        ],
        onClick: ({ key }) => choose(key as Locale),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('lang.switch')} data-testid="language-switch">
        {compact ? null : locale === 'en' ? t('lang.en') : t('lang.zh')}
      </Button>
    </Dropdown>
  );
}
