import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { TurnCard } from "@/components/turn-card";
import { getPerson } from "@/lib/data/people";
import { PersonIdParam } from "@/lib/route-params";
import { chapterUrl, episodeUrl, speakerUrl, turnInReader } from "@/lib/urls";

type Props = { params: Promise<{ id: string }> };

async function load(params: Props["params"]) {
  const id = PersonIdParam.safeParse((await params).id);
  if (!id.success) notFound();
  const person = await getPerson(id.data);
  if (!person) notFound();
  return person;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const person = await load(params);
  const description = person.bio || `${person.name} 在 ${person.episodeCount} 期访谈中的 ${person.turnCount} 段发言`;
  return {
    title: person.name,
    description,
    alternates: { canonical: speakerUrl(person.id) },
    openGraph: { title: person.name, description, type: "profile" },
  };
}

export default async function SpeakerPage({ params }: Props) {
  const person = await load(params);
  return (
    <article data-person={person.id}>
      <header className="flex items-start gap-4">
        <SpeakerAvatar id={person.id} name={person.name} size="lg" />
        <div>
          <h1 className="text-2xl font-bold">{person.name}</h1>
          <p className="mt-1 flex flex-wrap gap-1">
            {person.roles.map((r) => (
              <RoleBadge key={r} role={r} />
            ))}
          </p>
          {person.affiliation && !person.bio.startsWith(person.affiliation) && (
            <p className="mt-1 text-sm text-stone-600 dark:text-stone-300">{person.affiliation}</p>
          )}
        </div>
      </header>
      {person.bio && <p className="mt-4 leading-relaxed text-stone-700 dark:text-stone-300">{person.bio}</p>}
      <p className="mt-3 text-sm text-stone-500 dark:text-stone-400" data-testid="speaker-totals">
        {person.episodeCount} 期 · {person.turnCount} 段发言 · {person.characters.toLocaleString("zh-CN")} 字
      </p>

      {person.appearances.map((appearance) => (
        <section key={appearance.episode.slug} className="mt-10" data-appearance={appearance.episode.slug}>
          <h2 className="text-lg font-semibold">
            <Link href={`${episodeUrl(appearance.episode.slug)}?speaker=${person.id}`} className="hover:underline">
              {appearance.episode.title}
            </Link>
          </h2>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-stone-500 dark:text-stone-400">
            {appearance.episode.showName} · {appearance.episode.publishedAt} · <RoleBadge role={appearance.role} /> · {appearance.turnCount}{" "}
            段
          </p>
          {appearance.intro && <p className="mt-1 text-sm text-stone-600 dark:text-stone-300">本期介绍:{appearance.intro}</p>}
          {appearance.chapters.map((chapter) => (
            <div key={chapter.number} className="mt-6">
              <h3 className="flex items-baseline gap-2 border-b border-stone-200 pb-1 font-semibold dark:border-stone-800">
                <Link href={chapterUrl(appearance.episode.slug, chapter.number)} className="hover:underline">
                  <span className="mr-1 font-mono text-stone-400">{String(chapter.number).padStart(2, "0")}</span>
                  {chapter.title}
                </Link>
                <span className="text-xs font-normal text-stone-500" data-chapter-count={chapter.number}>
                  {chapter.turns.length} 段
                </span>
              </h3>
              {chapter.turns.map((turn) => (
                <TurnCard
                  key={turn.turnId}
                  turn={{ ...turn, speakerId: person.id, startSeconds: null }}
                  speaker={{ id: person.id, name: person.name, role: appearance.role }}
                  anchorHref={turnInReader(appearance.episode.slug, turn.turnId)}
                />
              ))}
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}
