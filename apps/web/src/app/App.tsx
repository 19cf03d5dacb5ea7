import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes, useNavigate } from 'react-router';
import LoginPage from '../features/auth/LoginPage';
import { ApiBridge } from './ApiBridge';
import { Providers } from './Providers';
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

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        {ROUTES.map((r) => (
          <Route key={r.path} path={r.path} element={<r.page />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <Providers>
      <BrowserRouter>
        <ApiBridge />
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  );
}
