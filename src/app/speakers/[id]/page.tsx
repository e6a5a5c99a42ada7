import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { TurnCard } from "@/components/turn-card";
import { BarChart } from "@/components/charts/bar-chart";
import { JsonLd } from "@/components/json-ld";
import { EpisodePager } from "@/components/pager";
import { getEpisode } from "@/lib/data/episodes";
import { getLabels } from "@/lib/data/lookups";
import { APPEARANCES_PER_PAGE, getPerson } from "@/lib/data/people";
import { listQuotes } from "@/lib/data/quotes";
import { groupExchanges } from "@/lib/reader/exchanges";
import { excerpt } from "@/lib/reader/excerpt";
import { speechByChapter, topTopics } from "@/lib/reader/speaker-stats";
import { blockLanguage, guessLanguage } from "@/lib/content-language";
import { PersonIdParam, parseRouteQuery } from "@/lib/route-params";
import { topicName } from "@/lib/topic-name";
import { chapterUrl, episodeUrl, exchangeUrl, quoteUrl, speakerUrl, turnInReader, siteUrl } from "@/lib/urls";
import { chapterLabel } from "@/lib/reader/chapter-label";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load({ params, searchParams }: Props) {
  const id = PersonIdParam.safeParse((await params).id);
  const query = parseRouteQuery("/speakers/[id]", await searchParams);
  if (!id.success || !query.ok) notFound();
  const person = await getPerson(id.data, { page: query.data.page });
  if (!person || person.page > person.pages) notFound();
  return person;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [person, t] = await Promise.all([load(props), getTranslations("Speaker")]);
  const description = person.bio || t("description", { name: person.name, episodes: person.episodeCount, turns: person.turnCount });
  return {
    title: person.name,
    description,
    alternates: { canonical: speakerUrl(person.id) },
    openGraph: { title: person.name, description, type: "profile" },
  };
}

export default async function SpeakerPage(props: Props) {
  const person = await load(props);
  const [quotes, labels, episodes, t, common, speakers, chart, format, locale] = await Promise.all([
    listQuotes({ speaker: person.id }),
    getLabels(),
    Promise.all(person.appearances.map((a) => getEpisode(a.episode.slug))),
    getTranslations("Speaker"),
    getTranslations("Common"),
    getTranslations("Speakers"),
    getTranslations("Chart"),
    getFormatter(),
    getLocale(),
  ]);
  const topicLabel = (id: string) => {
    const topic = labels.topicRefs.get(id);
    return topic ? topicName(topic, locale) : id;
  };
  const base = siteUrl();
  return (
    <article data-person={person.id}>
      <JsonLd
        data={{
          "@type": "Person",
          name: person.name,
          description: person.bio || undefined,
          jobTitle: person.affiliation ?? undefined,
          url: `${base}${speakerUrl(person.id)}`,
          subjectOf: person.allAppearances.map((a) => ({
            "@type": "PodcastEpisode",
            name: a.episode.title,
            url: `${base}${episodeUrl(a.episode.slug)}`,
          })),
        }}
      />
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
            <p className="mt-1 text-sm text-stone-700 dark:text-stone-300" lang={guessLanguage(person.affiliation, locale)}>
              {person.affiliation}
            </p>
          )}
        </div>
      </header>
      {person.bio && (
        <p className="mt-4 leading-relaxed text-stone-800 dark:text-stone-200" lang={guessLanguage(person.bio, locale)}>
          {person.bio}
        </p>
      )}
      <p className="mt-3 text-sm text-stone-600 dark:text-stone-400" data-testid="speaker-totals" data-turn-count={person.turnCount}>
        {speakers("totals", { episodes: person.episodeCount, turns: person.turnCount, characters: person.characters })}
      </p>

      {quotes.length > 0 && (
        <section className="mt-8" aria-labelledby="their-quotes">
          <h2 id="their-quotes" className="text-lg font-semibold">
            {t("quotes")}
          </h2>
          <ul className="mt-2 space-y-2">
            {quotes.map((quote) => (
              <li key={quote.id} data-speaker-quote={quote.id}>
                <Link
                  href={quoteUrl(quote.id)}
                  className="block rounded-lg border border-stone-200 px-3 py-2 hover:border-stone-400 dark:border-stone-800"
                >
                  <span lang={blockLanguage(quote.text, quote.language)}>“{quote.text}”</span>{" "}
                  <span className="text-xs text-stone-600 dark:text-stone-400">{common("chapterN", { n: quote.chapter })}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {person.appearances.map((appearance, index) => {
        const episode = episodes[index]!;
        const theirTurns = appearance.chapters.flatMap((c) => c.turns.map((t) => ({ ...t, chapterNumber: c.number })));
        const byChapter = speechByChapter(episode.chapters, theirTurns);
        const exchanges = groupExchanges(episode.chapters.flatMap((c) => c.turns));
        const asked = exchanges.filter((e) => e.question?.speakerId === person.id);
        const answered = exchanges.filter((e) => e.question?.speakerId !== person.id && e.answers.some((a) => a.speakerId === person.id));
        const topics = topTopics(theirTurns);
        return (
          <section key={appearance.episode.slug} className="mt-10" data-appearance={appearance.episode.slug}>
            <h2 className="text-lg font-semibold">
              <Link
                href={`${episodeUrl(appearance.episode.slug)}?speaker=${person.id}`}
                className="hover:underline"
                lang={episode.language}
              >
                {appearance.episode.title}
              </Link>
            </h2>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-stone-600 dark:text-stone-400">
              <span lang={guessLanguage(appearance.episode.showName, locale)}>{appearance.episode.showName}</span> ·{" "}
              <time dateTime={appearance.episode.publishedAt}>
                {format.dateTime(new Date(appearance.episode.publishedAt), { dateStyle: "long" })}
              </time>{" "}
              · <RoleBadge role={appearance.role} /> ·{" "}
              <span data-turn-count={appearance.turnCount}>{t("appearanceMeta", { turns: appearance.turnCount })}</span>
            </p>
            {appearance.intro && (
              <p className="mt-1 text-sm text-stone-700 dark:text-stone-300">
                {t.rich("intro", {
                  intro: appearance.intro,
                  content: (chunks) => <span lang={blockLanguage(appearance.intro!, episode.language)}>{chunks}</span>,
                })}
              </p>
            )}

            <BarChart
              id={`speech-${appearance.episode.slug}`}
              title={t("chartTitle", { name: person.name })}
              unit={chart("unitCharacters")}
              labelLang={episode.language}
              bars={byChapter.map((c) => ({
                label: chapterLabel({ number: c.chapter, title: c.title }, common("untitledChapter")),
                value: c.characters,
              }))}
            />

            <div className="mt-4 grid gap-6 sm:grid-cols-2">
              <div>
                <h3 className="font-semibold">{t("asked", { count: asked.length })}</h3>
                <ul className="mt-1 space-y-1 text-sm" data-testid="asked">
                  {asked.map((e) => (
                    <li key={e.n}>
                      <Link href={exchangeUrl(appearance.episode.slug, e.n)} className="hover:underline">
                        <span className="font-mono text-xs text-stone-600 dark:text-stone-400">Q{e.n}</span>{" "}
                        <span lang={blockLanguage(e.question!.text, episode.language)}>{excerpt(e.question!.text, 40)}</span>
                      </Link>
                    </li>
                  ))}
                  {asked.length === 0 && <li className="text-stone-600 dark:text-stone-400">{common("none")}</li>}
                </ul>
              </div>
              <div>
                <h3 className="font-semibold">{t("answered", { count: answered.length })}</h3>
                <ul className="mt-1 space-y-1 text-sm" data-testid="answered">
                  {answered.map((e) => (
                    <li key={e.n}>
                      <Link href={exchangeUrl(appearance.episode.slug, e.n)} className="hover:underline">
                        <span className="font-mono text-xs text-stone-600 dark:text-stone-400">Q{e.n}</span>{" "}
                        {e.question ? (
                          <span lang={blockLanguage(e.question.text, episode.language)}>{excerpt(e.question.text, 40)}</span>
                        ) : (
                          common("noQuestion")
                        )}
                      </Link>
                    </li>
                  ))}
                  {answered.length === 0 && <li className="text-stone-600 dark:text-stone-400">{common("none")}</li>}
                </ul>
              </div>
            </div>

            {topics.length > 0 && (
              <div className="mt-4">
                <h3 className="font-semibold">{t("topTopics")}</h3>
                <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="top-topics">
                  {topics.map((tt) => (
                    <li key={tt.topic}>
                      <Link href={`${episodeUrl(appearance.episode.slug)}?speaker=${person.id}&topic=${tt.topic}`} className="topic-chip">
                        {topicLabel(tt.topic)} <span className="text-stone-600 dark:text-stone-400">{tt.turns}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            )}

            <h3 className="mt-6 font-semibold">{t("allTurns")}</h3>
            {appearance.chapters.map((chapter) => (
              <div key={chapter.number} className="mt-4">
                <h4 className="flex items-baseline gap-2 border-b border-stone-200 pb-1 font-semibold dark:border-stone-800">
                  <Link href={chapterUrl(appearance.episode.slug, chapter.number)} className="hover:underline">
                    {chapter.title ? (
                      <>
                        <span className="mr-1 font-mono text-stone-600 dark:text-stone-400">{String(chapter.number).padStart(2, "0")}</span>
                        <span lang={episode.language}>{chapter.title}</span>
                      </>
                    ) : (
                      common("untitledChapter")
                    )}
                  </Link>
                  <span className="text-xs font-normal text-stone-600 dark:text-stone-400" data-chapter-count={chapter.number}>
                    {common("turns", { count: chapter.turns.length })}
                  </span>
                </h4>
                {chapter.turns.map((turn) => (
                  <TurnCard
                    key={turn.turnId}
                    turn={{ ...turn, speakerId: person.id, startSeconds: null }}
                    speaker={{ id: person.id, name: person.name, role: appearance.role }}
                    language={episode.language}
                    anchorHref={turnInReader(appearance.episode.slug, turn.turnId)}
                  />
                ))}
              </div>
            ))}
          </section>
        );
      })}

      <EpisodePager
        url={speakerUrl(person.id)}
        page={person.page}
        pages={person.pages}
        perPage={APPEARANCES_PER_PAGE}
        testId="appearance-pages"
      />
    </article>
  );
}
