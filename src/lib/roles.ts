import type { Role } from "./content/schemas";

export const ROLE_LABELS: Record<Role, string> = {
  host: "主持人",
  "co-host": "联合主持",
  guest: "嘉宾",
  other: "其他发言人",
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}
