import QRCode from "qrcode";

/** The otpauth:// URI as an SVG image in a data URL: rendered on the server, so the page needs no script. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
