// Everything the reader and chapter pages derive from an episode and a URL filter, in one place.
import { speakersOf } from "./episode-breadcrumb";
import type { EpisodeDTO, TurnDTO } from "@/lib/data/episodes";
import { createTurnMatcher, filterChips, type ReaderFilter } from "@/lib/reader/reader-filter";

export function readerView(episode: EpisodeDTO, requested: ReaderFilter, scope: TurnDTO[]) {
  const speakerIds = new Set(episode.participants.map((p) => p.id));
  const topicIds = new Set(episode.topics.map((t) => t.id));
  const unknown = [...requested.speakers.filter((s) => !speakerIds.has(s)), ...requested.topics.filter((t) => !topicIds.has(t))];
  const filter: ReaderFilter = {
    speakers: requested.speakers.filter((s) => speakerIds.has(s)),
    topics: requested.topics.filter((t) => topicIds.has(t)),
  };
  const matches = createTurnMatcher(scope, filter);
  const speakers = speakersOf(episode);
  const topicNames = new Map(episode.topics.map((t) => [t.id, t.name]));
  const chips = filterChips(scope, filter, episode.participants, episode.topics);
  return {
    filter,
    unknown,
    matches,
    speakers,
    topicNames,
    chips,
    shownCount: scope.filter(matches).length,
    totalCount: scope.length,
  };
}
