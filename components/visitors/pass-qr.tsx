import QRCode from "qrcode";

/** The QR code of a pass link, as inline SVG made on the server (nothing is fetched from elsewhere). */
export async function PassQr({ value, label }: { value: string; label: string }) {
  const svg = await QRCode.toString(value, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="pass-qr"
      className="mx-auto w-56 max-w-full bg-white [&>svg]:h-auto [&>svg]:w-full"
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
