import type { MetadataRoute } from "next";

/** The web app manifest: residents can install Guanjia on their phone's home screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "管家 Guanjia",
    short_name: "管家",
    description: "物业服务：缴费、报修、公告、社区活动与网购 — property services for residents",
    start_url: "/home",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#f8fafc",
    theme_color: "#167257",
    lang: "zh-CN",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
