import { Navigate, useParams } from 'react-router';

/** `/meetings/:id/minutes` (the approval's link to its subject) opens the meeting on its minutes tab. */
export default function MinutesLinkPage() {
  const id = Number(useParams().id);
  return <Navigate to={`/meetings/${id}?tab=minutes`} replace />;
}
