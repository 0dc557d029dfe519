"use client";

import {
  assignBuildingButlerAction,
  assignCommunityManagerAction,
  assignSupervisorAction,
} from "@/app/(staff)/staff/registry/actions";
import { AssignSelect } from "./assign-select";

type People = { id: number; name: string }[];

export function BuildingButlerSelect({
  buildingId,
  value,
  people,
  label,
}: {
  buildingId: number;
  value: number | null;
  people: People;
  label: string;
}) {
  return (
    <AssignSelect
      label={label}
      value={value}
      people={people}
      save={(butlerUserId) => assignBuildingButlerAction({ buildingId, butlerUserId })}
    />
  );
}

export function SupervisorSelect({
  butlerUserId,
  value,
  people,
  label,
}: {
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
  communityId,
  value,
  people,
  label,
}: {
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
