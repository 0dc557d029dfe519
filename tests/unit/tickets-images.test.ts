import { describe, expect, it } from "vitest";
import { sniffImage } from "@/lib/tickets/images";

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ""), "hex"));

describe("image type by content", () => {
  it.each([
    ["ffd8ffe0 00104a46", "image/jpeg"],
    ["89504e47 0d0a1a0a 0000", "image/png"],
    ["47494638 3961 0100", "image/gif"],
    ["47494638 3761 0100", "image/gif"],
    ["52494646 24000000 57454250 5650", "image/webp"],
  ])("%s → %s", (hex, mime) => expect(sniffImage(bytes(hex))).toBe(mime));
  it.each([
    ["25504446 2d312e37", "a PDF"],
    ["52494646 24000000 57415645", "a WAV (RIFF but not WEBP)"],
    ["47494638 3861", "a bad GIF version"],
    ["ffd8", "a truncated JPEG"],
    ["", "nothing"],
    ["3c737667", "an SVG"],
  ])("%s (%s) → null", (hex) => expect(sniffImage(bytes(hex))).toBeNull());
});
