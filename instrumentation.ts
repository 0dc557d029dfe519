/** Runs once when the server starts (Next.js instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressStamp } = await import("./lib/auth/peer-address");
    installPeerAddressStamp();
  }
}
