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
const TasksPage = lazy(() => import('./pages/tasks/TasksPage.tsx'));
const TaskDetailPage = lazy(() => import('./pages/tasks/detail/TaskDetailPage.tsx'));
const TasksPrintPage = lazy(() => import('./pages/tasks/print/TasksPrintPage.tsx'));
const TaskPrintPage = lazy(() => import('./pages/tasks/print/TaskPrintPage.tsx'));
const MeetingsPage = lazy(() => import('./pages/meetings/MeetingsPage.tsx'));
const RoomsPage = lazy(() => import('./pages/meetings/RoomsPage.tsx'));
const MeetingFormPage = lazy(() => import('./pages/meetings/MeetingFormPage.tsx'));
const MeetingDetailPage = lazy(() => import('./pages/meetings/MeetingDetailPage.tsx'));
const FollowUpPage = lazy(() => import('./pages/meetings/FollowUpPage.tsx'));
const MeetingQrPage = lazy(() => import('./pages/meetings/MeetingQrPage.tsx'));
const MeetingSignInPage = lazy(() => import('./pages/meetings/SignInPage.tsx'));
const NoticePrintPage = lazy(() => import('./pages/meetings/NoticePrintPage.tsx'));
const MinutesPrintPage = lazy(() => import('./pages/meetings/MinutesPrintPage.tsx'));
const MinutesLinkPage = lazy(() => import('./pages/meetings/MinutesLinkPage.tsx'));
const DocumentsPage = lazy(() => import('./pages/documents/DocumentsPage.tsx'));
const DocumentDetailPage = lazy(() => import('./pages/documents/DocumentDetailPage.tsx'));
const LoansPage = lazy(() => import('./pages/documents/LoansPage.tsx'));
const LoanDetailPage = lazy(() => import('./pages/documents/LoanDetailPage.tsx'));
const CategoriesPage = lazy(() => import('./pages/documents/CategoriesPage.tsx'));
const ArchivePage = lazy(() => import('./pages/documents/ArchivePage.tsx'));
const RegisterPrintPage = lazy(() => import('./pages/documents/print/RegisterPrintPage.tsx'));
const ArchiveListPrintPage = lazy(() => import('./pages/documents/print/ArchiveListPrintPage.tsx'));
const LoanApplicationPrintPage = lazy(() => import('./pages/documents/print/LoanApplicationPrintPage.tsx'));
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
        path: '/tasks/print',
        element: (
          <RequireSession>
            <Suspense fallback={<PageSkeleton />}>
              <TasksPrintPage />
            </Suspense>
          </RequireSession>
        ),
      },
      {
        path: '/tasks/:id/print',
        element: (
          <RequireSession>
            <Suspense fallback={<PageSkeleton />}>
              <TaskPrintPage />
            </Suspense>
          </RequireSession>
        ),
      },
      // 会议: print sheets, the room screen's QR code and the phone's sign-in page stand outside the frame (MTG-7).
      {
        path: '/meetings/:id/print/notice',
        element: (
          <RequireSession>
            <Suspense fallback={<PageSkeleton />}>
              <NoticePrintPage />
            </Suspense>
          </RequireSession>
        ),
      },
      {
        path: '/meetings/:id/print/minutes',
        element: (
          <RequireSession>
            <Suspense fallback={<PageSkeleton />}>
              <MinutesPrintPage />
            </Suspense>
          </RequireSession>
        ),
      },
      {
        path: '/meetings/:id/qr',
        element: (
          <RequireSession>
            <Suspense fallback={<PageSkeleton />}>
              <MeetingQrPage />
            </Suspense>
          </RequireSession>
        ),
      },
      {
        path: '/meetings/:id/sign-in',
        element: (
          <RequireSession>
            <Suspense fallback={<PageSkeleton />}>
              <MeetingSignInPage />
            </Suspense>
          </RequireSession>
        ),
      },
      // 文档: the 文档归档登记表, the quarterly 文档归档清单 and the 《文档借阅申请表》 as paper forms.
      {
        path: '/documents/print',
        element: (
          <RequireSession>
            <Suspense fallback={<PageSkeleton />}>
              <RegisterPrintPage />
            </Suspense>
          </RequireSession>
        ),
      },
      {
        path: '/documents/archive/print',
        element: (
          <RequireSession>
            <Suspense fallback={<PageSkeleton />}>
              <ArchiveListPrintPage />
            </Suspense>
          </RequireSession>
        ),
      },
      {
        path: '/documents/loans/:id/print',
        element: (
          <RequireSession>
            <Suspense fallback={<PageSkeleton />}>
              <LoanApplicationPrintPage />
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
          { path: 'tasks', element: <TasksPage /> },
          { path: 'tasks/:id', element: <TaskDetailPage /> },
          { path: 'meetings', element: <MeetingsPage /> },
          { path: 'meetings/rooms', element: <RoomsPage /> },
          { path: 'meetings/follow-up', element: <FollowUpPage /> },
          { path: 'meetings/new', element: <MeetingFormPage /> },
          { path: 'meetings/:id', element: <MeetingDetailPage /> },
          { path: 'meetings/:id/edit', element: <MeetingFormPage /> },
          { path: 'meetings/:id/minutes', element: <MinutesLinkPage /> },
          { path: 'documents', element: <DocumentsPage /> },
          { path: 'documents/loans', element: <LoansPage /> },
          { path: 'documents/loans/:id', element: <LoanDetailPage /> },
          // DOC-1: everyone may read the categories; the page offers editing to archivists and admins.
          { path: 'documents/categories', element: <CategoriesPage /> },
          {
            path: 'documents/archive',
            element: (
              <RequireRole role="archivist">
                <ArchivePage />
              </RequireRole>
            ),
          },
          { path: 'documents/:id', element: <DocumentDetailPage /> },
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
