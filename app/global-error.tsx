"use client";

/** Last-resort error page when the root layout itself fails: no providers are available, so both languages are shown. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: 32, textAlign: "center" }}>
        <h1>出错了 · Something went wrong</h1>
        <p>页面加载失败，请重试。 · The page failed to load. Please try again.</p>
        <button onClick={reset}>重试 · Try again</button>
      </body>
    </html>
  );
}
