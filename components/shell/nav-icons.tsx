import { Building2, CircleUserRound, FileUp, House, LayoutDashboard, ScrollText, Settings, UserCheck, UserCog, Users, UsersRound, type LucideIcon } from "lucide-react";
import type { NavIcon } from "@/lib/nav";

const ICONS: Record<NavIcon, LucideIcon> = {
  dashboard: LayoutDashboard,
  users: Users,
  audit: ScrollText,
  settings: Settings,
  home: House,
  me: CircleUserRound,
  buildings: Building2,
  households: UsersRound,
  butlers: UserCog,
  registrations: UserCheck,
  import: FileUp,
};

export function NavIconView({ name, className }: { name: NavIcon; className?: string }) {
  const Icon = ICONS[name];
  return <Icon aria-hidden className={className} />;
}
