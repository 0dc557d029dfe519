"use client";

import { AssignSelect } from "./assign-select";
import type { ActionFn } from "@/lib/actions/result";

type People = { id: number; name: string }[];

/**
 * An assignment select for a server page: the page hands over the server action, the fixed part
 * of its input (`target`, e.g. `{ buildingId }`) and the name of the field that takes the chosen
 * person (`field`, e.g. "butlerUserId"; none → null). A building's butler, a butler's supervisor
 * and a community's project manager all use it.
 */
export function AssignmentSelect<T extends Record<string, number>, F extends string>({
  action,
  target,
  field,
  value,
  people,
  label,
}: {
  action: ActionFn<T & Record<F, number | null>>;
  target: T;
  field: F;
  value: number | null;
  people: People;
  label: string;
}) {
  return (
    <AssignSelect
      label={label}
      value={value}
      people={people}
      save={(userId) => action({ ...target, [field]: userId } as T & Record<F, number | null>)}
    />
  );
}
