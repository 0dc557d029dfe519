import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { withUserText } from "@/components/ui/user-text";

describe("withUserText", () => {
  it("keeps the translated sentence around the value and marks only the value as user text", () => {
    const html = renderToStaticMarkup(withUserText((names) => `Not reached: ${names}.`, "西门, 水泵房"));
    expect(html).toBe('Not reached: <span data-user-text="true">西门, 水泵房</span>.');
  });
  it("works when the value opens the sentence (word order of another language)", () => {
    const html = renderToStaticMarkup(withUserText((name) => `${name}的数量`, "大米"));
    expect(html).toBe('<span data-user-text="true">大米</span>的数量');
  });
});
