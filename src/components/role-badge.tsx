import { roleLabel } from "@/lib/roles";

const STYLES: Record<string, string> = {
  host: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
  "co-host": "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
  guest: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  other: "bg-stone-200 text-stone-700 dark:bg-stone-800 dark:text-stone-200",
};

export function RoleBadge({ role }: { role: string }) {
  return (
    <span data-role={role} className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[role] ?? STYLES.other}`}>
      {roleLabel(role)}
    </span>
  );
}
