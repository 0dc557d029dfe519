import type { Role } from "../../lib/auth/roles";

/** The one password of every seeded account (demo and bench). Demo data only. */
export const DEMO_PASSWORD = "Guanjia@2026";

/** The company `npm run db:seed` creates; the demo logins belong to it. */
export const DEMO_COMPANY_NAME = "示范物业";

/** The company `npm run db:seed -- --households N` creates for benchmarks. */
export const BENCH_COMPANY_NAME = "大型示范物业";

export interface DemoLogin {
  role: Role;
  email: string;
  phone: string;
  password: string;
  name: string;
}

/**
 * One fixed sign-in per role in 示范物业. The README and the e2e tests read this list.
 * butler@ serves 翠湖花园 buildings 1–4, pm@ runs 翠湖花园, and resident@ is the owner of a
 * flat plus a parking space in 翠湖花园 1栋.
 */
export const DEMO_LOGINS = [
  { role: "admin", email: "admin@demo.guanjia.cn", phone: "13800000001", password: DEMO_PASSWORD, name: "王建国" },
  { role: "butler", email: "butler@demo.guanjia.cn", phone: "13800000002", password: DEMO_PASSWORD, name: "李娜" },
  {
    role: "supervisor",
    email: "supervisor@demo.guanjia.cn",
    phone: "13800000003",
    password: DEMO_PASSWORD,
    name: "张伟",
  },
  { role: "project_manager", email: "pm@demo.guanjia.cn", phone: "13800000004", password: DEMO_PASSWORD, name: "刘洋" },
  {
    role: "front_desk",
    email: "frontdesk@demo.guanjia.cn",
    phone: "13800000005",
    password: DEMO_PASSWORD,
    name: "陈静",
  },
  { role: "technician", email: "tech@demo.guanjia.cn", phone: "13800000006", password: DEMO_PASSWORD, name: "杨磊" },
  { role: "finance", email: "finance@demo.guanjia.cn", phone: "13800000007", password: DEMO_PASSWORD, name: "赵敏" },
  { role: "hr", email: "hr@demo.guanjia.cn", phone: "13800000008", password: DEMO_PASSWORD, name: "黄丽" },
  { role: "legal", email: "legal@demo.guanjia.cn", phone: "13800000009", password: DEMO_PASSWORD, name: "周杰" },
  { role: "cleaner", email: "cleaner@demo.guanjia.cn", phone: "13800000011", password: DEMO_PASSWORD, name: "孙秀英" },
  { role: "guard", email: "guard@demo.guanjia.cn", phone: "13800000012", password: DEMO_PASSWORD, name: "马强" },
  {
    role: "resident",
    email: "resident@demo.guanjia.cn",
    phone: "13800000010",
    password: DEMO_PASSWORD,
    name: "吴晓明",
  },
] as const satisfies readonly DemoLogin[];

export function demoLogin(role: Role): DemoLogin {
  const login = DEMO_LOGINS.find((l) => l.role === role);
  if (!login) throw new Error(`no demo login for role ${role}`);
  return login;
}
