import { Flex, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import LoginPage from '../features/auth/LoginPage';
import { ApiBridge } from './ApiBridge';
import { Providers } from './Providers';

// The signed-in area (route table, layout, menu icons) loads after the login page, in its own chunk.
const SignedInRoutes = lazy(() => import('./SignedInRoutes'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="*"
        element={
          <Suspense
            fallback={
              <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
                <Spin size="large" />
              </Flex>
            }
          >
            <SignedInRoutes />
          </Suspense>
        }
      />
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
