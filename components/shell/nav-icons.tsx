import { BarChart3, Building2, CircleUserRound, HandCoins, House, LayoutDashboard, ReceiptText, ScrollText, Settings, UserCheck, UserCog, Users, UsersRound, Wallet, type LucideIcon } from "lucide-react";
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
  billing: Wallet,
  cashier: HandCoins,
  reports: BarChart3,
  bills: ReceiptText,
  registrations: UserCheck,
};

export function NavIconView({ name, className }: { name: NavIcon; className?: string }) {
  const Icon = ICONS[name];
  return <Icon aria-hidden className={className} />;
}
