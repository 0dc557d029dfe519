import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    sessionVersion: number;
    companyId: number | null;
  }
  interface Session {
    uid: number;
    ver: number;
    cid: number | null;
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    ver: number;
    cid: number | null;
    sid?: string;
  }
}
