import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate } from 'react-router';
import { RequireAuth } from './RequireAuth';
import { ROUTES } from './routes';

function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('layout.notFound')}
      subTitle={t('layout.notFoundBody')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('layout.backHome')}
        </Button>
      }
    />
  );
}

/**
 * Everything behind the login: the route table, the layout and its menu. A chunk of its own, loaded
 * after the login page, so the login route's JavaScript stays small (src/app/bundle.test.ts).
 */
export default function SignedInRoutes() {
  return (
    <Routes>
      <Route element={<RequireAuth />}>
        {ROUTES.map((r) => (
          <Route key={r.path} path={r.path} element={<r.page />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
