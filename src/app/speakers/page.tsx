import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { guessLanguage } from "@/lib/content-language";
import { listPeople } from "@/lib/data/people";
import { speakerUrl } from "@/lib/urls";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Speakers");
  return { title: t("title"), description: t("description") };
}

export default async function SpeakersPage() {
  const [people, t, locale] = await Promise.all([listPeople(), getTranslations("Speakers"), getLocale()]);
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <ul className="mt-6 grid gap-3 sm:grid-cols-2">
        {people.map((p) => (
          <li
            key={p.id}
            data-speaker-card={p.id}
            className="flex gap-3 rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
          >
            <SpeakerAvatar id={p.id} name={p.name} size="lg" />
            <div>
              <Link href={speakerUrl(p.id)} className="font-semibold hover:underline">
                {p.name}
              </Link>
              <p className="mt-1 flex flex-wrap gap-1">
                {p.roles.map((r) => (
                  <RoleBadge key={r} role={r} />
                ))}
              </p>
              {p.affiliation && (
                <p className="mt-1 text-sm text-stone-700 dark:text-stone-300" lang={guessLanguage(p.affiliation, locale)}>
                  {p.affiliation}
                </p>
              )}
              <p className="mt-1 text-xs text-stone-600 dark:text-stone-400" data-turn-count={p.turnCount}>
                {t("totals", { episodes: p.episodeCount, turns: p.turnCount, characters: p.characters })}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
