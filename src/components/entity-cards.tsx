import Link from "next/link";
import { useTranslations } from "next-intl";
import type { SearchEntityDTO } from "@/lib/data/search";
import { SpeakerAvatar } from "./speaker-avatar";
import { useEntityDetails } from "./entity-details";

/** People, topics, shows, episodes and chapters a query names: a card each, linking to its page. */
export function EntityCards({ entities }: { entities: SearchEntityDTO[] }) {
  const t = useTranslations("Entities");
  const entityDetails = useEntityDetails();
  if (entities.length === 0) return null;
  return (
    <section aria-label={t("label")} className="mt-4">
      <ul className="grid gap-2 sm:grid-cols-2">
        {entities.map((entity) => (
          <li key={`${entity.kind}:${entity.id}`} data-entity={`${entity.kind}:${entity.id}`}>
            <Link
              href={entity.url}
              aria-label={[entity.name, ...entityDetails(entity)].join(" · ")}
              className="flex items-center gap-3 rounded-xl border border-stone-200 bg-white px-4 py-3 hover:border-stone-400 dark:border-stone-800 dark:bg-stone-900 dark:hover:border-stone-600"
            >
              {entity.kind === "person" ? (
                <SpeakerAvatar id={entity.id} name={entity.name} />
              ) : (
                <span
                  aria-hidden
                  className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-stone-100 text-xs font-semibold text-stone-600 dark:bg-stone-800 dark:text-stone-300"
                >
                  {t(entity.kind).slice(0, 1)}
                </span>
              )}
              <span className="min-w-0">
                <span className="block truncate font-semibold">{entity.name}</span>
                <span className="block truncate text-xs text-stone-600 dark:text-stone-400" data-entity-details>
                  {entityDetails(entity).join(" · ")}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
