import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BoardRounds, BoardTasks } from "@/components/field/board-lists";
import { HandoverCard } from "@/components/field/handover";
import { RoutesCard } from "@/components/field/routes-card";
import { TeamCounts, type Team } from "@/components/field/team-board";
import { FilterCard, FilterSelect, communityOptions } from "@/components/ui/filter-card";
import { PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { fieldBoard } from "@/lib/field/board";
import { planOptions } from "@/lib/field/plan-queries";
import { handoverNotes } from "@/lib/field/queries";
import { teamCounts } from "@/lib/field/team-counts";
import { addDays, weekStart } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/zone";
import { handoverAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("field.board"))("title") };
}

type Query = { team?: string; community?: string; status?: string; period?: string };
const pick = <T extends string>(v: string | undefined, values: readonly T[]) => values.find((x) => x === v) ?? null;

/**
 * The supervisor's field board (issue 19 points 2 and 7): per team (cleaning / security) and
 * community, today's and this week's done / late / missed figures, each a link to the rows behind
 * it; by default the last 7 days' overdue cleaning tasks and missed or late rounds; the guards'
 * shift handover notes; the routes' QR sheets.
 */
export default async function FieldBoardPage({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requireUser(FIELD_SUPERVISOR_ROLES);
  const q = await searchParams;
  const t = await getTranslations("field");
  const db = getDb();
  const today = localDate(new Date(), user.timeZone);
  const team = pick(q.team, ["cleaning", "security"] as const);
  const status = pick(q.status, ["done", "late", "missed"] as const);
  const period = pick(q.period, ["today", "week"] as const);
  const options = await planOptions(db, user.companyId);
  const communityId = options.communities.find((c) => String(c.id) === q.community)?.id ?? null;
  const from = period === "today" ? today : period === "week" ? weekStart(today) : addDays(today, -6);
  const [board, counts, notes] = await Promise.all([
    fieldBoard(db, user.companyId, { from, team, communityId, status }),
    teamCounts(db, user.companyId, { today, weekFrom: weekStart(today), communityId }),
    handoverNotes(db, user.companyId, communityId ? [communityId] : options.communities.map((c) => c.id), 5),
  ]);
  const href = (p: { team: Team; status: string; period: string }) =>
    `/staff/field/board?${new URLSearchParams({ ...p, ...(communityId ? { community: String(communityId) } : {}) })}`;
  const teams = (["cleaning", "security"] as const).filter((x) => !team || x === team);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("board.title")}
        subtitle={
          status && period
            ? `${t(`board.team.${team ?? "cleaning"}`)} · ${t(`board.${period}`)} · ${t(`board.outcome.${status}`)}`
            : t("board.subtitle")
        }
        actions={
          <div className="flex flex-wrap gap-3 text-sm">
            <Link href="/staff/field/routes" className="text-brand-700 hover:underline">
              {t("board.manageRoutes")}
            </Link>
            <Link href="/staff/field/areas" className="text-brand-700 hover:underline">
              {t("board.manageAreas")}
            </Link>
          </div>
        }
      />
      <FilterCard submitLabel={t("board.filter")}>
        <FilterSelect
          label={t("board.filterTeam")}
          name="team"
          defaultValue={team ?? ""}
          allLabel={t("board.allTeams")}
          options={(["cleaning", "security"] as const).map((x) => ({ value: x, label: t(`board.team.${x}`) }))}
        />
        <FilterSelect
          label={t("board.filterCommunity")}
          name="community"
          defaultValue={communityId ?? ""}
          allLabel={t("board.allCommunities")}
          options={communityOptions(options.communities)}
        />
      </FilterCard>
      <div className="grid gap-4 md:grid-cols-2">
        {teams.map((x) => (
          <TeamCounts key={x} team={x} counts={counts[x]} href={href} />
        ))}
      </div>
      {team !== "cleaning" ? <BoardRounds rounds={board.rounds} status={status} /> : null}
      {team !== "security" ? <BoardTasks tasks={board.tasks} status={status} /> : null}
      <HandoverCard places={[]} notes={notes} timeZone={user.timeZone} action={handoverAction} />
      <RoutesCard routes={board.routes} />
    </div>
  );
}
