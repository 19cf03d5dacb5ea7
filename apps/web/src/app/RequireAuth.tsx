import { Button, Flex, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { isApiError, loginPath } from '../shared/api';
import { useMe } from '../shared/session';
import { AppLayout } from './AppLayout';
import { currentLocale, setLocale, storedLocale } from './i18n';

export function FullPageSpin() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Signed-in area: sends visitors to /login, and users who must change their password to that page. */
export function RequireAuth() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();

  // a device with no remembered choice follows the account's language
  useEffect(() => {
    if (me.data && !storedLocale() && me.data.locale !== currentLocale()) setLocale(me.data.locale, false);
  }, [me.data]);

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const redirect = `${location.pathname}${location.search}`;
      return <Navigate to={loginPath(redirect, me.error.code === 'SESSION_EXPIRED')} replace />;
    }
    return (
      <Result
        status="warning"
        title={t('errors.cannotLoadSession')}
        subTitle={(me.error as Error).message}
        extra={
          <Button type="primary" onClick={() => me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (me.data.mustChangePassword && location.pathname !== '/account/password') {
    return <Navigate to="/account/password" replace />;
  }
  if (!me.data.mustChangePassword && me.data.mustEnrolTotp && location.pathname !== '/account/2fa') {
    return <Navigate to="/account/2fa" replace />;
  }
  return <AppLayout />;
}
