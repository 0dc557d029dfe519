import { BookOpen, CalendarDays, Inbox, Megaphone, QrCode, ReceiptText, ShoppingBag } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

const TILES = [
  { href: "/community/notices", key: "notices", Icon: Megaphone },
  { href: "/community/activities", key: "activities", Icon: CalendarDays },
  { href: "/shop", key: "shop", Icon: ShoppingBag },
  { href: "/guide", key: "guide", Icon: BookOpen },
  { href: "/bills", key: "bills", Icon: ReceiptText },
  { href: "/notifications", key: "inbox", Icon: Inbox },
  { href: "/visitors", key: "visitors", Icon: QrCode },
] as const;

/** The portal's quick links as a grid of tiles. */
export async function PortalTiles({ only }: { only?: readonly string[] }) {
  const t = await getTranslations("portal.community");
  return (
    <ul className="grid grid-cols-3 gap-3">
      {TILES.filter((x) => !only || only.includes(x.key)).map(({ href, key, Icon }) => (
        <li key={key}>
          <Link
            href={href}
            className="flex h-full flex-col items-center gap-2 rounded-lg bg-white p-3 text-center text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-200 hover:ring-brand-600"
          >
            <Icon aria-hidden className="h-6 w-6 text-brand-700" />
            {t(key)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
