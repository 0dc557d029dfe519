"use client";
import messages from "@/lib/i18n/bundles/en";
import { bundleProvider } from "./bundle-provider";

/** English messages for client components (a separate module, so a Chinese page never loads them). */
export const EnIntlProvider = bundleProvider("en", messages);
