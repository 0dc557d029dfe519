import { CircleUserRound, FileUp, House, LayoutDashboard, ScrollText, Settings, Users, type LucideIcon } from "lucide-react";
import type { NavIcon } from "@/lib/nav";

const ICONS: Record<NavIcon, LucideIcon> = {
  dashboard: LayoutDashboard,
  users: Users,
  audit: ScrollText,
  settings: Settings,
  home: House,
  me: CircleUserRound,
  import: FileUp,
};

export function NavIconView({ name, className }: { name: NavIcon; className?: string }) {
  const Icon = ICONS[name];
  return <Icon aria-hidden className={className} />;
}
