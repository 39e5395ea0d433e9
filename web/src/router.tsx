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
const PeoplePrintPage = lazy(() => import('./pages/admin/people/PeoplePrintPage.tsx'));
const CalendarPage = lazy(() => import('./pages/admin/calendar/CalendarPage.tsx'));
const BackupsPage = lazy(() => import('./pages/admin/backups/BackupsPage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage.tsx'));
const ApprovalsPage = lazy(() => import('./pages/approvals/ApprovalsPage.tsx'));
const ApprovalDetailPage = lazy(() => import('./pages/approvals/ApprovalDetailPage.tsx'));
const NotificationSettingsPage = lazy(() => import('./pages/settings/NotificationSettingsPage.tsx'));
const DeliveryPage = lazy(() => import('./pages/admin/delivery/DeliveryPage.tsx'));
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
        // Print views: a bare A4 sheet, outside the app frame.
        path: '/admin/people/print',
        element: (
          <RequireSession>
            <Suspense fallback={<PageSkeleton />}>
              <PeoplePrintPage />
            </Suspense>
          </RequireSession>
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
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'approvals', element: <ApprovalsPage /> },
          { path: 'approvals/:id', element: <ApprovalDetailPage /> },
          { path: 'settings/notifications', element: <NotificationSettingsPage /> },
          {
            path: 'admin/delivery',
            element: (
              <RequireRole role="admin">
                <DeliveryPage />
              </RequireRole>
            ),
          },
          // Everyone may read the directory (the server allows it); only admins see edit actions.
          { path: 'admin/departments', element: <DepartmentsPage /> },
          { path: 'admin/people', element: <PeoplePage /> },
          // ALL-6: everyone reads the working calendar; the page offers editing to admins only.
          { path: 'admin/calendar', element: <CalendarPage /> },
          {
            path: 'admin/backups',
            element: (
              <RequireRole role="admin">
                <BackupsPage />
              </RequireRole>
            ),
          },
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
