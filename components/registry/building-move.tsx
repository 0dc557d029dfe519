"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { withUserTexts } from "@/components/ui/user-text";
import type { SchemaAction } from "@/lib/actions/result";
import type { buildingMoveSchema } from "@/lib/registry/schemas";

type People = { id: number; name: string }[];
type Move = SchemaAction<typeof buildingMoveSchema, { moved: number; previous: number | null }>;
type Done = { kind: "moved"; moved: number; from: number | null; to: number | null } | { kind: "undone" };

/** The state of one building's butler move: the pick waiting for confirmation, the last move (to undo). */
function useBuildingMove(action: Move, buildingId: number, value: number | null) {
  const [current, setCurrent] = useState<number | null>(value);
  const [picked, setPicked] = useState<number | null | undefined>(undefined);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = (to: number | null, expected: number | null, after: (moved: number, from: number | null) => void) =>
    start(async () => {
      setError(null);
      const res = await action({ buildingId, butlerUserId: to, expectedButlerUserId: expected });
      if (!res.ok) return setError(res.fieldErrors ? Object.values(res.fieldErrors)[0][0] : res.message);
      setCurrent(to);
      after(res.data.moved, res.data.previous);
    });
  return {
    current,
    picked,
    done,
    error,
    pending,
    pick: (to: number | null) => (setDone(null), setPicked(to === current ? undefined : to)),
    cancel: () => setPicked(undefined),
    confirm: () =>
      picked !== undefined &&
      run(
        picked,
        current,
        (moved, from) => (setPicked(undefined), setDone({ kind: "moved", moved, from, to: picked })),
      ),
    undo: () => done?.kind === "moved" && run(done.from, done.to, () => setDone({ kind: "undone" })),
  };
}

/**
 * A building's butler, changed with a confirmation that says how many households move, and an
 * undo (a new audited move back) after it.
 */
export function BuildingButlerMove({
  action,
  buildingId,
  value,
  people,
  households,
  label,
}: {
  action: Move;
  buildingId: number;
  value: number | null;
  people: People;
  households: number;
  label: string;
}) {
  const t = useTranslations();
  const m = useBuildingMove(action, buildingId, value);
  const moved = m.done?.kind === "moved" ? m.done : null;
  const nameOf = (id: number | null | undefined) =>
    id == null ? t("registry.unassigned") : (people.find((p) => p.id === id)?.name ?? "—");
  return (
    <div className="space-y-2" data-testid={`building-move-${buildingId}`}>
      <select
        aria-label={label}
        value={m.picked === undefined ? (m.current ?? "") : (m.picked ?? "")}
        disabled={m.pending}
        className="min-h-9 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        onChange={(e) => m.pick(e.target.value === "" ? null : Number(e.target.value))}
      >
        <option value="">{t("registry.unassigned")}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id} data-user-text>
            {p.name}
          </option>
        ))}
      </select>
      {m.picked !== undefined ? (
        <div role="alertdialog" aria-label={label} className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
          <p>
            {withUserTexts((v) => t("registry.move.confirm", { count: households, ...v }), {
              from: nameOf(m.current),
              to: nameOf(m.picked),
            })}
          </p>
          <div className="mt-2 flex gap-2">
            <Button type="button" onClick={m.confirm} disabled={m.pending}>
              {t("registry.move.confirmButton", { count: households })}
            </Button>
            <Button type="button" variant="secondary" onClick={m.cancel} disabled={m.pending}>
              {t("registry.move.cancel")}
            </Button>
          </div>
        </div>
      ) : null}
      {moved ? (
        <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-brand-700">
          <span>
            {withUserTexts((v) => t("registry.move.done", { count: moved.moved, ...v }), { to: nameOf(moved.to) })}
          </span>
          <Button type="button" variant="secondary" onClick={m.undo} disabled={m.pending}>
            {t("registry.move.undo")}
          </Button>
        </p>
      ) : null}
      {m.done?.kind === "undone" ? (
        <p role="status" className="text-sm text-brand-700">
          {t("registry.move.undone")}
        </p>
      ) : null}
      {m.error ? (
        <p role="alert" className="text-sm text-red-600">
          {t(m.error)}
        </p>
      ) : null}
    </div>
  );
}
