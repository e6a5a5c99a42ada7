import { useTranslations } from "next-intl";
import { isRole } from "@/lib/roles";

const STYLES: Record<string, string> = {
  host: "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200",
  "co-host": "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200",
  guest: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  other: "bg-stone-200 text-stone-800 dark:bg-stone-800 dark:text-stone-200",
};

export function RoleBadge({ role }: { role: string }) {
  const t = useTranslations("Roles");
  return (
    <span data-role={role} className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[role] ?? STYLES.other}`}>
      {isRole(role) ? t(role) : role}
    </span>
  );
}
