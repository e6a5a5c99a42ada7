import type { MetadataRoute } from "next";
import { siteUrl } from "@/lib/urls";

// Read at request time: SITE_URL is a run-time setting, not baked in by the build.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  const base = siteUrl();
  return { rules: [{ userAgent: "*", allow: "/", disallow: ["/api/", "/search"] }], sitemap: `${base}/sitemap.xml` };
}
