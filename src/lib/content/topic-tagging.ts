// Keyword tagging: a turn is about a topic when its text contains one of the topic's keywords
// or aliases. Case-insensitive. A keyword that starts with a Latin letter or digit must start a
// word ("token" finds "tokens" and "Tokenization", not "detokenize"); Chinese keywords match
// anywhere, since Chinese has no spaces between words.
export interface TopicKeywords {
  id: string;
  keywords: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function compileTopicMatcher(topics: TopicKeywords[]): (text: string) => string[] {
  const compiled = topics.map((topic) => ({
    id: topic.id,
    pattern: new RegExp(
      topic.keywords
        .map((keyword) => (/^[\p{Script=Latin}\d]/u.test(keyword) ? `(?<![\\p{L}\\d])${escapeRegExp(keyword)}` : escapeRegExp(keyword)))
        .join("|"),
      "iu",
    ),
  }));
  return (text) => compiled.filter((topic) => topic.pattern.test(text)).map((topic) => topic.id);
}
