import { useTranslations } from "next-intl";
import type { SearchEntityDTO } from "@/lib/data/search";
import { isRole } from "@/lib/roles";

type EntityFacts = Pick<SearchEntityDTO, "kind" | "role" | "count" | "context">;

/**
 * The words of an entity card after its name, from the catalogue: "Host · 22 turns",
 * "Topic · 12 turns", "Chapter · “title” · 9 turns", "Show · 3 episodes". For server and client
 * components alike (the "Entities" and "Roles" namespaces reach the browser).
 */
export function useEntityDetails(): (entity: EntityFacts) => string[] {
  const t = useTranslations("Entities");
  const roles = useTranslations("Roles");
  return (entity) => [
    entity.kind === "person" && entity.role ? (isRole(entity.role) ? roles(entity.role) : entity.role) : t(entity.kind),
    ...(entity.context ? [t("context", { title: entity.context })] : []),
    entity.kind === "show" ? t("episodes", { count: entity.count }) : t("turns", { count: entity.count }),
  ];
}
