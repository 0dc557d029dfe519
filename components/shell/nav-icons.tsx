import {
  BarChart3,
  BookOpen,
  Building2,
  CircleUserRound,
  ClipboardList,
  Cog,
  HandCoins,
  House,
  Kanban,
  LayoutDashboard,
  LibraryBig,
  MessageSquarePlus,
  PhoneIncoming,
  ReceiptText,
  ScrollText,
  Settings,
  Siren,
  UserCheck,
  UserCog,
  Users,
  UsersRound,
  Wallet,
  Wrench,
  type LucideIcon,
} from "lucide-react";
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
  orders: ClipboardList,
  board: Kanban,
  intake: PhoneIncoming,
  emergency: Siren,
  equipment: Cog,
  kb: LibraryBig,
  skills: Wrench,
  requests: MessageSquarePlus,
  guide: BookOpen,
};

export function NavIconView({ name, className }: { name: NavIcon; className?: string }) {
  const Icon = ICONS[name];
  return <Icon aria-hidden className={className} />;
}
