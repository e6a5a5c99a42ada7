/** Headers on every response (next.config.ts for pages and assets; src/proxy.ts for its own answers). */
export const SECURITY_HEADERS: Array<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Other sites may not embed our responses (scripts, images, JSON) in their pages.
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];
