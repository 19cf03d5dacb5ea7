import { useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { configureApi, loginPath } from '../shared/api';
import { ME_KEY } from '../shared/session';
import { currentLocale } from './i18n';

/** Lets the API client (outside React) navigate: 401 → login, 403 PASSWORD_CHANGE_REQUIRED → change password. */
export function ApiBridge() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  useEffect(() => {
    configureApi({
      unauthenticated: ({ redirect, code }) => {
        if (window.location.pathname === '/login') return;
        qc.clear();
        navigate(loginPath(redirect, code === 'SESSION_EXPIRED'), { replace: true });
      },
      passwordChangeRequired: ({ code }) => {
        qc.invalidateQueries({ queryKey: ME_KEY });
        navigate(code === 'TOTP_ENROLMENT_REQUIRED' ? '/account/2fa' : '/account/password', { replace: true });
      },
      locale: currentLocale,
      message: (key, status) =>
        key === 'network' ? i18next.t('errors.network') : i18next.t('errors.http', { status }),
    });
  }, [navigate, qc]);
  return null;
}
