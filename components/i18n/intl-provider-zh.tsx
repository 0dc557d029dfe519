"use client";
import messages from "@/lib/i18n/bundles/zh-CN";
import { bundleProvider } from "./bundle-provider";

/** Simplified Chinese messages for client components (a separate module, so an English page never loads them). */
export const ZhIntlProvider = bundleProvider("zh-CN", messages);
