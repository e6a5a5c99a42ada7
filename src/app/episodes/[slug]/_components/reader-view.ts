// Everything the reader and chapter pages derive from an episode and a URL filter, in one place.
import { speakersOf } from "./episode-breadcrumb";
import type { Locale } from "@/i18n/locales";
import type { EpisodeDTO, TurnDTO } from "@/lib/data/episodes";
import { topicName } from "@/lib/topic-name";
import { countsAsTurn, createTurnMatcher, filterChips, type ReaderFilter } from "@/lib/reader/reader-filter";

export function readerView(episode: EpisodeDTO, requested: ReaderFilter, scope: TurnDTO[], locale: Locale) {
  const speakerIds = new Set(episode.participants.map((p) => p.id));
  const topicIds = new Set(episode.topics.map((t) => t.id));
  const unknown = [...requested.speakers.filter((s) => !speakerIds.has(s)), ...requested.topics.filter((t) => !topicIds.has(t))];
  const filter: ReaderFilter = {
    speakers: requested.speakers.filter((s) => speakerIds.has(s)),
    topics: requested.topics.filter((t) => topicIds.has(t)),
  };
  const matches = createTurnMatcher(scope, filter);
  const speakers = speakersOf(episode);
  const topicNames = new Map(episode.topics.map((t) => [t.id, topicName(t, locale)]));
  const chips = filterChips(
    scope,
    filter,
    episode.participants,
    episode.topics.map((t) => ({ id: t.id, name: topicName(t, locale) })),
  );
  const shown = scope.filter(matches);
  return {
    filter,
    unknown,
    matches,
    speakers,
    topicNames,
    chips,
    shownCount: shown.filter(countsAsTurn).length,
    shownNotes: shown.length - shown.filter(countsAsTurn).length,
    totalCount: scope.filter(countsAsTurn).length,
  };
}
