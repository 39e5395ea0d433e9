import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireRole, RequireSession } from './shell/guards.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { RouteError } from './shell/RouteError.tsx';
import { PageSkeleton } from './shell/PageSkeleton.tsx';

// Route-level code splitting: each page is its own chunk.
const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage.tsx'));
const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const DepartmentsPage = lazy(() => import('./pages/admin/departments/DepartmentsPage.tsx'));
const PeoplePage = lazy(() => import('./pages/admin/people/PeoplePage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      {
        path: '/login',
        element: (
          <Suspense fallback={<PageSkeleton />}>
            <LoginPage />
          </Suspense>
        ),
      },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: [
          { index: true, element: <HomePage /> },
          { path: 'change-password', element: <ChangePasswordPage /> },
          // Everyone may read the directory (the server allows it); only admins see edit actions.
          { path: 'admin/departments', element: <DepartmentsPage /> },
          { path: 'admin/people', element: <PeoplePage /> },
          {
            path: 'audit',
            element: (
              <RequireRole role="auditor">
                <AuditPage />
              </RequireRole>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
