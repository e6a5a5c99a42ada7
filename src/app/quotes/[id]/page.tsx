import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { CopyTextButton } from "@/components/copy-text-button";
import { JsonLd } from "@/components/json-ld";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { getLabels } from "@/lib/data/lookups";
import { getQuote } from "@/lib/data/quotes";
import { getTurnTiming } from "@/lib/data/listening";
import { ListenLink } from "@/components/listen-link";
import { formatClock } from "@/lib/content/times";
import { quoteClip } from "@/lib/listen/quote-clip";
import { quoteCitation } from "@/lib/reader/citation";
import { QuoteIdParam } from "@/lib/route-params";
import { blockLanguage, guessLanguage } from "@/lib/content-language";
import { topicName } from "@/lib/topic-name";
import { chapterUrl, episodeUrl, quoteUrl, speakerUrl, topicUrl, turnPermalinkFor, siteUrl } from "@/lib/urls";

type Props = { params: Promise<{ id: string }> };

async function load(params: Props["params"]) {
  const id = QuoteIdParam.safeParse((await params).id);
  if (!id.success) notFound();
  const quote = await getQuote(id.data);
  if (!quote) notFound();
  return quote;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const quote = await load(params);
  const title = `“${quote.text.length > 40 ? `${[...quote.text].slice(0, 40).join("")}…` : quote.text}” — ${quote.speakerName}`;
  const description = quoteCitation(quote);
  return {
    title,
    description,
    alternates: { canonical: quoteUrl(quote.id) },
    openGraph: { title, description, type: "article", url: quoteUrl(quote.id) },
    twitter: { card: "summary", title, description },
  };
}

export default async function QuotePage({ params }: Props) {
  const [quote, labels, t, common, format, locale, text] = await Promise.all([
    load(params),
    getLabels(),
    getTranslations("Quote"),
    getTranslations("Common"),
    getFormatter(),
    getLocale(),
    getTranslations("Listen"),
  ]);
  const base = siteUrl();
  // The quote as a clip of the cues its sentence covers (else its turn's times), when there is audio.
  const timing = await getTurnTiming(quote.episode, quote.turnId);
  const clip = timing?.hasAudio ? quoteClip(quote.text, timing) : null;
  const lang = blockLanguage(quote.text, quote.language);
  const topicLabel = (id: string) => {
    const ref = labels.topicRefs.get(id);
    return ref ? topicName(ref, locale) : id;
  };
  return (
    <article data-quote-page={quote.id}>
      <JsonLd
        data={{
          "@type": "Quotation",
          text: quote.text,
          url: `${base}${quoteUrl(quote.id)}`,
          creator: quote.speakerId
            ? { "@type": "Person", name: quote.speakerName, url: `${base}${speakerUrl(quote.speakerId)}` }
            : undefined,
          isPartOf: {
            "@type": "PodcastEpisode",
            name: quote.episodeTitle,
            url: `${base}${episodeUrl(quote.episode)}`,
            datePublished: quote.publishedAt,
          },
          about: quote.topics.map((t) => labels.topics.get(t) ?? t),
        }}
      />
      <p className="breadcrumb text-sm text-stone-600 dark:text-stone-400">
        <Link href="/quotes" className="hover:underline">
          {t("breadcrumb")}
        </Link>
      </p>
      <h1 className="sr-only">{t("heading", { who: quote.speakerName ?? common("editorNote") })}</h1>
      <figure className="mt-4 rounded-2xl border border-stone-200 bg-white p-6 dark:border-stone-800 dark:bg-stone-900">
        <blockquote className="prose-turn text-xl leading-relaxed sm:text-2xl" data-testid="quote-text" lang={lang}>
          “{quote.text}”
        </blockquote>
        <figcaption className="mt-4 flex flex-wrap items-center gap-2">
          {quote.speakerId && quote.speakerName && (
            <>
              <SpeakerAvatar id={quote.speakerId} name={quote.speakerName} />
              <Link href={speakerUrl(quote.speakerId)} className="font-semibold hover:underline">
                {quote.speakerName}
              </Link>
            </>
          )}
          {quote.role && <RoleBadge role={quote.role} />}
          <span className="text-sm text-stone-600 dark:text-stone-400">
            <span lang={guessLanguage(quote.showName, quote.language)}>{quote.showName}</span> ·{" "}
            <Link href={episodeUrl(quote.episode)} className="hover:underline" lang={quote.language}>
              {quote.episodeTitle}
            </Link>{" "}
            ·{" "}
            <Link href={chapterUrl(quote.episode, quote.chapter)} className="hover:underline">
              {t.rich("chapter", {
                n: quote.chapter,
                title: quote.chapterTitle,
                content: (chunks) => <span lang={quote.language}>{chunks}</span>,
              })}
            </Link>{" "}
            · <time dateTime={quote.publishedAt}>{format.dateTime(new Date(quote.publishedAt), { dateStyle: "long" })}</time>
          </span>
        </figcaption>
      </figure>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        {clip && (
          <ListenLink
            slug={quote.episode}
            moment={clip}
            turnId={quote.turnId}
            label={
              clip.end !== null
                ? text("listenToQuote", { start: formatClock(clip.start * 1000), end: formatClock(clip.end * 1000) })
                : text("listenToQuoteFrom", { time: formatClock(clip.start * 1000) })
            }
          />
        )}
        <CopyTextButton text={quoteCitation(quote, `${base}${quoteUrl(quote.id)}`)} label={t("copyCitation")} />
        <a
          href={turnPermalinkFor(quote.episode, quote.turnId, `"${quote.text}"`)}
          className="text-sm underline underline-offset-2"
          data-testid="quote-in-context"
        >
          {t("inContext")}
          <span aria-hidden="true"> →</span>
        </a>
      </div>
      <p
        className="mt-3 select-all rounded bg-stone-100 px-3 py-2 font-mono text-xs text-stone-700 dark:bg-stone-900 dark:text-stone-300"
        data-testid="citation"
        lang={lang}
      >
        {quoteCitation(quote)}
      </p>
      {quote.topics.length > 0 && (
        <ul className="mt-4 flex flex-wrap gap-1.5" aria-label={common("topicsLabel")}>
          {quote.topics.map((id) => (
            <li key={id}>
              <Link href={topicUrl(id)} className="topic-chip">
                {topicLabel(id)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
