"use client";

import { AssignSelect } from "./assign-select";
import type { SchemaAction } from "@/lib/actions/result";
import type { communityManagerSchema, supervisorSchema } from "@/lib/registry/schemas";

type People = { id: number; name: string }[];

export function SupervisorSelect({
  assignSupervisorAction,
  butlerUserId,
  value,
  people,
  label,
}: {
  assignSupervisorAction: SchemaAction<typeof supervisorSchema>;
  butlerUserId: number;
  value: number | null;
  people: People;
  label: string;
}) {
  return (
    <AssignSelect
      label={label}
      value={value}
      people={people}
      save={(supervisorUserId) => assignSupervisorAction({ butlerUserId, supervisorUserId })}
    />
  );
}

export function CommunityManagerSelect({
  assignCommunityManagerAction,
  communityId,
  value,
  people,
  label,
}: {
  assignCommunityManagerAction: SchemaAction<typeof communityManagerSchema>;
  communityId: number;
  value: number | null;
  people: People;
  label: string;
}) {
  return (
    <AssignSelect
      label={label}
      value={value}
      people={people}
      save={(managerUserId) => assignCommunityManagerAction({ communityId, managerUserId })}
    />
  );
}
