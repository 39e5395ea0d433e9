import type { TApprovalDetail, TApprovalEvent, TApprovalPermissions, TApprovalPerson, TApprovalStep, TApprovalSummary, TLocale } from '@opsdesk/contract';
import { toIso } from '../calendar/zone.ts';
import { findFlow, flowLabel } from './flows.ts';
import type { approvalEvents } from './schema.ts';
import type { RequestRow, StepRow } from './store.ts';

export type Names = Map<number, string>;

const iso = (v: string | null) => (v === null ? null : toIso(v));
const person = (names: Names, id: number | null): TApprovalPerson | null => (id === null ? null : { id, name: names.get(id) ?? '' });

export interface CurrentStep {
  id: number | null;
  label: Record<TLocale, string> | null;
  deciderId: number | null;
  openedAt: string | null;
}

export function presentSummary(r: RequestRow, current: CurrentStep, names: Names, locale: TLocale): TApprovalSummary {
  return {
    id: r.id,
    flow: r.flow,
    flowLabel: flowLabel(r.flow, locale),
    title: r.title,
    subject: { entity: r.entity, entityId: r.entityId },
    status: r.status,
    stuck: r.stuck,
    round: r.round,
    requester: person(names, r.requesterId)!,
    currentStep:
      current.id === null || r.status !== 'pending'
        ? null
        : { id: current.id, label: current.label?.[locale] ?? '', decider: person(names, current.deciderId), openedAt: iso(current.openedAt) },
    createdAt: toIso(r.createdAt),
    updatedAt: toIso(r.updatedAt),
    decidedAt: iso(r.decidedAt),
  };
}

export function presentStep(s: StepRow, names: Names, locale: TLocale): TApprovalStep {
  return {
    id: s.id,
    round: s.round,
    position: s.position,
    key: s.key,
    label: s.label[locale] ?? s.key,
    status: s.status,
    decider: person(names, s.deciderId),
    decidedBy: person(names, s.decidedById),
    openedAt: iso(s.openedAt),
    decidedAt: iso(s.decidedAt),
    opinion: s.opinion,
  };
}

export function presentEvent(e: typeof approvalEvents.$inferSelect, names: Names): TApprovalEvent {
  return {
    id: e.id,
    at: toIso(e.at),
    round: e.round,
    stepId: e.stepId,
    action: e.action,
    actor: person(names, e.actorId),
    opinion: e.opinion,
    targets: e.targetIds.map((id) => person(names, id)!),
    notes: e.notes.map((n) => ({ level: n.level, reason: n.reason, person: person(names, n.personId) })),
  };
}

export function presentDetail(input: {
  request: RequestRow;
  steps: StepRow[];
  events: (typeof approvalEvents.$inferSelect)[];
  watcherIds: number[];
  names: Names;
  permissions: TApprovalPermissions;
  locale: TLocale;
}): TApprovalDetail {
  const { request: r, steps, names, locale } = input;
  const current = steps.find((s) => s.id === r.currentStepId);
  const subject = { entity: r.entity, entityId: r.entityId };
  return {
    ...presentSummary(r, { id: current?.id ?? null, label: current?.label ?? null, deciderId: current?.deciderId ?? null, openedAt: current?.openedAt ?? null }, names, locale),
    facts: r.facts,
    subjectLink: findFlow(r.flow)?.subjectLink?.(subject) ?? null,
    version: r.version,
    steps: steps.map((s) => presentStep(s, names, locale)),
    history: input.events.map((e) => presentEvent(e, names)),
    watchers: input.watcherIds.map((id) => person(names, id)!),
    permissions: input.permissions,
  };
}
